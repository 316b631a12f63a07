using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>How <see cref="Jnp.Quantile"/> picks a value between the two order statistics around q (n - 1) (jnp's
/// <c>method</c>).</summary>
public enum QuantileMethod
{
    /// <summary>Linear interpolation between them (the default).</summary>
    Linear,

    /// <summary>The lower one.</summary>
    Lower,

    /// <summary>The higher one.</summary>
    Higher,

    /// <summary>The nearer one; the lower at exactly half way, as in JAX (NumPy rounds half to even).</summary>
    Nearest,

    /// <summary>Their mean (what <see cref="Jnp.Median"/> uses).</summary>
    Midpoint,
}

/// <summary>
/// Quantiles, percentiles and medians, as JAX computes them: the reduced axes are sorted (NaNs last) and the order
/// statistics around q (n - 1) are gathered, so they work under Jit and Vmap and differentiate through the sort
/// (the gradient lands on the elements picked). Without the nan prefix a slice that holds a NaN gives NaN; the nan
/// versions use the non-NaN values only (NaN where there are none). q may be a scalar or a vector, whose axis leads
/// the result; it is not checked against [0, 1] (as in JAX, values outside clamp to the extremes). Integer inputs
/// give the default float.
/// </summary>
public static partial class Jnp
{
    public static NDArray Quantile(NDArray x, NDArray q, int? axis = null, QuantileMethod method = QuantileMethod.Linear, bool keepdims = false) =>
        QuantileCore(x, q, Axes(axis), method, keepdims, skipNans: false, "quantile");

    public static NDArray Quantile(NDArray x, NDArray q, int[] axes, QuantileMethod method = QuantileMethod.Linear, bool keepdims = false) =>
        QuantileCore(x, q, axes, method, keepdims, skipNans: false, "quantile");

    public static NDArray Nanquantile(NDArray x, NDArray q, int? axis = null, QuantileMethod method = QuantileMethod.Linear, bool keepdims = false) =>
        QuantileCore(x, q, Axes(axis), method, keepdims, skipNans: true, "nanquantile");

    /// <summary>The <paramref name="q"/>-th percentile (q in [0, 100]).</summary>
    public static NDArray Percentile(NDArray x, NDArray q, int? axis = null, QuantileMethod method = QuantileMethod.Linear, bool keepdims = false) =>
        QuantileCore(x, PromoteInexact(q)[0] / 100, Axes(axis), method, keepdims, skipNans: false, "percentile");

    public static NDArray Nanpercentile(NDArray x, NDArray q, int? axis = null, QuantileMethod method = QuantileMethod.Linear, bool keepdims = false) =>
        QuantileCore(x, PromoteInexact(q)[0] / 100, Axes(axis), method, keepdims, skipNans: true, "nanpercentile");

    /// <summary>The median: the mean of the two middle values for an even count.</summary>
    public static NDArray Median(NDArray x, int? axis = null, bool keepdims = false) =>
        QuantileCore(x, 0.5, Axes(axis), QuantileMethod.Midpoint, keepdims, skipNans: false, "median");

    public static NDArray Median(NDArray x, int[] axes, bool keepdims = false) =>
        QuantileCore(x, 0.5, axes, QuantileMethod.Midpoint, keepdims, skipNans: false, "median");

    public static NDArray Nanmedian(NDArray x, int? axis = null, bool keepdims = false) =>
        QuantileCore(x, 0.5, Axes(axis), QuantileMethod.Midpoint, keepdims, skipNans: true, "nanmedian");

    private static NDArray QuantileCore(NDArray x, NDArray q, int[]? axes, QuantileMethod method, bool keepdims, bool skipNans, string op)
    {
        if (q.Ndim > 1) throw new ShapeException($"{op}: q must have rank 0 or 1, got shape {Shapes.Format(q.Aval.Shape)}");
        // JAX refuses complex data: between two complex order statistics "linear interpolation" has no agreed meaning.
        RequireReal(op, x);
        RequireReal(op, q, nameof(q));
        var a = PromoteInexact(x)[0];
        q = PromoteInexact(q)[0];
        // A literal q takes the data's dtype; a typed one keeps its own, in which linear interpolation is computed.
        if (q.WeakType) q = Lax.ConvertElementType(q, a.DType, weakType: true);
        var reduced = Shapes.Axes(axes, a.Ndim, op);
        var kept = Enumerable.Range(0, a.Ndim).Where(d => !reduced.Contains(d)).ToArray();
        var keptShape = kept.Select(d => a.Aval.Shape[d]).ToArray();
        var n = reduced.Aggregate(1, (s, d) => s * a.Aval.Shape[d]);
        if (n == 0) throw new ShapeException($"{op}: cannot take a quantile over an empty axis of shape {Shapes.Format(a.Aval.Shape)}");
        // The reduced axes last, merged into one.
        a = Lax.Reshape(Lax.Transpose(a, [.. kept, .. reduced]), [.. keptShape, n]);
        var axis = kept.Length;
        if (!skipNans) a = Where(Any(IsNan(a), axis, keepdims: true), double.NaN, a);
        a = Lax.Sort(a, axis);

        // q along the sorted axis, times the index of the last (non-NaN) value.
        var m = q.Ndim == 1 ? q.Aval.Shape[0] : 1;
        var qAlong = Lax.Reshape(q, [.. Enumerable.Repeat(1, axis), m]);
        var last = skipNans
            ? Lax.ConvertElementType(Sum(LogicalNot(IsNan(a)), axis, keepdims: true), q.DType) - 1
            : Full([], n - 1, q.DType);
        var position = Multiply(qAlong, last);
        var low = Lax.Floor(position);
        var high = Lax.Ceil(position);
        var highWeight = position - low;
        NDArray Index(NDArray p) => Lax.ConvertElementType(Clip(p, 0, Maximum(last, 0)), DType.Int32);
        NDArray Pick(NDArray p)
        {
            var index = Index(p);
            return TakeAlongAxis(a, BroadcastTo(index, [.. keptShape, m]), axis, TakeMode.Clip);
        }
        var (lowValue, highValue) = (Pick(low), Pick(high));
        var result = method switch
        {
            QuantileMethod.Linear => Add(Multiply(Lax.ConvertElementType(lowValue, q.DType), 1 - highWeight),
                Multiply(Lax.ConvertElementType(highValue, q.DType), highWeight)),
            QuantileMethod.Lower => lowValue,
            QuantileMethod.Higher => highValue,
            QuantileMethod.Nearest => Where(LessEqual(BroadcastTo(highWeight, lowValue.Shape), 0.5), lowValue, highValue),
            QuantileMethod.Midpoint => (lowValue + highValue) * 0.5,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"{op}: unknown method"),
        };
        // [kept..., m] -> [m, kept...] for a vector q, [kept...] for a scalar.
        result = q.Ndim == 1 ? Moveaxis(result, axis, 0) : Lax.Squeeze(result, [axis]);
        if (!keepdims) return result;
        var shape = Enumerable.Range(0, x.Ndim).Select(d => reduced.Contains(d) ? 1 : x.Aval.Shape[d]);
        return Lax.Reshape(result, [.. q.Aval.Shape, .. shape]);
    }
}
