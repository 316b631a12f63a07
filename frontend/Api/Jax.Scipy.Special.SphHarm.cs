using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>
            /// jax.scipy.special.sph_harm: the spherical harmonic Y_n^m(θ, φ) = N P_n^|m|(cos φ) e^(i |m| θ) of order m and
            /// degree n (integer arrays) at azimuth <paramref name="theta"/> and polar angle <paramref name="phi"/>, N
            /// making them orthonormal on the sphere, with the Condon–Shortley phase and Y_n^−m = (−1)^m conj(Y_n^m), as
            /// SciPy. The four arguments broadcast together; the result is complex64 (complex128 for float64 angles).
            /// <paramref name="nMax"/> is the largest degree the table of normalised Legendre functions
            /// (<see cref="LpmnValues"/>) covers: degrees above it are clipped to it, as in JAX; without it the largest n
            /// is read, which needs n's values (a <see cref="ConcretizationTypeError"/> under Jit). |m| &gt; n gives 0
            /// (undefined in JAX). Differentiable in the angles.
            /// </summary>
            /// <exception cref="ArgumentException">m or n not integers, complex angles, or a negative
            /// <paramref name="nMax"/>.</exception>
            public static NDArray SphHarm(NDArray m, NDArray n, NDArray theta, NDArray phi, int? nMax = null) =>
                SphericalHarmonics("sph_harm", n, m, polar: phi, azimuth: theta, nMax);

            /// <summary>jax.scipy.special.sph_harm_y: <see cref="SphHarm"/> with SciPy 1.15's order of arguments: degree
            /// n, order m, polar angle <paramref name="theta"/>, azimuth <paramref name="phi"/> (JAX's diff_n is not
            /// offered).</summary>
            /// <exception cref="ArgumentException">as <see cref="SphHarm"/>.</exception>
            public static NDArray SphHarmY(NDArray n, NDArray m, NDArray theta, NDArray phi, int? nMax = null) =>
                SphericalHarmonics("sph_harm_y", n, m, polar: theta, azimuth: phi, nMax);

            private static NDArray SphericalHarmonics(string op, NDArray n, NDArray m, NDArray polar, NDArray azimuth, int? nMax)
            {
                if (!m.DType.IsInteger() || !n.DType.IsInteger())
                    throw new ArgumentException($"{op}: the order m and degree n must be integers, got {m.DType.NumpyName()} and {n.DType.NumpyName()}");
                var angles = Jnp.PromoteInexact(polar, azimuth);
                if (angles[0].DType.IsComplex()) throw new ArgumentException($"{op}: the angles must be real, got {angles[0].DType.NumpyName()}");
                if (angles[0].DType is DType.Float16 or DType.BFloat16) angles = [.. angles.Select(a => a.Astype(DType.Float32))];
                var degreeLimit = nMax ?? LargestDegree(op, n);
                if (degreeLimit < 0) throw new ArgumentException($"{op}: n_max must be non-negative, got {degreeLimit}", nameof(nMax));

                var b = Jnp.BroadcastArrays(op, m, n, angles[0], angles[1]);
                var shape = b[0].Shape;
                var (order, degree, cosine, longitude) = (b[0].Reshape(-1), b[1].Reshape(-1), Jnp.Cos(b[2].Reshape(-1)), b[3].Reshape(-1));
                var points = order.Shape[0];
                var absOrder = Jnp.Abs(order);
                var table = AssociatedLegendre(degreeLimit, degreeLimit, cosine, normalized: true);
                var legendre = table[Jnp.Clip(absOrder, 0, degreeLimit), Jnp.Clip(degree, 0, degreeLimit), Jnp.Arange(points)];
                var angle = absOrder.Astype(cosine.DType) * longitude;
                var harmonic = Lax.Complex(legendre * Jnp.Cos(angle), legendre * Jnp.Sin(angle));
                var oddOrder = Jnp.Equal(Jnp.Remainder(absOrder, 2), 1);
                var negativeOrder = Jnp.Where(oddOrder, -1, Jnp.OnesLike(cosine)) * Jnp.Conj(harmonic);
                return Jnp.Where(Jnp.Less(order, 0), negativeOrder, harmonic).Reshape(shape);
            }

            private static int LargestDegree(string op, NDArray n)
            {
                if (!n.IsConcrete)
                    throw new ConcretizationTypeError($"{op}: without n_max the table's size depends on the values of n, which are traced here; pass a static nMax");
                return n.Size == 0 ? 0 : checked((int)Jnp.Max(n).Item<long>());
            }
        }
    }
}
