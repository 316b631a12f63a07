using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// Sort along one dimension: one workgroup per row runs a bitonic network over a permutation of the row held in
/// shared memory (padded to a power of two; padding sorts last). Comparisons read the keys from the operands,
/// lexicographically, in the IR's total order for floats (-inf &lt; ... &lt; -0 &lt; +0 &lt; ... &lt; +inf &lt; NaN);
/// equal keys are ordered by their original position, which makes every sort stable. All operands are then
/// permuted into the outputs. Rows longer than shared memory allows run the same network over a permutation in
/// global memory (<see cref="LongRowSort"/>).
/// </summary>
internal static class SortGenerator
{
    private const int GroupSize = 256;

    public static IReadOnlyList<KernelPass> Generate(SortKernel k, GenerationContext ctx)
    {
        var shape = k.Operands[0].Shape;
        var total = Shapes.Count(shape);
        if (total == 0) return [];
        var length = shape[k.Dimension];
        var padded = 1;
        while (padded < length) padded <<= 1;
        var block = SharedBlock(ctx.Target);
        var rows = total / length;
        if (padded > block) return LongRowSort.Generate(k, ctx, rows, padded, block);
        var stride = Stride(k);
        var w = ctx.Writer(GroupSize);
        w.Global($"shared uint perm[{padded}];");
        var row = w.Let("int", "int(jx_group())", "row");
        var lid = w.Let("int", "int(gl_LocalInvocationID.x)", "lid");
        var baseOffset = RowBase(w, k, row);
        var less = LessHelper(w, k, length, stride);

        w.Line($"for (int i = {lid}; i < {padded}; i += {GroupSize}) perm[i] = uint(i);");
        w.Line("barrier();");
        CompareExchange(w, less, baseOffset, lid, padded, "0u", $"for (uint size = 2u; size <= {padded}u; size <<= 1)", "size >> 1");
        w.Open($"for (int i = {lid}; i < {length}; i += {GroupSize})");
        MoveElement(w, k, baseOffset, "i", "int(perm[i])", stride);
        w.Close();
        return [ShaderPass.From(w, rows)];
    }

    /// <summary>
    /// Emits the bitonic network's compare-exchange steps over the shared array <c>perm</c> of
    /// <paramref name="length"/> slots, which hold positions <paramref name="first"/> onwards of the row: for each
    /// sorted-run size of <paramref name="sizeLoop"/>, distances from <paramref name="firstDistance"/> down to 1.
    /// The direction of a run follows from its position in the whole row, so blocks can be merged later.
    /// </summary>
    internal static void CompareExchange(ShaderWriter w, string less, string baseOffset, string lid, int length, string first,
        string sizeLoop, string firstDistance)
    {
        w.Open(sizeLoop);
        w.Open($"for (uint j = {firstDistance}; j > 0u; j >>= 1)");
        w.Open($"for (uint t = uint({lid}); t < {length}u; t += {GroupSize}u)");
        w.Line("uint l = t ^ j;");
        w.Open("if (l > t)");
        w.Line("uint a = perm[t], b = perm[l];");
        w.Line($"if ({less}({baseOffset}, b, a) == ((({first} + t) & size) == 0u)) {{ perm[t] = b; perm[l] = a; }}");
        w.Close();
        w.Close();
        w.Line("barrier();");
        w.Close();
        w.Close();
    }

    /// <summary>Emits the move of every operand's element <paramref name="source"/> of the row to position
    /// <paramref name="position"/> of the outputs (both int expressions).</summary>
    internal static void MoveElement(ShaderWriter w, SortKernel k, string baseOffset, string position, string source, long stride)
    {
        var src = w.Let("int", $"{baseOffset} + {source} * {stride}", "src");
        var dst = w.Let("int", $"{baseOffset} + {position} * {stride}", "dst");
        for (var o = 0; o < k.Operands.Count; o++)
        {
            var t = k.Operands[o].DType;
            w.Uses(t);
            w.Line($"{w.Output(k.Outputs[o], t)}[{dst}] = {w.Input(k.Operands[o].Buffer, t)}[{src}];");
        }
    }

    /// <summary>The longest row (a power of two) whose permutation fits the device's shared memory.</summary>
    internal static int SharedBlock(ShaderTarget target)
    {
        var limit = Math.Min(8192, target.SharedMemoryBytes / 4);
        var block = 1;
        while (block * 2 <= limit) block <<= 1;
        return block;
    }

    /// <summary>The distance between neighbours of a row in the operands' row-major layout.</summary>
    internal static long Stride(SortKernel k) => IndexMap.RowMajorStrides(k.Operands[0].Shape)[k.Dimension];

    /// <summary>Declares the operands' offset of the first element of row <paramref name="row"/> (an int).</summary>
    internal static string RowBase(ShaderWriter w, SortKernel k, string row) => IndexEmitter.LineBase(w, k.Operands[0].Shape, k.Dimension, row);

    /// <summary><c>bool jx_less(int base, uint i, uint j)</c>: element i sorts before element j of the row.</summary>
    internal static string LessHelper(ShaderWriter w, SortKernel k, int length, long stride)
    {
        var body = new System.Text.StringBuilder();
        body.Append($"bool jx_less(int base, uint i, uint j) {{\n    if (i >= {length}u || j >= {length}u) return i < j;\n");
        for (var key = 0; key < k.NumKeys; key++)
        {
            var op = k.Operands[key];
            w.Uses(op.DType);
            var array = w.Input(op.Buffer, op.DType);
            var a = GlslTypes.FromStorage(op.DType, $"{array}[base + int(i) * {stride}]");
            var b = GlslTypes.FromStorage(op.DType, $"{array}[base + int(j) * {stride}]");
            var cmp = Compare(w, op.DType);
            body.Append($"    {{ int c = {cmp}({a}, {b}); if (c != 0) return c {(k.Descending ? ">" : "<")} 0; }}\n");
        }
        body.Append("    return i < j;\n}");
        return w.Helper("jx_less", body.ToString);
    }

    /// <summary>A three-way comparison in the sort's total order.</summary>
    private static string Compare(ShaderWriter w, DType t)
    {
        var type = GlslTypes.Reg(t);
        if (t == DType.Float64)
            return w.Helper("jx_cmp_double", () =>
                """
                uvec2 jx_key_double(double x) {
                    if (isnan(x)) return uvec2(0xFFFFFFFFu);
                    uvec2 u = unpackDouble2x32(x);
                    return (u.y & 0x80000000u) != 0u ? ~u : uvec2(u.x, u.y | 0x80000000u);
                }
                int jx_cmp_double(double a, double b) {
                    uvec2 x = jx_key_double(a), y = jx_key_double(b);
                    if (x.y != y.y) return x.y < y.y ? -1 : 1;
                    return x.x < y.x ? -1 : (x.x > y.x ? 1 : 0);
                }
                """);
        if (t.IsFloat())
            return w.Helper("jx_cmp_float", () =>
                """
                uint jx_key_float(float x) {
                    if (isnan(x)) return 0xFFFFFFFFu;
                    uint u = floatBitsToUint(x);
                    return (u & 0x80000000u) != 0u ? ~u : (u | 0x80000000u);
                }
                int jx_cmp_float(float a, float b) {
                    uint x = jx_key_float(a), y = jx_key_float(b);
                    return x < y ? -1 : (x > y ? 1 : 0);
                }
                """);
        if (t == DType.Bool)
            return w.Helper("jx_cmp_bool", () => "int jx_cmp_bool(bool a, bool b) { return int(a) - int(b); }");
        return w.Helper($"jx_cmp_{t.ShortName()}", () =>
            $"int jx_cmp_{t.ShortName()}({type} a, {type} b) {{ return a < b ? -1 : (a > b ? 1 : 0); }}");
    }
}
