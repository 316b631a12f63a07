using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Signal
        {
            /// <summary>
            /// scipy.signal.detrend: <paramref name="data"/> less its least-squares line ("linear") or its mean
            /// ("constant") along <paramref name="axis"/>. Integer input detrends as the default float type.
            /// Breakpoints (SciPy's <c>bp</c>) are not supported, as in JAX's common use.
            /// </summary>
            public static NDArray Detrend(NDArray data, int axis = -1, string type = "linear")
            {
                data = Jnp.PromoteInexact(data)[0];
                if (data.Ndim == 0) throw new ShapeException("detrend: data must have at least one dimension");
                var ax = Shapes.Axis(axis, data.Ndim, "detrend");
                return type switch
                {
                    "constant" or "c" => data - Jnp.Mean(data, ax, keepdims: true),
                    "linear" or "l" => Jnp.Moveaxis(LessLine(Jnp.Moveaxis(data, ax, -1)), -1, ax),
                    _ => throw new ArgumentException($"detrend: unknown type '{type}' (known: linear, constant)", nameof(type)),
                };
            }

            /// <summary>Removes the least-squares line along the last axis; the closed form for a line keeps it
            /// one pass of sums, so it batches and differentiates as the sums do.</summary>
            private static NDArray LessLine(NDArray x)
            {
                var n = x.Aval.Shape[^1];
                if (n < 2) return x - Jnp.Mean(x, -1, keepdims: true);
                var realDtype = x.DType.IsComplex() ? Jnp.Real(x).DType : x.DType;
                // Centred sample positions make the slope and the intercept independent.
                var t = Jnp.Astype(Jnp.Arange(n), realDtype) - (n - 1) / 2.0;
                var slope = Jnp.Sum(x * t, -1, keepdims: true) / Jnp.Sum(t * t);
                return x - Jnp.Mean(x, -1, keepdims: true) - slope * t;
            }
        }
    }
}
