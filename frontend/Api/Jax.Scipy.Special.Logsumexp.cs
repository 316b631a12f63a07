using JaxNet.Core;
using static JaxNet.SpecialSeries;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>
            /// scipy.special.logsumexp: log Σ b·exp(a) over an axis (null: all axes), shifted by the maximum so that
            /// nothing overflows; the shift is a constant to differentiation, as in JAX. <paramref name="b"/> (weights,
            /// broadcast with a) may be negative: a negative sum gives NaN here (its sign comes from
            /// <see cref="LogsumexpWithSign(NDArray, int?, NDArray?, bool)"/>). Entries whose weight is 0 are left out,
            /// even if a is infinite there. An empty reduction gives −inf.
            /// </summary>
            /// <exception cref="ShapeException">b does not broadcast with a, or an axis is out of range.</exception>
            public static NDArray Logsumexp(NDArray a, int? axis = null, NDArray? b = null, bool keepdims = false) =>
                Logsumexp(a, axis is { } x ? [x] : null, b, keepdims);

            /// <summary><see cref="Logsumexp(NDArray, int?, NDArray?, bool)"/> over several axes.</summary>
            public static NDArray Logsumexp(NDArray a, int[]? axes, NDArray? b = null, bool keepdims = false)
            {
                var (value, sign) = LogsumexpWithSign(a, axes, b, keepdims);
                return b is null ? value : Jnp.Where(Jnp.Less(sign, 0), double.NaN, value);
            }

            /// <summary>
            /// logsumexp with <c>return_sign=True</c>: log |Σ b·exp(a)| and the sign of the sum (−1, 0 or 1; 0 where the
            /// sum is 0, whose log is −inf), for weights of either sign.
            /// </summary>
            /// <exception cref="ShapeException">b does not broadcast with a, or an axis is out of range.</exception>
            public static (NDArray Value, NDArray Sign) LogsumexpWithSign(NDArray a, int? axis = null, NDArray? b = null, bool keepdims = false) =>
                LogsumexpWithSign(a, axis is { } x ? [x] : null, b, keepdims);

            /// <summary><see cref="LogsumexpWithSign(NDArray, int?, NDArray?, bool)"/> over several axes.</summary>
            public static (NDArray Value, NDArray Sign) LogsumexpWithSign(NDArray a, int[]? axes, NDArray? b = null, bool keepdims = false)
            {
                const string name = "logsumexp";
                var (values, weights) = b is null ? (Jnp.PromoteInexact(a)[0], null) : Weighted(name, a, b);
                var dims = Shapes.Axes(axes, values.Ndim, name);
                var max = Lax.ExpandDims(Lax.ReduceMax(values, dims), dims);
                var shift = Lax.StopGradient(Jnp.Where(Jnp.IsFinite(max), max, 0));
                var terms = weights is null ? Jnp.Exp(values - shift) : Jnp.Exp(values - shift) * weights;
                var sum = Lax.ExpandDims(Lax.ReduceSum(terms, dims), dims);
                var value = Jnp.Log(Jnp.Abs(sum)) + shift;
                var sign = Jnp.Sign(sum);
                return keepdims ? (value, sign) : (Lax.Squeeze(value, dims), Lax.Squeeze(sign, dims));
            }

            /// <summary>scipy.special.softmax: exp(x) normalised over the axes (null: all of them), shifted by the
            /// maximum (a constant to differentiation). A +inf entry makes its slice NaN, as in JAX.</summary>
            /// <exception cref="ShapeException">An axis is out of range.</exception>
            public static NDArray Softmax(NDArray x, int? axis = null) => Softmax(x, axis is { } a ? [a] : null);

            /// <inheritdoc cref="Softmax(NDArray, int?)"/>
            public static NDArray Softmax(NDArray x, int[]? axes)
            {
                var (shifted, dims) = Shifted(x, axes, "softmax");
                var e = Jnp.Exp(shifted);
                return e / Lax.ExpandDims(Lax.ReduceSum(e, dims), dims);
            }

            /// <summary>scipy.special.log_softmax: x minus its logsumexp over the axes (null: all of them), without
            /// the underflow of log(softmax(x)).</summary>
            /// <exception cref="ShapeException">An axis is out of range.</exception>
            public static NDArray LogSoftmax(NDArray x, int? axis = null) => LogSoftmax(x, axis is { } a ? [a] : null);

            /// <inheritdoc cref="LogSoftmax(NDArray, int?)"/>
            public static NDArray LogSoftmax(NDArray x, int[]? axes)
            {
                var (shifted, dims) = Shifted(x, axes, "log_softmax");
                return shifted - Jnp.Log(Lax.ExpandDims(Lax.ReduceSum(Jnp.Exp(shifted), dims), dims));
            }

            // a and b promoted and broadcast together; a's entries of weight 0 become -inf, so they drop out even where a
            // is infinite.
            private static (NDArray Values, NDArray? Weights) Weighted(string name, NDArray a, NDArray b)
            {
                var p = Promote(name, a, b);
                return (Jnp.Where(Jnp.NotEqual(p[1], 0), p[0], double.NegativeInfinity), p[1]);
            }

            private static (NDArray Shifted, int[] Dims) Shifted(NDArray x, int[]? axes, string name)
            {
                var v = Jnp.PromoteInexact(x)[0];
                var dims = Shapes.Axes(axes, v.Ndim, name);
                return (v - Lax.StopGradient(Lax.ExpandDims(Lax.ReduceMax(v, dims), dims)), dims);
            }
        }
    }
}
