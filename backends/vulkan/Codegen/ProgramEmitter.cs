using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// Emits a <see cref="ScalarProgram"/> as straight-line GLSL: one local per node, in SSA order. Loads call back
/// into the kernel's generator (which knows the index maps); each input is loaded once.
/// </summary>
internal static class ProgramEmitter
{
    /// <param name="load">Emits the read of input k and returns the expression of its register value.</param>
    /// <param name="coords">The current point's coordinates (int locals), for index nodes.</param>
    /// <returns>The locals holding the program's results.</returns>
    public static string[] Emit(ShaderWriter w, ScalarProgram program, Func<int, string> load, IReadOnlyList<string> coords)
    {
        var names = new string[program.Nodes.Count];
        var loaded = new Dictionary<int, string>();
        var computedOn = w.Target.FlushesFloat32Subnormals ? ComputedOn(program) : [];
        for (var i = 0; i < program.Nodes.Count; i++)
        {
            var node = program.Nodes[i];
            w.Uses(node.DType);
            string expr;
            try
            {
                expr = node switch
                {
                    LoadNode l => loaded.TryGetValue(l.Input, out var v) ? v : loaded[l.Input] = computedOn.Contains(i) ? Subnormals.Flush(w, l.DType, load(l.Input)) : load(l.Input),
                    ConstNode c => Opaque(w, c) ?? OpRenderer.Constant(c),
                    // Coordinates are never negative: zero-extended, past lavapipe's miscompiled sign extension
                    // (see OpRenderer.SignExtend).
                    // (Or-ed with an opaque zero: along a dimension of size 1 the compiler knows the coordinate is
                    // 0, and folded x * float(0) to 0 where x was infinite.)
                    IndexNode x => x.DType == DType.Int64
                        ? $"int64_t(uint({coords[x.Dimension]}) | {OpaqueZero(w)}())"
                        : $"({coords[x.Dimension]} | int({OpaqueZero(w)}()))",
                    UnaryNode u => OpRenderer.Unary(w, u.Op, program.Nodes[u.X].DType, names[u.X]),
                    BinaryNode b => OpRenderer.Binary(w, b.Op, program.Nodes[b.A].DType, names[b.A], names[b.B]),
                    SelectNode s => $"({names[s.Predicate]} ? {names[s.OnTrue]} : {names[s.OnFalse]})",
                    ConvertNode c => OpRenderer.Convert(w, program.Nodes[c.X].DType, c.DType, names[c.X]),
                    BitcastNode c => OpRenderer.Bitcast(program.Nodes[c.X].DType, c.DType, names[c.X]),
                    _ => throw new NotSupportedException($"node {node.Describe()}"),
                };
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException($"node %{i} ({node.Describe()}): {e.Message}", e);
            }
            // GLSL lets a compiler reassociate float arithmetic ((x + 1) - 1 became x on llvmpipe); the kernel IR
            // rounds every node, so float results are precise.
            var type = GlslTypes.Reg(node.DType);
            names[i] = w.Let(node.DType.IsFloat() && node is UnaryNode or BinaryNode or ConvertNode ? "precise " + type : type, expr, "v");
        }
        return program.Results.Select(r => names[r]).ToArray();
    }

    /// <summary>
    /// A float zero, infinity or NaN constant as a value the shader compiler cannot see: llvmpipe folds x + 0.0 to x
    /// and x * 0.0 to 0.0 although the shader asks for signed zeros, infinities and NaNs to be kept (so -0 + 0 gave -0
    /// and -3 * 0 gave +0). The bits are or-ed with a zero read from a push constant. Other constants fold exactly.
    /// </summary>
    private static string? Opaque(ShaderWriter w, ConstNode c)
    {
        if (!c.DType.IsFloat() || (double.IsFinite(c.Value) && c.Value != 0)) return null;
        var zero = OpaqueZero(w);
        var value = GlslTypes.RoundTo(c.DType, c.Value);
        if (c.DType == DType.Float64)
        {
            var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
            return $"packDouble2x32(uvec2(0x{(uint)bits:X8}u | {zero}(), 0x{(uint)(bits >> 32):X8}u))";
        }
        return $"uintBitsToFloat(0x{BitConverter.SingleToUInt32Bits((float)value):X8}u | {zero}())";
    }

    /// <summary>A call that gives 0 as a uint the shader compiler cannot fold.</summary>
    private static string OpaqueZero(ShaderWriter w) =>
        // push.p3 (the workgroup count) is at least 1 wherever a thread runs.
        w.Helper("jx_opaque_zero", () => "uint jx_opaque_zero() { return min(push.p3, 1u) - 1u; }");

    /// <summary>
    /// The nodes that some op computes with (unary, binary and conversion operands): where the driver may flush
    /// subnormals, those loads are flushed explicitly so that helpers reading the bits see what the arithmetic sees,
    /// while values only selected, bitcast or stored (copies) keep their bits.
    /// </summary>
    private static HashSet<int> ComputedOn(ScalarProgram program)
    {
        var operands = new HashSet<int>();
        foreach (var node in program.Nodes)
        {
            switch (node)
            {
                case UnaryNode u: operands.Add(u.X); break;
                case BinaryNode b: operands.Add(b.A); operands.Add(b.B); break;
                case ConvertNode c: operands.Add(c.X); break;
            }
        }
        return operands;
    }
}
