using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// A change of index space that moves no data: point q of the output space reads point p of the input space.
/// Views are pushed into index maps (and iota) at the leaves of an expression; where an index map cannot
/// express the composition, the lowering materialises the input first.
/// </summary>
internal abstract class View(int[] inShape, int[] outShape)
{
    public int[] InShape { get; } = inShape;

    public int[] OutShape { get; } = outShape;

    /// <summary>The map after this view, or null when one index map cannot express it.</summary>
    public abstract IndexMap? Compose(IndexMap map);

    /// <summary>An iota leaf after this view, or null when it cannot be expressed.</summary>
    public abstract Expr? ComposeIota(IotaExpr iota);

    /// <summary>True when the view commutes with elementwise ops (pad does not: it inserts values).</summary>
    public virtual bool Commutes => true;
}

/// <summary>
/// Per input dimension d: <c>p[d] = Start[d] + Step[d] * q[Source[d]]</c>, or <c>Start[d]</c> when Source is -1.
/// Broadcast, transpose, slice (with strides) and rev are all of this form.
/// </summary>
internal sealed class AffineView(int[] inShape, int[] outShape, int[] source, long[] start, long[] step) : View(inShape, outShape)
{
    public int[] Source { get; } = source;

    public long[] Start { get; } = start;

    public long[] Step { get; } = step;

    public static AffineView Broadcast(int[] inShape, int[] outShape, int[] dims) => new(inShape, outShape,
        dims.Select((o, d) => inShape[d] == outShape[o] ? o : -1).ToArray(), new long[inShape.Length], Enumerable.Repeat(1L, inShape.Length).ToArray());

    public static AffineView Transpose(int[] inShape, int[] perm)
    {
        return new(inShape, perm.Select(p => inShape[p]).ToArray(), Core.Shapes.InversePermutation(perm), new long[inShape.Length], Enumerable.Repeat(1L, inShape.Length).ToArray());
    }

    public static AffineView Slice(int[] inShape, int[] starts, int[] limits, int[] strides) => new(inShape,
        starts.Select((s, d) => Math.Max(0, (limits[d] - s + strides[d] - 1) / strides[d])).ToArray(),
        Enumerable.Range(0, inShape.Length).ToArray(), starts.Select(s => (long)s).ToArray(), strides.Select(s => (long)s).ToArray());

    public static AffineView Rev(int[] shape, int[] dims) => new(shape, shape, Enumerable.Range(0, shape.Length).ToArray(),
        shape.Select((n, d) => dims.Contains(d) ? n - 1L : 0L).ToArray(), shape.Select((_, d) => dims.Contains(d) ? -1L : 1L).ToArray());

    /// <summary>A reshape that only inserts or removes size-1 dimensions, as an affine view; null otherwise.</summary>
    public static AffineView? FromUnitReshape(int[] inShape, int[] outShape)
    {
        var source = new int[inShape.Length];
        var o = 0;
        for (var d = 0; d < inShape.Length; d++)
        {
            if (inShape[d] == 1) { source[d] = -1; continue; }
            while (o < outShape.Length && outShape[o] == 1) o++;
            if (o >= outShape.Length || outShape[o] != inShape[d]) return null;
            source[d] = o++;
        }
        while (o < outShape.Length && outShape[o] == 1) o++;
        if (o != outShape.Length) return null;
        return new(inShape, outShape, source, new long[inShape.Length], Enumerable.Repeat(1L, inShape.Length).ToArray());
    }

    public override IndexMap? Compose(IndexMap map)
    {
        if (map.ReshapeTo is not null) return null;
        var strides = new long[OutShape.Length];
        var offset = map.Offset;
        for (var d = 0; d < InShape.Length; d++)
        {
            offset += map.Strides[d] * Start[d];
            if (Source[d] >= 0) strides[Source[d]] += map.Strides[d] * Step[d];
        }
        if (!map.IsPadded) return new IndexMap(offset, strides);
        var lo = new long[OutShape.Length];
        var hi = OutShape.Select(n => (long)n).ToArray();
        var empty = false;
        for (var d = 0; d < InShape.Length; d++)
        {
            long vlo = map.ValidLo![d], vhi = map.ValidHi![d];
            if (Source[d] < 0)
            {
                if (Start[d] < vlo || Start[d] >= vhi) empty = true;
                continue;
            }
            long qlo, qhi;
            if (Step[d] > 0)
            {
                qlo = CeilDiv(vlo - Start[d], Step[d]);
                qhi = CeilDiv(vhi - Start[d], Step[d]);
            }
            else
            {
                var t = -Step[d];
                qlo = FloorDiv(Start[d] - vhi, t) + 1;
                qhi = FloorDiv(Start[d] - vlo, t) + 1;
            }
            var e = Source[d];
            lo[e] = Math.Max(lo[e], qlo);
            hi[e] = Math.Min(hi[e], qhi);
        }
        if (empty)
        {
            if (OutShape.Length == 0) return null;
            lo[0] = hi[0] = 0;
        }
        return WithoutIdlePadding(new IndexMap(offset, strides) { ValidLo = lo, ValidHi = hi, PadValue = map.PadValue }, OutShape);
    }

    /// <summary>
    /// The map without its valid region when that region holds every point of <paramref name="shape"/>: a pad by
    /// nothing (the transpose of a slice that keeps everything) then reads as a plain strided view, which later
    /// views (a reshape) can still fold into strides and the kernels read without bounds checks.
    /// </summary>
    public static IndexMap WithoutIdlePadding(IndexMap map, int[] shape)
    {
        if (!map.IsPadded || map.ReshapeTo is not null) return map;
        for (var d = 0; d < shape.Length; d++)
            if (map.ValidLo![d] > 0 || map.ValidHi![d] < shape[d]) return map;
        return new IndexMap(map.Offset, map.Strides);
    }

    public override Expr? ComposeIota(IotaExpr iota)
    {
        var d = iota.Dimension;
        var offset = iota.Offset + iota.Scale * Start[d];
        if (Source[d] < 0) return new ConstExpr(Core.Scalar.FromBits(iota.DType, offset));
        return new IotaExpr(iota.DType, Source[d], iota.Scale * Step[d], offset);
    }

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);
}

/// <summary>Row-major reshape: q is linearised over the output shape and re-split over the input shape.</summary>
internal sealed class ReshapeView(int[] inShape, int[] outShape) : View(inShape, outShape)
{
    public override IndexMap? Compose(IndexMap map)
    {
        if (map.ReshapeTo is not null) return map;
        if (AffineView.FromUnitReshape(InShape, OutShape) is { } unit) return unit.Compose(map);
        if (!map.IsPadded && map.Strides.AsSpan().SequenceEqual(IndexMap.RowMajorStrides(InShape)))
            return new IndexMap(map.Offset, IndexMap.RowMajorStrides(OutShape));
        if (!map.IsPadded && StridedReshape.Strides(InShape, map.Strides, OutShape) is { } strides)
            return new IndexMap(map.Offset, strides);
        return map with { ReshapeTo = InShape };
    }

    public override Expr? ComposeIota(IotaExpr iota) =>
        AffineView.FromUnitReshape(InShape, OutShape) is { } unit ? unit.ComposeIota(iota) : null;
}

/// <summary>lax.pad without interior padding: p = q - lo, and points outside the input read the pad value.</summary>
internal sealed class PadView(int[] inShape, int[] outShape, long[] low, double padValue) : View(inShape, outShape)
{
    public override bool Commutes => false;

    public override IndexMap? Compose(IndexMap map)
    {
        if (map.ReshapeTo is not null) return null;
        if (map.IsPadded && !ProgramEmitter.SameBits(map.PadValue, padValue)) return null;
        var offset = map.Offset;
        var lo = new long[InShape.Length];
        var hi = new long[InShape.Length];
        for (var d = 0; d < InShape.Length; d++)
        {
            offset -= map.Strides[d] * low[d];
            lo[d] = low[d] + (map.IsPadded ? Math.Max(0, map.ValidLo![d]) : 0);
            hi[d] = low[d] + (map.IsPadded ? Math.Min(InShape[d], map.ValidHi![d]) : InShape[d]);
        }
        return AffineView.WithoutIdlePadding(new IndexMap(offset, map.Strides) { ValidLo = lo, ValidHi = hi, PadValue = padValue }, OutShape);
    }

    public override Expr? ComposeIota(IotaExpr iota) => null;
}
