using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// Inclusive scans, folding in the accumulator dtype and storing each prefix in the output dtype (reversed
/// scans run from the end of the line). With many lines, one invocation folds each line sequentially. With few
/// long lines that would leave the device idle, so each line is cut into chunks of about sqrt(n) elements, as
/// the cuda backend does: an invocation per chunk reduces it, an invocation per line turns the chunk totals into
/// carries (exclusive prefixes), and an invocation per chunk scans again from its carry. Sums and products then
/// combine in another order than one pass (as JAX's associative scan does); integer, max and min scans are exact.
/// </summary>
internal static class ScanGenerator
{
    private const int GroupSize = 64;

    /// <summary>Chunks are at least this long: shorter lines scan in one pass.</summary>
    private const int MinimumChunk = 16;

    /// <summary>Lines enough to occupy a GPU with one invocation each.</summary>
    private const long ParallelLines = 65536;

    private sealed record Line(ScanKernel Kernel, int Length, long Lines, long Stride);

    public static IReadOnlyList<KernelPass> Generate(ScanKernel k, GenerationContext ctx)
    {
        var shape = k.Input.Shape;
        var total = Shapes.Count(shape);
        if (total == 0) return [];
        var length = shape[k.Axis];
        var line = new Line(k, length, total / length, IndexMap.RowMajorStrides(shape)[k.Axis]);
        var chunk = Math.Max(MinimumChunk, (int)Math.Ceiling(Math.Sqrt(length)));
        var chunks = (length + chunk - 1) / chunk;
        if (chunks == 1 || line.Lines >= ParallelLines)
            return [FoldPass(line, ctx, chunk: length, chunks: 1, carries: -1, store: true)];
        var count = line.Lines * chunks;
        var carries = ctx.NewScratch(count * ReductionGenerator.PartialBytes(k.AccumulatorDType));
        return
        [
            FoldPass(line, ctx, chunk, chunks, carries, store: false),
            CarryPass(line, ctx, chunks, carries),
            FoldPass(line, ctx, chunk, chunks, carries, store: true),
        ];
    }

    /// <summary>
    /// One invocation per chunk folds its elements: from the identity, writing the chunk's total to the carries
    /// (<paramref name="store"/> false), or from the chunk's carry (when there are carries), storing each prefix.
    /// </summary>
    private static ShaderPass FoldPass(Line l, GenerationContext ctx, int chunk, int chunks, int carries, bool store)
    {
        var k = l.Kernel;
        var acc = k.AccumulatorDType;
        var regType = GlslTypes.Reg(acc);
        var w = ctx.Writer(GroupSize);
        w.Uses(acc);
        w.Uses(k.Input.DType);
        var q = w.Let("int", $"int(jx_group() * {GroupSize}u + gl_LocalInvocationID.x)", "chunk");
        w.Line($"if ({q} >= {l.Lines * chunks}) return;");
        var baseOffset = IndexEmitter.LineBase(w, k.Input.Shape, k.Axis, $"{q} / {chunks}");
        var first = w.Let("int", $"({q} % {chunks}) * {chunk}", "first");
        var start = store && carries >= 0 ? $"{regType}({w.Buffer(carries, PartialType(acc), false)}[{q}])" : Combiners.Identity(k.Op, acc);
        var sum = w.Let(regType, start, "acc");
        w.Open($"for (int i = {first}; i < min({first} + {chunk}, {l.Length}); i++)");
        var at = w.Let("int", $"{baseOffset} + ({(k.Reverse ? $"{l.Length - 1} - i" : "i")}) * {l.Stride}", "at");
        var input = w.Input(k.Input.Buffer, k.Input.DType);
        var value = OpRenderer.Convert(w, k.Input.DType, acc, GlslTypes.FromStorage(k.Input.DType, $"{input}[{at}]"));
        w.Line($"{sum} = {Combiners.Combine(w, k.Op, acc, sum, value)};");
        if (store)
            w.Line($"{w.Output(k.Output, k.OutputDType)}[{at}] = {Stores.Value(w, k.OutputDType, OpRenderer.Convert(w, acc, k.OutputDType, sum))};");
        w.Close();
        if (!store) w.Line($"{w.Buffer(carries, PartialType(acc), true)}[{q}] = {PartialType(acc)}({sum});");
        return ShaderPass.From(w, ElementwiseGenerator.Groups(l.Lines * chunks, GroupSize));
    }

    /// <summary>One invocation per line replaces its chunk totals by their exclusive prefixes, in order.</summary>
    private static ShaderPass CarryPass(Line l, GenerationContext ctx, int chunks, int carries)
    {
        var acc = l.Kernel.AccumulatorDType;
        var regType = GlslTypes.Reg(acc);
        var w = ctx.Writer(GroupSize);
        w.Uses(acc);
        var line = w.Let("int", $"int(jx_group() * {GroupSize}u + gl_LocalInvocationID.x)", "line");
        w.Line($"if ({line} >= {l.Lines}) return;");
        var buffer = w.Buffer(carries, PartialType(acc), true);
        var running = w.Let(regType, Combiners.Identity(l.Kernel.Op, acc), "running");
        w.Open($"for (int c = {line} * {chunks}; c < ({line} + 1) * {chunks}; c++)");
        w.Line($"{regType} total = {regType}({buffer}[c]);");
        w.Line($"{buffer}[c] = {PartialType(acc)}({running});");
        w.Line($"{running} = {Combiners.Combine(w, l.Kernel.Op, acc, running, "total")};");
        w.Close();
        return ShaderPass.From(w, ElementwiseGenerator.Groups(l.Lines, GroupSize));
    }

    private static string PartialType(DType accumulator) => ReductionGenerator.PartialType(accumulator);
}
