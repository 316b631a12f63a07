using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>The range of values (maximum minus minimum) along an axis (null: all).</summary>
    public static NDArray Ptp(NDArray x, int? axis = null, bool keepdims = false) =>
        Subtract(Max(x, axis, keepdims), Min(x, axis, keepdims));

    /// <summary>
    /// The weighted average along an axis (null: all): sum(x * w) / sum(w), computed in a float type. Without
    /// weights it is the mean. Weights have x's shape, or, with an axis, are a vector along that axis. Zero total
    /// weight gives NaN or inf (JAX does not check; NumPy raises).
    /// </summary>
    public static NDArray Average(NDArray x, int? axis = null, NDArray? weights = null, bool keepdims = false)
    {
        if (weights is null) return Mean(x, axis, keepdims);
        var p = PromoteInexact(x, weights);
        var (a, w) = (p[0], p[1]);
        if (!Shapes.Equal(a.Aval.Shape, w.Aval.Shape))
        {
            if (axis is null)
                throw new ShapeException($"average: weights {Shapes.Format(w.Aval.Shape)} must have the shape of x {Shapes.Format(a.Aval.Shape)} when axis is null");
            var ax = Shapes.Axis(axis.Value, a.Ndim, "average");
            if (w.Ndim != 1 || w.Aval.Shape[0] != a.Aval.Shape[ax])
                throw new ShapeException($"average: weights {Shapes.Format(w.Aval.Shape)} must be a vector of the length of axis {axis} of {Shapes.Format(a.Aval.Shape)}");
            w = Lax.BroadcastInDim(w, a.Aval.Shape, [ax]);
        }
        return Sum(a * w, axis, keepdims) / Sum(w, axis, keepdims);
    }

    /// <summary>NaN replaced by <paramref name="nan"/>, +inf by <paramref name="posinf"/> (default: the dtype's
    /// largest finite value) and -inf by <paramref name="neginf"/> (default: the most negative), in each part of a
    /// complex value; integers and bools unchanged.</summary>
    public static NDArray NanToNum(NDArray x, double nan = 0.0, double? posinf = null, double? neginf = null)
    {
        if (x.DType.IsComplex()) return PartWise(x, part => NanToNum(part, nan, posinf, neginf));
        if (!x.DType.IsFloat()) return x;
        var largest = x.DType switch
        {
            DType.Float64 => double.MaxValue,
            DType.Float16 => 65504.0,
            DType.BFloat16 => 3.3895313892515355e38,
            _ => float.MaxValue,
        };
        var result = Where(IsNan(x), nan, x);
        result = Where(IsPosInf(x), posinf ?? largest, result);
        return Where(IsNegInf(x), neginf ?? -largest, result);
    }
}
