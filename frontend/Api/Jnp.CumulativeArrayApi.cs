using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// The array API's cumulative_sum and cumulative_prod: <see cref="Cumsum"/> and <see cref="Cumprod"/> with the
/// axis required beyond rank 1 (no silent flattening) and <c>includeInitial</c>, which puts the empty sum (0) or
/// the empty product (1) first, so the result is one longer along the axis.
/// </summary>
public static partial class Jnp
{
    public static NDArray CumulativeSum(NDArray x, int? axis = null, DType? dtype = null, bool includeInitial = false) =>
        Cumulative(x, axis, dtype, includeInitial, "cumulative_sum", 0, Cumsum);

    public static NDArray CumulativeProd(NDArray x, int? axis = null, DType? dtype = null, bool includeInitial = false) =>
        Cumulative(x, axis, dtype, includeInitial, "cumulative_prod", 1, Cumprod);

    private static NDArray Cumulative(NDArray x, int? axis, DType? dtype, bool includeInitial, string op, int initial,
        Func<NDArray, int?, NDArray> scan)
    {
        if (x.Ndim == 0) throw new ShapeException($"{op}: the input must be non-scalar");
        if (axis is null && x.Ndim > 1)
            throw new ShapeException($"{op}: an axis is required for an array of rank {x.Ndim} (shape {Shapes.Format(x.Aval.Shape)})");
        var a = Shapes.Axis(axis ?? 0, x.Ndim, op);
        var result = scan(dtype is { } d ? Astype(x, d) : x, a);
        if (!includeInitial) return result;
        var shape = result.Shape;
        shape[a] = 1;
        return Jax.Lax.Concatenate([Full(shape, initial, result.DType), result], a);
    }
}
