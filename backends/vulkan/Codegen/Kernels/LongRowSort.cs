using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// Sort rows longer than one workgroup's shared memory holds: the bitonic network of <see cref="SortGenerator"/>
/// over a permutation of each row kept in a scratch buffer. Blocks of the row that fit in shared memory are
/// sorted first, each in its own workgroup, with alternating directions. Each larger run size then needs
/// compare-exchanges at distances of a block or more, which cross blocks and run one dispatch per distance (one
/// invocation per pair), and then the distances within a block, which one more block pass does in shared memory.
/// A row of 2^20 elements with blocks of 2^13 takes 37 passes. Run size and distance are push constants, so the
/// passes of each kind share one shader.
/// </summary>
internal static class LongRowSort
{
    private const int GroupSize = 256;

    public static IReadOnlyList<KernelPass> Generate(SortKernel k, GenerationContext ctx, long rows, int padded, int block)
    {
        var slots = rows * padded;
        if (slots > uint.MaxValue)
            throw new NotSupportedException($"sort of {rows} rows of {k.Operands[0].Shape[k.Dimension]} elements: the permutation needs more than 2^32 slots");
        var perm = ctx.NewScratch(slots * sizeof(uint));
        var blocks = rows * (padded / block);
        // Each repeated pass is built once; its copies differ in their push constants only.
        var mergeBlocks = ShaderPass.From(BlockPass(k, ctx, perm, padded, block, merge: true), blocks);
        var crossBlocks = ShaderPass.From(CrossBlockPass(k, ctx, perm, padded), (slots / 2 + GroupSize - 1) / GroupSize);
        var passes = new List<KernelPass> { ShaderPass.From(BlockPass(k, ctx, perm, padded, block, merge: false), blocks) };
        for (var size = 2L * block; size <= padded; size <<= 1)
        {
            for (var distance = size / 2; distance >= block; distance >>= 1)
                passes.Add(crossBlocks with { Push = [(uint)size, (uint)distance, 0, 0] });
            passes.Add(mergeBlocks with { Push = [(uint)size, 0, 0, 0] });
        }
        passes.Add(ShaderPass.From(MovePass(k, ctx, perm, padded), (rows * k.Operands[0].Shape[k.Dimension] + GroupSize - 1) / GroupSize));
        return passes;
    }

    /// <summary>
    /// One workgroup per block of a row: loads the block's slice of the permutation into shared memory (or, for
    /// the first pass, the identity), runs the network's steps that stay within the block, and stores it back.
    /// The first pass sorts runs up to the block size; a merge pass finishes run size <c>push.p0</c>.
    /// </summary>
    private static ShaderWriter BlockPass(SortKernel k, GenerationContext ctx, int perm, int padded, int block, bool merge)
    {
        var w = ctx.Writer(GroupSize);
        var scratch = w.Buffer(perm, "uint", write: true);
        w.Global($"shared uint perm[{block}];");
        var group = w.Let("int", "int(jx_group())", "group");
        var lid = w.Let("int", "int(gl_LocalInvocationID.x)", "lid");
        var row = w.Let("int", $"{group} / {padded / block}", "row");
        var first = w.Let("uint", $"uint({group} % {padded / block}) * {block}u", "first");
        var slice = w.Let("uint", $"uint({row}) * {padded}u + {first}", "slice");
        var baseOffset = SortGenerator.RowBase(w, k, row);
        var less = SortGenerator.LessHelper(w, k, k.Operands[0].Shape[k.Dimension], SortGenerator.Stride(k));
        var initial = merge ? $"{scratch}[{slice} + uint(i)]" : $"{first} + uint(i)";
        w.Line($"for (int i = {lid}; i < {block}; i += {GroupSize}) perm[i] = {initial};");
        w.Line("barrier();");
        // A merge pass finishes one run size: a loop of one iteration keeps the network's code shared.
        var sizes = merge ? "for (uint size = push.p0; size != 0u; size = 0u)" : $"for (uint size = 2u; size <= {block}u; size <<= 1)";
        SortGenerator.CompareExchange(w, less, baseOffset, lid, block, first, sizes, $"min(size >> 1, {block / 2}u)");
        w.Line($"for (int i = {lid}; i < {block}; i += {GroupSize}) {scratch}[{slice} + uint(i)] = perm[i];");
        return w;
    }

    /// <summary>One compare-exchange of the permutation per invocation, at distance <c>push.p1</c> (a block or more)
    /// within runs of size <c>push.p0</c>: pair q's lower slot is q with a zero bit inserted at the distance's bit.</summary>
    private static ShaderWriter CrossBlockPass(SortKernel k, GenerationContext ctx, int perm, int padded)
    {
        var w = ctx.Writer(GroupSize);
        var scratch = w.Buffer(perm, "uint", write: true);
        var pair = w.Let("uint", $"jx_group() * {GroupSize}u + gl_LocalInvocationID.x", "pair");
        w.Line($"if ({pair} >= {Shapes.Count(k.Operands[0].Shape) / k.Operands[0].Shape[k.Dimension] * (padded / 2)}u) return;");
        var row = w.Let("int", $"int({pair} / {padded / 2}u)", "row");
        var q = w.Let("uint", $"{pair} % {padded / 2}u", "q");
        w.Line("uint size = push.p0, j = push.p1;");
        var t = w.Let("uint", $"(({q} & ~(j - 1u)) << 1) | ({q} & (j - 1u))", "t");
        var slice = w.Let("uint", $"uint({row}) * {padded}u", "slice");
        var baseOffset = SortGenerator.RowBase(w, k, row);
        var less = SortGenerator.LessHelper(w, k, k.Operands[0].Shape[k.Dimension], SortGenerator.Stride(k));
        w.Line($"uint a = {scratch}[{slice} + {t}], b = {scratch}[{slice} + ({t} | j)];");
        w.Line($"if ({less}({baseOffset}, b, a) == (({t} & size) == 0u)) {{ {scratch}[{slice} + {t}] = b; {scratch}[{slice} + ({t} | j)] = a; }}");
        return w;
    }

    /// <summary>One invocation per element: moves every operand's element to its sorted position.</summary>
    private static ShaderWriter MovePass(SortKernel k, GenerationContext ctx, int perm, int padded)
    {
        var length = k.Operands[0].Shape[k.Dimension];
        var w = ctx.Writer(GroupSize);
        var scratch = w.Buffer(perm, "uint", write: false);
        var element = w.Let("uint", $"jx_group() * {GroupSize}u + gl_LocalInvocationID.x", "element");
        var rows = Shapes.Count(k.Operands[0].Shape) / length;
        w.Line($"if ({element} >= {rows * length}u) return;");
        var row = w.Let("int", $"int({element} / {length}u)", "row");
        var position = w.Let("int", $"int({element} % {length}u)", "position");
        var baseOffset = SortGenerator.RowBase(w, k, row);
        SortGenerator.MoveElement(w, k, baseOffset, position, $"int({scratch}[uint({row}) * {padded}u + uint({position})])", SortGenerator.Stride(k));
        return w;
    }
}
