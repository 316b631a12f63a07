using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>Cumulative sum along an axis (of the flattened array when null).</summary>
    public static NDArray Cumsum(NDArray x, int? axis = null)
    {
        x = Accumulating(x);
        return axis is null ? Lax.Cumsum(Ravel(x), 0) : Lax.Cumsum(x, Shapes.Axis(axis.Value, x.Ndim, "cumsum"));
    }

    public static NDArray Cumprod(NDArray x, int? axis = null)
    {
        x = Accumulating(x);
        return axis is null ? Lax.Cumprod(Ravel(x), 0) : Lax.Cumprod(x, Shapes.Axis(axis.Value, x.Ndim, "cumprod"));
    }

    /// <summary>Sorted along an axis (of the flattened array when null); NaNs last.</summary>
    public static NDArray Sort(NDArray x, int? axis = -1) =>
        axis is null ? Lax.Sort(Ravel(x), 0) : Lax.Sort(x, Shapes.Axis(axis.Value, x.Ndim, "sort"));

    /// <summary>numpy.sort_complex: sorted along the last axis (complex values by real part, then imaginary part),
    /// as a complex array (complex64 for float32 and narrower inputs and for integers without x64).</summary>
    public static NDArray SortComplex(NDArray x)
    {
        if (x.Ndim == 0) throw new ShapeException("sort_complex: a scalar has no axis to sort; use Jnp.Atleast1d first");
        var sorted = Lax.Sort(x, -1);
        return sorted.DType.IsComplex() ? sorted : Lax.ConvertElementType(sorted, TypePromotion.ToInexact(sorted.DType).ToComplex());
    }

    /// <summary>The indices that sort along an axis (a stable sort of (values, iota)).</summary>
    public static NDArray Argsort(NDArray x, int? axis = -1, bool descending = false)
    {
        if (axis is null) return Argsort(Ravel(x), 0, descending);
        var a = Shapes.Axis(axis.Value, x.Ndim, "argsort");
        var iota = Lax.BroadcastedIota(DType.Int32, x.Aval.Shape, a);
        return Lax.Sort([x, iota], a, isStable: true, numKeys: 1, descending: descending)[1];
    }

    /// <summary>
    /// The indices that sort along an axis by several keys (numpy.lexsort): the last key is the primary one, earlier
    /// keys break its ties, and remaining ties keep their order (a stable sort of the keys and an iota). Keys have
    /// one shape; scalars give 0.
    /// </summary>
    public static NDArray Lexsort(NDArray[] keys, int axis = -1)
    {
        if (keys.Length == 0) throw new ArgumentException("lexsort: needs at least one key", nameof(keys));
        var shape = keys[0].Aval.Shape;
        if (keys.Any(k => !Shapes.Equal(k.Aval.Shape, shape)))
            throw new ShapeException($"lexsort: all keys must have one shape, got {string.Join(", ", keys.Select(k => Shapes.Format(k.Aval.Shape)))}");
        if (shape.Length == 0) return Full([], 0, TypePromotion.DefaultInt);
        var a = Shapes.Axis(axis, shape.Length, "lexsort");
        var iota = Lax.BroadcastedIota(TypePromotion.DefaultInt, shape, a);
        return Lax.Sort([.. keys.Reverse(), iota], a, isStable: true, numKeys: keys.Length)[^1];
    }

    /// <summary><see cref="Lexsort(NDArray[], int)"/> with the keys in the rows of an array (keys[i] along axis 0).</summary>
    public static NDArray Lexsort(NDArray keys, int axis = -1)
    {
        if (keys.Ndim == 0) throw new ShapeException("lexsort: the keys must be an array of at least one dimension, got a scalar");
        return Lexsort(Enumerable.Range(0, keys.Aval.Shape[0]).Select(i => keys[i]).ToArray(), axis);
    }

    /// <summary>Whether all elements are close: |x - y| &lt;= atol + rtol |y| (NaNs equal with <paramref name="equalNan"/>).</summary>
    public static bool Allclose(NDArray x, NDArray y, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) =>
        (bool)All(Isclose(x, y, rtol, atol, equalNan));

    public static NDArray Isclose(NDArray x, NDArray y, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
    {
        var p = PromoteInexact(x, y);
        var (a, b) = (p[0], p[1]);
        // The tolerance test alone would call any value close to an infinite b (|a - inf| <= rtol * inf):
        // where either side is infinite, only the same infinity is close.
        var withinTolerance = LessEqual(Abs(a - b), atol + rtol * Abs(b));
        var anyInf = LogicalOr(IsInf(a), IsInf(b));
        var close = LogicalOr(LogicalAnd(withinTolerance, LogicalNot(anyInf)), LogicalAnd(anyInf, Equal(a, b)));
        return equalNan ? LogicalOr(close, LogicalAnd(IsNan(a), IsNan(b))) : close;
    }

    public static bool ArrayEqual(NDArray x, NDArray y) =>
        Shapes.Equal(x.Aval.Shape, y.Aval.Shape) && (bool)All(Equal(x, y));
}
