using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// An operand of a loop nest: element (Offset + sum_d Strides[d] * i[d]) of the buffer in slot
/// <see cref="Slot"/>, or, when <see cref="Complex"/> is set (reshape or padding), whatever that index map
/// reads at the kernel point; such operands are gathered into a contiguous scratch row before the row runs.
/// In a periodic nest (<see cref="LoopNest.Period"/> e), an operand with a <see cref="GroupStride"/> g reads at
/// inner position c the element g * (c / e) + Strides[inner] * (c % e) of its row, which no single stride
/// expresses (a pair broadcast: g = 2, inner stride 0).
/// </summary>
internal sealed record LoopOperand(int Slot, DType DType, long Offset, long[] Strides, IndexMap? Complex = null, long? GroupStride = null)
{
    public static LoopOperand Read(int slot, DType dtype, IndexMap map) =>
        map.ReshapeTo is not null || map.IsPadded
            ? new LoopOperand(slot, dtype, 0, [], map)
            : new LoopOperand(slot, dtype, map.Offset, map.Strides);
}

/// <summary>
/// The loops a kernel runs: the outer dimensions walked by <see cref="LoopRunner"/>, the innermost by a generated
/// row function. Dimensions of extent 1 are dropped and neighbours that every operand walks as one (stride
/// of the outer = stride of the inner * its extent) are merged, so a contiguous elementwise kernel of any rank
/// is a single row. Dimensions read by index nodes, and kernels with complex operands, keep their layout. A loop
/// that may be reordered (one that stores each point's own outputs) whose innermost dimension is shorter than a
/// vector gets a long outer dimension innermost instead, read and written with strides, so that a [N, 3] kernel
/// that broadcasts along its rows or indexes its columns runs whole vectors rather than N calls of three points; a row
/// of 8 to 15 points read with a small stride, or beside a dimension far apart in memory, stays innermost as one
/// partial vector instead (see LoopNest.PartialRows.cs).
/// Before that, a short innermost dimension of 2 to 15 whose operands repeat with that period is merged with its
/// outer neighbour into one periodic dimension (see <see cref="Period"/>), which keeps loads and stores contiguous.
/// A reduction that stores per point (an accumulator updated at each point, see ReductionCompiler) may also get a
/// long dimension innermost, one along which every accumulator steps, so that short reduced rows run as vectors of
/// one lane per output; it is never periodic, since its points must keep their order along the reduced dimensions.
/// </summary>
internal sealed partial class LoopNest
{
    private LoopNest(long[] shape, LoopOperand[] operands, int[] kernelShape, int[] dimensionMap, bool interchanged = false,
        int period = 1)
    {
        Shape = shape;
        Operands = operands;
        KernelShape = kernelShape;
        DimensionMap = dimensionMap;
        Interchanged = interchanged;
        Period = period;
    }

    /// <summary>True when a long dimension was moved innermost in place of a short one: the runner then walks the
    /// inner dimension in blocks, every outer point per block, so that the strided rows stay in cache.</summary>
    public bool Interchanged { get; }

    public long[] Shape { get; }

    public LoopOperand[] Operands { get; }

    /// <summary>The kernel's own shape: the points complex operands are read at.</summary>
    public int[] KernelShape { get; }

    /// <summary>For each kernel dimension, the loop dimension it became (-1 if dropped or merged away). In a periodic
    /// nest, the dimension of the period is <see cref="Inner"/> (its coordinate is c % e) and the one outside it
    /// <see cref="Inner"/> + 1 (its coordinate is c / e), c being the position along the merged dimension.</summary>
    public int[] DimensionMap { get; }

    public int Rank => Shape.Length;

    public int Inner => Shape.Length - 1;

    public bool HasComplexOperands => Operands.Any(o => o.Complex is not null);

    /// <summary>Elements operand <paramref name="i"/> advances per step of the innermost loop, as the row function
    /// reads it (a complex or staged operand from its contiguous scratch row).</summary>
    public long InnerStride(int i) => Operands[i].Complex is not null || IsStaged(i) ? 1 : Operands[i].Strides[Inner];

    /// <summary>Rows shorter than this run no vector (16 float32 lanes with AVX-512).</summary>
    internal const long ShortRow = 16;

    /// <summary>An outer dimension at least this long is worth moving innermost in place of a short row.</summary>
    internal const long LongRow = 64;

    /// <param name="reorderable">Each point stores outputs of its own: the nest may be periodic or interchanged.</param>
    /// <param name="accumulators">Operands (by index) that several points update in turn (a reduction's accumulators in
    /// a loop that stores per point): a long dimension along which each of them steps may still move innermost, as
    /// every accumulator element then sees its points in the same order.</param>
    public static LoopNest Create(int[] kernelShape, IReadOnlyList<LoopOperand> operands, IReadOnlySet<int> indexedDimensions,
        bool reorderable = false, IReadOnlyList<int>? accumulators = null)
    {
        var identityMap = Enumerable.Range(0, kernelShape.Length).ToArray();
        if (operands.Any(o => o.Complex is not null))
        {
            if (kernelShape.Length > 0)
                return new LoopNest(kernelShape.Select(s => (long)s).ToArray(), operands.ToArray(), kernelShape, identityMap);
            var scalarOperands = operands.Select(o => o.Complex is null ? o with { Strides = [0] } : o).ToArray();
            return new LoopNest([1], scalarOperands, kernelShape, []);
        }

        // Each kept dimension: its extent, the kernel dimension it came from, and every operand's stride.
        var dims = new List<(long Extent, int Source, long[] Strides)>();
        for (var d = 0; d < kernelShape.Length; d++)
        {
            if (kernelShape[d] == 1 && !indexedDimensions.Contains(d)) continue;
            dims.Add((kernelShape[d], d, operands.Select(o => o.Strides[d]).ToArray()));
        }
        for (var k = dims.Count - 2; k >= 0; k--)
        {
            var (outer, inner) = (dims[k], dims[k + 1]);
            if (indexedDimensions.Contains(outer.Source) || indexedDimensions.Contains(inner.Source)) continue;
            if (!outer.Strides.Select((s, i) => s == inner.Strides[i] * inner.Extent).All(x => x)) continue;
            dims[k] = (outer.Extent * inner.Extent, inner.Source, inner.Strides);
            dims.RemoveAt(k + 1);
        }
        if (dims.Count == 0) dims.Add((1, -1, operands.Select(_ => 0L).ToArray()));
        if (reorderable && TryPeriodic(kernelShape, operands, dims) is { } periodic) return periodic;
        var interchanged = false;
        if ((reorderable || accumulators is not null) && dims.Count >= 2 && dims[^1].Extent < ShortRow)
        {
            bool Movable(int k) => reorderable || accumulators!.All(i => dims[k].Strides[i] != 0);
            var longest = Enumerable.Range(0, dims.Count - 1).Where(Movable).Append(-1).MaxBy(k => k < 0 ? -1 : dims[k].Extent);
            if (longest >= 0 && dims[longest].Extent >= LongRow
                && !(reorderable && KeepsPartialRow(dims[^1].Extent, dims[^1].Strides, dims[longest].Strides, operands)))
            {
                var moved = dims[longest];
                dims.RemoveAt(longest);
                dims.Add(moved);
                interchanged = true;
            }
        }

        var map = Enumerable.Repeat(-1, kernelShape.Length).ToArray();
        for (var k = 0; k < dims.Count; k++)
            if (dims[k].Source >= 0 && indexedDimensions.Contains(dims[k].Source)) map[dims[k].Source] = k;
        var simplified = operands
            .Select((o, i) => o with { Strides = dims.Select(d => d.Strides[i]).ToArray() })
            .ToArray();
        return new LoopNest(dims.Select(d => d.Extent).ToArray(), simplified, kernelShape, map, interchanged);
    }
}
