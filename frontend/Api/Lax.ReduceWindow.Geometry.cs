using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// The windows of one reduce_window call on its padded, base-dilated operand, and the compositions that reduce them:
/// one strided slice per window offset (all of one output shape, so a chain of elementwise ops fuses into one kernel),
/// or for large non-overlapping windows a reshape that gives each window its own axes, then a reduction.
/// </summary>
internal sealed class WindowGeometry
{
    // The unrolled chain is a kernel program that grows with the window (it still fused into one kernel at 9x9);
    // past this many offsets, windows that are blocks of the operand go to a reduction, whose program does not.
    private const int MaxUnrolledOffsets = 64;

    private readonly int[] window, strides, windowDilation;

    private WindowGeometry(int[] window, int[] strides, int[] windowDilation, (int, int, int)[] padConfig, int[] outShape)
    {
        (this.window, this.strides, this.windowDilation, PadConfig, OutShape) = (window, strides, windowDilation, padConfig, outShape);
    }

    public (int Low, int High, int Interior)[] PadConfig { get; }

    public int[] OutShape { get; }

    private bool NonOverlapping => window.SequenceEqual(strides) && windowDilation.All(d => d == 1);

    private bool Blocked => NonOverlapping && Shapes.Size(window) > MaxUnrolledOffsets;

    public static int Dilate(int size, int dilation) => size == 0 ? 0 : (size - 1) * dilation + 1;

    /// <summary>Every list needs one entry per operand dimension, and sizes, strides and dilations must be positive.</summary>
    public static void CheckLists(ShapedArray operand, int[] window, int[] strides, int paddingLength, int[]? baseDilation, int[]? windowDilation)
    {
        var lists = new (string Name, int[]? Values)[]
        {
            ("window_dimensions", window), ("window_strides", strides), ("base_dilation", baseDilation), ("window_dilation", windowDilation),
        };
        foreach (var (name, values) in lists)
        {
            if (values is not null && values.Length != operand.Rank)
                throw new ShapeException($"Lax.ReduceWindow: {name} {Shapes.Format(values)} needs one entry per dimension of the operand {operand.Str()}");
            if (values is not null && values.Any(v => v < 1))
                throw new ArgumentException($"Lax.ReduceWindow: {name} must be positive, got {Shapes.Format(values)}");
        }
        if (paddingLength != operand.Rank)
            throw new ShapeException($"Lax.ReduceWindow: padding has {paddingLength} (low, high) pairs for the operand {operand.Str()}");
    }

    public static WindowGeometry Create(ShapedArray operand, int[] window, int[] strides, (int Low, int High)[] padding, int[]? baseDilation,
        int[]? windowDilation)
    {
        CheckLists(operand, window, strides, padding.Length, baseDilation, windowDilation);
        var ones = Enumerable.Repeat(1, operand.Rank).ToArray();
        var (bases, dilations) = (baseDilation ?? ones, windowDilation ?? ones);
        var outShape = new int[operand.Rank];
        for (var d = 0; d < operand.Rank; d++)
        {
            var padded = Dilate(operand.Shape[d], bases[d]) + padding[d].Low + padding[d].High;
            var span = Dilate(window[d], dilations[d]);
            // JAX's stride_shape: floor((padded - span) / stride) + 1, an error where it is negative.
            outShape[d] = (int)Math.Floor((padded - span) / (double)strides[d]) + 1;
            if (padded < 0 || outShape[d] < 0)
                throw new ShapeException($"Lax.ReduceWindow: a window of {window[d]} (dilation {dilations[d]}) does not fit dimension {d} " +
                    $"of {operand.Str()} padded by ({padding[d].Low}, {padding[d].High}) with base dilation {bases[d]}");
        }
        var config = padding.Select((p, d) => (p.Low, p.High, bases[d] - 1)).ToArray();
        return new WindowGeometry(window, strides, dilations, config, outShape);
    }

    /// <summary>The positions inside a window, in row-major order.</summary>
    public IReadOnlyList<int[]> Offsets()
    {
        var offsets = new List<int[]> { new int[window.Length] };
        for (var d = window.Length - 1; d >= 0; d--)
            offsets = Enumerable.Range(0, window[d]).SelectMany(i => offsets.Select(o => o.Select((v, e) => e == d ? i : v).ToArray())).ToList();
        return offsets;
    }

    /// <summary>The element at <paramref name="offset"/> of every window: one strided slice of the padded operand.</summary>
    public NDArray Slice(NDArray padded, int[] offset)
    {
        var start = offset.Select((k, d) => k * windowDilation[d]).ToArray();
        var limit = start.Select((s, d) => s + (OutShape[d] - 1) * strides[d] + 1).ToArray();
        return Lax.Slice(padded, start, limit, strides);
    }

    public IEnumerable<NDArray> Slices(NDArray padded) => Offsets().Select(o => Slice(padded, o));

    /// <summary>The window sums; for floats, with a JVP that reads the tangent's windows through <see cref="Phases"/>.</summary>
    public NDArray Sum(NDArray padded)
    {
        if (Blocked) return Lax.ReduceSum(Blocks(padded), WindowAxes());
        if (!padded.DType.IsFloat()) return Slices(padded).Aggregate(Lax.Add);
        return CustomDerivatives.CallCustomJvp(a => [Slices(a[0]).Aggregate(Lax.Add)], (p, t) =>
        {
            var phases = Phases(t[0]);
            // Non-overlapping windows sum their blocks: reverse mode then broadcasts the cotangent over each block (a
            // view), where the sum of one slice per offset would transpose to one interior-holed pad per offset.
            var tangent = NonOverlapping ? Lax.ReduceSum(Blocks(t[0]), WindowAxes()) : Offsets().Select(o => Element(phases, o)).Aggregate(Lax.Add);
            return ([Slices(p[0]).Aggregate(Lax.Add)], [tangent]);
        }, [padded])[0];
    }

    /// <summary>The max (or min) of each window; its derivative is the tangent at the window's first extremum.</summary>
    public NDArray Choose(NDArray padded, bool max)
    {
        if (!padded.DType.IsFloat()) return ChooseValue(padded, max);
        return CustomDerivatives.CallCustomJvp(a => [ChooseValue(a[0], max)], (p, t) =>
        {
            var y = ChooseValue(p[0], max);
            var tangent = Blocked ? FirstExtremumOfBlocks(p[0], t[0], max)
                : NonOverlapping ? FirstExtremumOfTiles(p[0], t[0], y)
                : FirstExtremum(p[0], t[0], y);
            return ([y], [tangent]);
        }, [padded])[0];
    }

    private NDArray ChooseValue(NDArray padded, bool max)
    {
        if (Blocked) return max ? Lax.ReduceMax(Blocks(padded), WindowAxes()) : Lax.ReduceMin(Blocks(padded), WindowAxes());
        return Slices(padded).Aggregate(max ? Lax.Max : Lax.Min);
    }

    // The tangent at the first offset (row-major) where the window attains y. Each offset's mask depends on the primal
    // only, so reverse mode keeps the masks and scatters the cotangent with one select and one pad per offset.
    private NDArray FirstExtremum(NDArray p, NDArray t, NDArray y)
    {
        var zero = Zeros(t.DType, OutShape);
        var phases = Phases(t);
        NDArray? found = null;
        var terms = new List<NDArray>();
        foreach (var offset in Offsets())
        {
            var hit = Lax.Eq(Slice(p, offset), y);
            terms.Add(Lax.Select(found is null ? hit : Lax.BitwiseAnd(hit, Lax.Not(found)), Element(phases, offset), zero));
            found = found is null ? hit : Lax.BitwiseOr(found, hit);
        }
        return terms.Aggregate(Lax.Add);
    }

    // Small non-overlapping windows: the row-major position of each window's first extremum, found by the unrolled
    // chain of comparisons, picks the tangent in the blocks layout, where a position's index is an iota. Reverse mode
    // then scatters the cotangent with one select over that layout and a reshape (no pad per offset, whose sum the
    // consumer would read as interleaved padded views).
    private NDArray FirstExtremumOfTiles(NDArray p, NDArray t, NDArray y)
    {
        var offsets = Offsets();
        var first = Full(DType.Int32, OutShape, offsets.Count);
        for (var i = offsets.Count - 1; i >= 0; i--)
            first = Lax.Select(Lax.Eq(Slice(p, offsets[i]), y), Full(DType.Int32, OutShape, i), first);
        var blocks = Blocks(t);
        var shape = blocks.Aval.Shape;
        var windowsAxes = Enumerable.Range(0, window.Length).Select(d => 2 * d).ToArray();
        var pick = Lax.Eq(PositionInWindow(shape), Lax.BroadcastInDim(first, shape, windowsAxes));
        return Lax.ReduceSum(Lax.Select(pick, blocks, Zeros(t.DType, shape)), WindowAxes());
    }

    // The row-major index of each element's position inside its window, over the blocks layout [Q0, w0, Q1, w1, ...].
    private NDArray PositionInWindow(int[] blockShape)
    {
        var index = Lax.BroadcastedIota(DType.Int32, blockShape, 1);
        for (var d = 1; d < window.Length; d++)
            index = Lax.Add(Lax.Mul(index, Full(DType.Int32, blockShape, window[d])), Lax.BroadcastedIota(DType.Int32, blockShape, 2 * d + 1));
        return index;
    }

    // For large blocks: the tangent at argmax (argmin), the first extremum of the flattened window.
    private NDArray FirstExtremumOfBlocks(NDArray p, NDArray t, bool max)
    {
        var rank = OutShape.Length;
        int[] flat = [.. OutShape, (int)Shapes.Size(window)];
        var kept = Enumerable.Range(0, rank).ToArray();
        var permutation = kept.Select(d => 2 * d).Concat(kept.Select(d => 2 * d + 1)).ToArray();
        NDArray Windows(NDArray v) => Lax.Reshape(Lax.Transpose(Blocks(v), permutation), flat);
        var first = max ? Lax.Argmax(Windows(p), rank) : Lax.Argmin(Windows(p), rank);
        var pick = Lax.Eq(Lax.BroadcastedIota(DType.Int32, flat, rank), Lax.BroadcastInDim(first, flat, kept));
        return Lax.ReduceSum(Lax.Select(pick, Windows(t), Zeros(t.DType, flat)), [rank]);
    }

    /// <summary>
    /// The operand as (block, phase) pairs per dimension, [Q0, s0, Q1, s1, ...] for strides s, so that the element at
    /// an offset of every window is a unit-stride slice. Tangents read their windows this way: the transpose of a
    /// strided slice is a pad with interior holes, which is not a view (two copies per offset), that of this a plain
    /// pad and a reshape.
    /// </summary>
    private NDArray Phases(NDArray padded)
    {
        var size = padded.Aval.Shape;
        var whole = size.Select((n, d) => (n + strides[d] - 1) / strides[d] * strides[d]).ToArray();
        var extended = Shapes.Equal(whole, size) ? padded : Lax.Pad(padded, 0, whole.Select((n, d) => (0, n - size[d], 0)).ToArray());
        return Lax.Reshape(extended, whole.SelectMany((n, d) => new[] { n / strides[d], strides[d] }).ToArray());
    }

    /// <summary>The element at <paramref name="offset"/> of every window, read from <see cref="Phases"/>.</summary>
    private NDArray Element(NDArray phases, int[] offset)
    {
        var start = offset.SelectMany((k, d) => new[] { k * windowDilation[d] / strides[d], k * windowDilation[d] % strides[d] }).ToArray();
        var limit = start.Select((s, i) => s + (i % 2 == 0 ? OutShape[i / 2] : 1)).ToArray();
        return Lax.Reshape(Lax.Slice(phases, start, limit), OutShape);
    }

    private static NDArray Zeros(DType dtype, int[] shape) => Full(dtype, shape, 0);

    private static NDArray Full(DType dtype, int[] shape, int value) =>
        Lax.BroadcastInDim(NDArray.FromScalar(Scalar.Of(dtype, value), false), shape, []);

    // Non-overlapping windows as axes: each dimension split into (window index, position in the window), the
    // windows that do not fit cut off.
    private NDArray Blocks(NDArray padded) =>
        Lax.Slice(Phases(padded), new int[2 * window.Length], OutShape.SelectMany((n, d) => new[] { n, window[d] }).ToArray());

    private int[] WindowAxes() => Enumerable.Range(0, window.Length).Select(d => 2 * d + 1).ToArray();
}
