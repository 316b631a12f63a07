using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// The NaN-ignoring reductions (jnp.nansum and family), as JAX defines them: NaNs are replaced by the reduction's
/// identity (0 for sums, 1 for products, -inf for max, +inf for min) before reducing; nanmax and nanmin of a slice
/// that is all NaN are NaN, nanargmax and nanargmin -1, nanmean 0/0 = NaN, nanvar NaN when fewer than ddof + 1
/// values are left. Integer and bool inputs have no NaNs: they reduce as the plain functions do. The replacement
/// is a select, so a NaN's cotangent is 0 and the others' are the plain reduction's.
/// </summary>
public static partial class Jnp
{
    public static NDArray Nansum(NDArray x, int? axis = null, bool keepdims = false) => Nansum(x, Axes(axis), keepdims);

    public static NDArray Nansum(NDArray x, int[]? axes, bool keepdims = false) => Sum(NanTo(x, 0), axes, keepdims);

    public static NDArray Nanprod(NDArray x, int? axis = null, bool keepdims = false) => Prod(NanTo(x, 1), axis, keepdims);

    public static NDArray Nanmax(NDArray x, int? axis = null, bool keepdims = false) =>
        NanIfAllNan(x, Max(NanTo(x, double.NegativeInfinity), axis, keepdims), axis, keepdims);

    public static NDArray Nanmin(NDArray x, int? axis = null, bool keepdims = false) =>
        NanIfAllNan(x, Min(NanTo(x, double.PositiveInfinity), axis, keepdims), axis, keepdims);

    /// <summary>Index of the largest non-NaN value (ties give the first); -1 where a slice is all NaN.</summary>
    public static NDArray Nanargmax(NDArray x, int? axis = null, bool keepdims = false) =>
        NanArg(Argmax, x, double.NegativeInfinity, axis, keepdims);

    /// <summary>Index of the smallest non-NaN value (ties give the first); -1 where a slice is all NaN.</summary>
    public static NDArray Nanargmin(NDArray x, int? axis = null, bool keepdims = false) =>
        NanArg(Argmin, x, double.PositiveInfinity, axis, keepdims);

    /// <summary>The mean of the non-NaN values (NaN where there are none); integers average as floats.</summary>
    public static NDArray Nanmean(NDArray x, int? axis = null, bool keepdims = false) => Nanmean(x, Axes(axis), keepdims);

    public static NDArray Nanmean(NDArray x, int[]? axes, bool keepdims = false)
    {
        if (!x.DType.IsInexact()) return Mean(x, axes, keepdims);
        var count = Lax.ConvertElementType(Sum(LogicalNot(IsNan(x)), axes, keepdims), x.DType);
        return Lax.Div(Nansum(x, axes, keepdims), count);
    }

    /// <summary>The variance of the non-NaN values with <paramref name="ddof"/> delta degrees of freedom; NaN where
    /// fewer than ddof + 1 values are not NaN.</summary>
    public static NDArray Nanvar(NDArray x, int? axis = null, bool keepdims = false, int ddof = 0)
    {
        var axes = Shapes.Axes(Axes(axis), x.Ndim, "nanvar");
        var f = PromoteInexact(x)[0];
        var nan = IsNan(f);
        // The select sits after the subtraction (JAX's double where), so a NaN's cotangent is 0, not NaN.
        var centered = Where(nan, 0, f - Nanmean(f, axes, keepdims: true));
        var count = Sum(LogicalNot(nan), axes, keepdims) - ddof;
        var none = LessEqual(count, 0);
        var sum = Sum(SquaredModulus(centered), axes, keepdims);
        return Where(none, double.NaN, sum) / Lax.ConvertElementType(Where(none, 1, count), sum.DType);
    }

    public static NDArray Nanstd(NDArray x, int? axis = null, bool keepdims = false, int ddof = 0) => Sqrt(Nanvar(x, axis, keepdims, ddof));

    /// <summary>Cumulative sum treating NaNs as 0 (along an axis, or of the flattened array when null).</summary>
    public static NDArray Nancumsum(NDArray x, int? axis = null) => Cumsum(NanTo(x, 0), axis);

    /// <summary>Cumulative product treating NaNs as 1 (along an axis, or of the flattened array when null).</summary>
    public static NDArray Nancumprod(NDArray x, int? axis = null) => Cumprod(NanTo(x, 1), axis);

    // NaNs replaced by a reduction's identity (a complex value is NaN when either part is); integers and bools have none.
    private static NDArray NanTo(NDArray x, double value) =>
        x.DType.IsInexact() ? Lax.Select(Lax.Ne(x, x), Full(x.Shape, value, x.DType), x) : x;

    private static NDArray NanIfAllNan(NDArray x, NDArray result, int? axis, bool keepdims) =>
        x.DType.IsInexact() ? Where(All(IsNan(x), axis, keepdims), double.NaN, result) : result;

    private static NDArray NanArg(Func<NDArray, int?, bool, NDArray> arg, NDArray x, double fill, int? axis, bool keepdims)
    {
        if (!x.DType.IsInexact()) return arg(x, axis, keepdims);
        var index = arg(NanTo(x, fill), axis, keepdims);
        return Where(All(IsNan(x), axis, keepdims), -1, index);
    }
}
