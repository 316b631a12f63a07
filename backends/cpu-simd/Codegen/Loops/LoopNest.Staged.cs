namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// Staged inputs: an input read across the inner dimension with a stride (a transpose that autodiff, vmap or
/// <c>x.T + y</c> fused into the kernel) but contiguous along an outer dimension is not gathered element by element.
/// The runner walks the loops in tiles of that outer dimension and the inner one, moves the input's tile into a
/// row-major scratch block with register transposes, and runs the row function over the scratch rows, which it
/// reads contiguously (<see cref="LoopRunner"/>). Only loops that may be reordered are staged: each point stores
/// outputs of its own.
/// </summary>
internal sealed partial class LoopNest
{
    /// <summary>The outer dimension along which the staged inputs are contiguous; -1 when no input is staged.</summary>
    public int StagedDimension { get; private init; } = -1;

    /// <summary>Per operand: whether the runner stages it (inputs only).</summary>
    public bool[] Staged { get; private init; } = [];

    public bool IsStaged(int operand) => StagedDimension >= 0 && Staged[operand];

    /// <summary>Both dimensions of a tile must be at least this long for staging to beat the strided reads.</summary>
    internal const long StageMinExtent = 8;

    /// <summary>
    /// This nest with the inputs among the first <paramref name="inputCount"/> operands staged that stride across
    /// the inner dimension and are contiguous along one outer dimension (the first such input picks it); the nest
    /// itself when none qualifies. Call only for loops whose points each store their own outputs.
    /// </summary>
    public LoopNest WithTransposedInputsStaged(int inputCount)
    {
        if (Period != 1 || Interchanged || HasComplexOperands || Rank < 2 || Shape[Inner] < StageMinExtent) return this;
        var dimension = -1;
        var staged = new bool[Operands.Length];
        for (var i = 0; i < inputCount; i++)
        {
            var strides = Operands[i].Strides;
            if (Math.Abs(strides[Inner]) <= 1 || Operands[i].DType.SizeOf() > 8) continue;
            if (dimension < 0)
                dimension = Enumerable.Range(0, Inner).FirstOrDefault(d => strides[d] == 1 && Shape[d] >= StageMinExtent, -1);
            staged[i] = dimension >= 0 && strides[dimension] == 1;
        }
        if (dimension < 0) return this;
        return new LoopNest(Shape, Operands, KernelShape, DimensionMap, Interchanged, Period) { StagedDimension = dimension, Staged = staged };
    }
}
