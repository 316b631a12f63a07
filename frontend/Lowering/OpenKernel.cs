using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// A reduction, contraction or convolution whose kernel is not emitted yet, so that the elementwise consumers
/// of its result can still join it as an epilogue. It is closed (emitted) when something needs its value in
/// memory: a view of it, a second open kernel in the same expression, or a materialisation.
/// </summary>
internal abstract class OpenKernel(int[] outputShape, DType valueDType)
{
    public int[] OutputShape { get; } = outputShape;

    /// <summary>The dtype of the kernel's value at an output point (epilogue input 0).</summary>
    public DType ValueDType { get; } = valueDType;

    /// <summary>The buffer holding the output once closed.</summary>
    public int? Buffer { get; private set; }

    public bool IsClosed => Buffer is not null;

    /// <summary>False once closed with an epilogue: the buffer then holds the epilogue's value, not the kernel's.</summary>
    public bool HoldsRawValue { get; private set; } = true;

    /// <summary>The dtype written when no epilogue is fused.</summary>
    public abstract DType PlainOutputDType { get; }

    /// <summary>Builds the kernel writing <paramref name="output"/>, with an optional epilogue.</summary>
    public abstract Kernel Build(string name, FusedEpilogue? epilogue, int output);

    public abstract string NameHint { get; }

    internal void MarkClosed(int buffer, bool withEpilogue)
    {
        Buffer = buffer;
        HoldsRawValue = !withEpilogue;
    }
}

internal sealed class OpenReduction(int[] inputShape, int[] axes, IReadOnlyList<MappedInput> inputs, ScalarProgram prologue,
    ReduceOp op, DType accumulatorDType, int[] outputShape, string nameHint)
    : OpenKernel(outputShape, op.IsArg() ? DType.Int32 : accumulatorDType)
{
    private readonly DType accumulator = accumulatorDType;

    public override DType PlainOutputDType => ValueDType;

    public override string NameHint => nameHint;

    /// <summary>
    /// This reduction with its result reduced again by <paramref name="outerOp"/> over <paramref name="outerAxes"/>
    /// (numbered among the result's dimensions), as one reduction over both sets of axes: the mean of row sums (a
    /// loss) is then one kernel, not a row-sum kernel and a kernel summing 128 numbers (XLA's algebraic simplifier
    /// merges nested reduces the same way). Null when the ops differ, for arg reductions, and once closed. A merged
    /// float sum or product adds in another order, as any other blocking of the reduction would.
    /// </summary>
    public OpenReduction? ThenReduced(ReduceOp outerOp, int[] outerAxes, int[] outerOutputShape, string outerNameHint)
    {
        if (IsClosed || outerOp != op || op.IsArg()) return null;
        var kept = Enumerable.Range(0, inputShape.Length).Where(d => !axes.Contains(d)).ToArray();
        var merged = axes.Concat(outerAxes.Select(a => kept[a])).Order().ToArray();
        return new OpenReduction(inputShape, merged, inputs, prologue, op, accumulator, outerOutputShape, outerNameHint);
    }

    /// <summary>
    /// The same reduction computed directly over the index space after <paramref name="view"/> (a broadcast or
    /// unit reshape of its result), so that a consumer of the broadcast value can still be its epilogue. Each
    /// point then recomputes its reduction; null when that multiplies the work by more than
    /// <paramref name="maxFactor"/>, gives more than <paramref name="maxPoints"/> output points, or the view or
    /// the prologue's maps do not allow it.
    /// </summary>
    public OpenReduction? Recompute(View view, long maxFactor, long maxPoints)
    {
        var affine = view as AffineView ?? (view is ReshapeView ? AffineView.FromUnitReshape(view.InShape, view.OutShape) : null);
        if (affine is null || prologue.Nodes.Any(n => n is IndexNode)) return null;
        var points = Core.Shapes.Size(affine.OutShape);
        if (points > maxFactor * Math.Max(1, Core.Shapes.Size(OutputShape))) return null;
        // A unit reshape adds no points: it is no recomputation, only the reduction read in another index space.
        if (points > maxPoints && points != Core.Shapes.Size(OutputShape)) return null;
        var rank = affine.OutShape.Length;
        var newShape = affine.OutShape.Concat(axes.Select(a => inputShape[a])).ToArray();
        var source = new int[inputShape.Length];
        var start = new long[inputShape.Length];
        var step = new long[inputShape.Length];
        var kept = 0;
        for (var d = 0; d < inputShape.Length; d++)
        {
            var k = Array.IndexOf(axes, d);
            if (k >= 0)
            {
                (source[d], step[d]) = (rank + k, 1);
                continue;
            }
            (source[d], start[d], step[d]) = (affine.Source[kept], affine.Start[kept], affine.Step[kept]);
            kept++;
        }
        var expand = new AffineView(inputShape, newShape, source, start, step);
        var mapped = new List<MappedInput>();
        foreach (var input in inputs)
        {
            if (expand.Compose(input.Map) is not { } map) return null;
            mapped.Add(input with { Map = map });
        }
        var newAxes = Enumerable.Range(rank, axes.Length).ToArray();
        return new OpenReduction(newShape, newAxes, mapped, prologue, op, accumulator, affine.OutShape, nameHint);
    }

    public override Kernel Build(string name, FusedEpilogue? epilogue, int output) =>
        new ReductionKernel(name, inputShape, axes, inputs, prologue, op, accumulator, epilogue, output);
}

internal sealed class OpenContraction(TensorRef lhs, TensorRef rhs, DotDimensions dims, Precision precision, DType accumulatorDType, int[] outputShape)
    : OpenKernel(outputShape, accumulatorDType)
{
    private readonly DType accumulator = accumulatorDType;

    public override DType PlainOutputDType => ValueDType;

    public override string NameHint => "dot_general";

    /// <summary>
    /// The contraction computing its value seen through <paramref name="view"/> directly (see
    /// <see cref="ContractionLayout"/>): a transposed product computed as such, so that the transpose's consumers (an
    /// SGD update of a weight) can still be its epilogue, and a matrix-vector product's [n, 1] read as [n] without a
    /// copy. Null for any other view.
    /// </summary>
    public OpenContraction? Through(View view) =>
        ContractionLayout.Through(lhs, rhs, dims, OutputShape, view) is { } arranged
            ? new OpenContraction(arranged.Lhs, arranged.Rhs, arranged.Dims, precision, accumulator, view.OutShape)
            : null;

    public override Kernel Build(string name, FusedEpilogue? epilogue, int output) =>
        new ContractionKernel(name, lhs, rhs, dims, precision, accumulator, epilogue, output);
}

internal sealed class OpenConvolution(Func<string, FusedEpilogue?, int, Kernel> build, DType accumulator, int[] outputShape)
    : OpenKernel(outputShape, accumulator)
{
    public override DType PlainOutputDType => ValueDType;

    public override string NameHint => "conv_general_dilated";

    public override Kernel Build(string name, FusedEpilogue? epilogue, int output) => build(name, epilogue, output);
}
