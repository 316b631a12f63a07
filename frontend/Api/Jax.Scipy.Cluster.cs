using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>
        /// jax.scipy.cluster: vector quantization. JAX's function is jax.scipy.cluster.vq.vq; C# forbids a method named as
        /// its class, so it is <c>Jax.Scipy.Cluster.Vq</c> here (the module level dropped).
        /// </summary>
        public static class Cluster
        {
            /// <summary>
            /// jax.scipy.cluster.vq.vq: the index of the code nearest each observation (Euclidean distance) and that
            /// distance. <paramref name="obs"/> is [M, N] (one observation per row) and <paramref name="codeBook"/>
            /// [K, N]; vectors are read as observations and codes of one feature. Codes are int32; a tie goes to the
            /// first code. Distances are the norms of the differences (not the expanded |a|² − 2ab + |b|², whose
            /// cancellation loses the digits of near codes). An observation with a NaN feature has code 0 (argmin
            /// puts NaN first) and distance NaN. <paramref name="checkFinite"/> is accepted and unused, as in JAX (a
            /// traced array has no values to check).
            /// </summary>
            /// <exception cref="ShapeException">obs and codeBook of different ranks, of rank other than 1 or 2, with
            /// different feature counts, or an empty code book.</exception>
            /// <exception cref="ArgumentException">complex or boolean arguments.</exception>
            public static (NDArray Codes, NDArray Distances) Vq(NDArray obs, NDArray codeBook, bool checkFinite = true)
            {
                _ = checkFinite;
                foreach (var a in new[] { obs, codeBook })
                    if (a.DType.IsComplex() || a.DType == DType.Bool)
                        throw new ArgumentException($"vq: observations and codes must be real numbers, got {a.DType.NumpyName()}");
                if (obs.Ndim != codeBook.Ndim)
                    throw new ShapeException($"vq: observation and code_book should have the same rank, got shapes {Shapes.Format(obs.Aval.Shape)} and {Shapes.Format(codeBook.Aval.Shape)}");
                if (obs.Ndim is not (1 or 2))
                    throw new ShapeException($"vq: ndim different than 1 or 2 are not supported, got shape {Shapes.Format(obs.Aval.Shape)}");
                var p = Jnp.PromoteInexact(obs, codeBook);
                var (o, c) = obs.Ndim == 1 ? (Jnp.ExpandDims(p[0], -1), Jnp.ExpandDims(p[1], -1)) : (p[0], p[1]);
                if (o.Aval.Shape[1] != c.Aval.Shape[1])
                    throw new ShapeException($"vq: observations have {o.Aval.Shape[1]} features but codes have {c.Aval.Shape[1]}");
                if (c.Aval.Shape[0] == 0) throw new ShapeException("vq: the code book is empty");
                // [M, 1, N] − [1, K, N]: every observation against every code.
                var difference = Jnp.ExpandDims(o, 1) - Jnp.ExpandDims(c, 0);
                var distances = Jnp.Sqrt(Jnp.Sum(difference * difference, -1));
                var codes = Jnp.Argmin(distances, -1);
                var nearest = Jnp.TakeAlongAxis(distances, Jnp.ExpandDims(codes, -1), -1, TakeMode.Clip);
                return (codes, Jnp.Squeeze(nearest, -1));
            }
        }
    }
}
