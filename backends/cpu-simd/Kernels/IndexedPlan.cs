using System.Numerics;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// What gather and scatter share: a batch of points, each with an index vector that selects where a window of
/// the operand starts, and a window walked in step over the operand and the other side (gather's output,
/// scatter's updates). "Target" is that other side.
/// </summary>
internal sealed record IndexedPlan(
    int[] OperandShape,
    long[] OperandStrides,
    int[] BatchShape,
    long[] BatchIndexStrides,
    long[] BatchTargetStrides,
    long VectorStride,
    int[] StartMap,
    int[] WindowSizesPerOperandDim,
    int[] WindowShape,
    long[] WindowOperandStrides,
    long[] WindowTargetStrides,
    bool Clip)
{
    public readonly record struct BatchPoint(long IndexOffset, long TargetOffset);

    /// <summary>The number of batch points.</summary>
    public long BatchCount { get; } = BatchShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The number of elements in one window.</summary>
    public long WindowCount { get; } = WindowShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Every batch point in row-major order, with its offsets into the indices and the target.</summary>
    public BatchWalk BatchPoints() => new(this);

    /// <summary>
    /// The walk of <see cref="BatchPoints"/>, a struct for <c>foreach</c>: a launch of a one-point scatter or gather (a
    /// loop writing one row per step) allocates nothing for it.
    /// </summary>
    public struct BatchWalk(IndexedPlan plan)
    {
        private readonly int[] index = plan.BatchShape.Length == 0 ? [] : new int[plan.BatchShape.Length];
        private long point = -1;
        private long indexOffset;
        private long targetOffset;

        public readonly BatchWalk GetEnumerator() => this;

        public readonly BatchPoint Current => new(indexOffset, targetOffset);

        public bool MoveNext()
        {
            if (point >= 0) Advance();
            return ++point < plan.BatchCount;
        }

        private void Advance()
        {
            for (var d = index.Length - 1; d >= 0; d--)
            {
                indexOffset += plan.BatchIndexStrides[d];
                targetOffset += plan.BatchTargetStrides[d];
                if (++index[d] < plan.BatchShape[d]) return;
                indexOffset -= plan.BatchIndexStrides[d] * plan.BatchShape[d];
                targetOffset -= plan.BatchTargetStrides[d] * plan.BatchShape[d];
                index[d] = 0;
            }
        }
    }

    /// <summary>
    /// Fills the operand start of the window at one batch point; in Clip mode clamps it so the window fits and
    /// returns true, else returns whether the whole window lies in bounds.
    /// </summary>
    public unsafe bool Start<TIndex>(TIndex* indices, long indexOffset, Span<long> start) where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        start.Clear();
        for (var k = 0; k < StartMap.Length; k++)
            start[StartMap[k]] = long.CreateTruncating(indices[indexOffset + k * VectorStride]);
        var inBounds = true;
        for (var a = 0; a < start.Length; a++)
        {
            long highest = OperandShape[a] - WindowSizesPerOperandDim[a];
            if (start[a] >= 0 && start[a] <= highest) continue;
            if (Clip) start[a] = Math.Clamp(start[a], 0, Math.Max(highest, 0));
            else inBounds = false;
        }
        return inBounds;
    }

    /// <summary>Runs shorter than this are moved element by element: a call to copy a few bytes costs more.</summary>
    private const long ShortestCopiedRun = 8;

    /// <summary>
    /// The window's trailing dimensions that both sides walk contiguously, as one run to copy as a block: the first of
    /// them and the run's length; null when that run is shorter than <see cref="ShortestCopiedRun"/>.
    /// </summary>
    public (int FirstDimension, long Length)? CopiedRun()
    {
        var d = WindowShape.Length;
        var length = 1L;
        while (d > 0 && WindowOperandStrides[d - 1] == length && WindowTargetStrides[d - 1] == length)
            length *= WindowShape[--d];
        return length >= ShortestCopiedRun ? (d, length) : null;
    }

    /// <summary>Copies one point's window run by run (<see cref="CopiedRun"/>), from the target side into the operand
    /// (scatter) or from the operand into the target (gather); each side given at the window's start.</summary>
    public unsafe void CopyWindow(byte* operand, byte* target, int size, (int FirstDimension, long Length) run, bool intoOperand)
    {
        Span<int> window = stackalloc int[WindowShape.Length];
        var count = WindowCount;
        var bytes = run.Length * size;
        long operandOffset = 0, targetOffset = 0;
        for (long w = 0; w < count; w += run.Length)
        {
            var o = operand + operandOffset * size;
            var t = target + targetOffset * size;
            if (intoOperand) Buffer.MemoryCopy(t, o, bytes, bytes);
            else Buffer.MemoryCopy(o, t, bytes, bytes);
            Step(window, ref operandOffset, ref targetOffset, run.FirstDimension);
        }
    }

    /// <summary>Advances the window odometer, keeping both running offsets in step.</summary>
    public void Step(Span<int> window, ref long operandOffset, ref long targetOffset) =>
        Step(window, ref operandOffset, ref targetOffset, window.Length);

    /// <summary>Advances the odometer of the window's first <paramref name="dimensions"/> dimensions only (the others
    /// stay at 0: a run covers them).</summary>
    public void Step(Span<int> window, ref long operandOffset, ref long targetOffset, int dimensions)
    {
        for (var d = dimensions - 1; d >= 0; d--)
        {
            operandOffset += WindowOperandStrides[d];
            targetOffset += WindowTargetStrides[d];
            if (++window[d] < WindowShape[d]) return;
            operandOffset -= WindowOperandStrides[d] * WindowShape[d];
            targetOffset -= WindowTargetStrides[d] * WindowShape[d];
            window[d] = 0;
        }
    }
}
