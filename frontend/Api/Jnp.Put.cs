using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// put, place and fill_diagonal in JAX's functional form (NumPy's inplace=True has no counterpart: arrays are
/// immutable): each returns a copy of the array with values written at flat positions, through
/// <c>x.At[...].Set</c>, so they work under Jit and differentiate in the array and the values. Values are
/// flattened, repeated cyclically to the number of positions (NumPy's rule) and cast to the array's dtype.
/// </summary>
public static partial class Jnp
{
    /// <summary>
    /// A copy of <paramref name="a"/> with <paramref name="v"/> written at the flat positions
    /// <paramref name="indices"/>. By default (JAX's mode None) negative positions count from the end and positions
    /// beyond either end are clamped to it; <see cref="TakeMode.Clip"/> clamps into [0, size) (negatives go to 0);
    /// <see cref="TakeMode.Wrap"/> takes them modulo the size. Repeated positions keep one value, unspecified which.
    /// An empty array, index list or value list leaves <paramref name="a"/> as it is.
    /// </summary>
    public static NDArray Put(NDArray a, NDArray indices, NDArray v, TakeMode? mode = null)
    {
        var flatIndex = IndexArray(Ravel(indices), "put");
        if (mode == TakeMode.Fill) throw new ArgumentException("put: mode must be null (JAX's default), Clip or Wrap", nameof(mode));
        if (a.Size == 0 || flatIndex.Size == 0 || v.Size == 0) return a;
        var size = (int)a.Size;
        flatIndex = mode switch
        {
            TakeMode.Clip => Clip(flatIndex, (NDArray)0, (NDArray)(size - 1)),
            TakeMode.Wrap => Remainder(flatIndex, size),
            _ => Wrap(Clip(flatIndex, (NDArray)(-size), (NDArray)(size - 1)), size),
        };
        var values = TileToSize(Ravel(v), (int)flatIndex.Size);
        return Lax.Reshape(Ravel(a).At[flatIndex].Set(values, TakeMode.Clip), a.Shape);
    }

    /// <summary>
    /// A copy of <paramref name="a"/> whose elements where <paramref name="mask"/> is true (taken in row-major order)
    /// receive <paramref name="values"/> in turn, repeated cyclically (numpy.place). Mask and array have one size;
    /// the values must not be empty.
    /// </summary>
    public static NDArray Place(NDArray a, NDArray mask, NDArray values)
    {
        if (a.Size != mask.Size)
            throw new ShapeException($"place: the array {Shapes.Format(a.Aval.Shape)} and mask {Shapes.Format(mask.Aval.Shape)} must have one size");
        if (values.Size == 0) throw new ArgumentException("place: cannot place values from an empty array", nameof(values));
        if (a.Size == 0) return a;
        var n = (int)a.Size;
        // The true positions first, then n (out of range: dropped) for the rest, so the sizes stay static.
        var positions = Flatnonzero(mask, size: n, fillValue: n);
        var filled = Ravel(a).At[positions].Set(TileToSize(Ravel(values), n), TakeMode.Fill);
        return Lax.Reshape(filled, a.Shape);
    }

    /// <summary>
    /// A copy of <paramref name="a"/> (at least two-dimensional; beyond two, all dimensions equal) with its main
    /// diagonal set to <paramref name="val"/> (a scalar, or values repeated cyclically along the diagonal). With
    /// <paramref name="wrap"/> the diagonal of a tall matrix starts again below each square block, as in NumPy
    /// (JAX implements only wrap = false).
    /// </summary>
    public static NDArray FillDiagonal(NDArray a, NDArray val, bool wrap = false)
    {
        if (a.Ndim < 2) throw new ShapeException($"fill_diagonal: the array must be at least two-dimensional, got shape {Shapes.Format(a.Aval.Shape)}");
        var shape = a.Aval.Shape;
        if (a.Ndim > 2 && shape.Any(d => d != shape[0]))
            throw new ShapeException($"fill_diagonal: beyond two dimensions all must have one length, got shape {Shapes.Format(shape)}");
        if (val.Size == 0) throw new ArgumentException("fill_diagonal: val must not be empty", nameof(val));
        if (a.Size == 0) return a;
        // NumPy's flat positions: every step-th element, up to the last column's square (or to the end when wrapping).
        long step = a.Ndim == 2 ? shape[1] + 1 : 1 + Enumerable.Range(0, a.Ndim - 1).Sum(k => (long)Math.Pow(shape[0], k + 1));
        var end = a.Ndim == 2 && !wrap ? Math.Min(a.Size, (long)shape[1] * shape[1]) : a.Size;
        var positions = Enumerable.Range(0, (int)((end + step - 1) / step)).Select(k => (int)(k * step)).ToArray();
        var values = val.Ndim == 0 ? val : TileToSize(Ravel(val), positions.Length);
        return Lax.Reshape(Ravel(a).At[Array(positions)].Set(values, TakeMode.Clip), shape);
    }

    // A vector repeated cyclically and cut to size elements (NumPy's rule for too few values).
    private static NDArray TileToSize(NDArray v, int size)
    {
        var n = (int)v.Size;
        if (n < size) v = Tile(v, (size + n - 1) / n);
        return n == size ? v : Lax.SliceInDim(v, 0, size);
    }
}
