using JaxNet.Spectral;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.hessenberg: the upper Hessenberg form H (zero below the first subdiagonal) of each square
            /// real or complex matrix [..., n, n], a = Q H Qᴴ, by Householder reflections as LAPACK's gehrd (the same
            /// signs, and for complex matrices a real subdiagonal, so the same H as SciPy's). SciPy's calc_q=True is <see cref="HessenbergWithQ"/>. A NaN or infinite input gives NaN;
            /// differentiable through the reflections (JAX's LAPACK call is not), where no column below the subdiagonal is
            /// already zero.
            /// </summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
            public static NDArray Hessenberg(NDArray a) => HessenbergWithQ(a).H;

            /// <summary>scipy.linalg.hessenberg with calc_q=True: H and the orthogonal (unitary) Q with a = Q H Qᴴ (Q's
            /// first row and column are those of the identity).</summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
            public static (NDArray H, NDArray Q) HessenbergWithQ(NDArray a)
            {
                var x = Matrices.Checked(a, "Hessenberg", square: true);
                var outs = Matrices.Map(m => m.Shape[0] == 0 ? [m, m] : HessenbergReduction.Reduce(m), x, 2);
                return (outs[0], outs[1]);
            }
        }
    }
}

/// <summary>The reduction of one square matrix to Hessenberg form: reflection k maps column k's entries below the
/// subdiagonal onto it and is applied on both sides (a similarity), and accumulated into Q.</summary>
internal static class HessenbergReduction
{
    public static NDArray[] Reduce(NDArray a)
    {
        var n = a.Shape[0];
        var scale = Matrices.Scale(a);
        var rows = Lax.Iota(DType.Int32, n);
        // The last step has one entry below the diagonal: a no-op for a real matrix (tau = 0), and for a complex one
        // the phase that makes the last subdiagonal entry real, as LAPACK's zgehrd does.
        var loop = Lax.ForiLoop(0, Math.Max(n - 1, 0), (k, c) =>
        {
            var (v, tau) = Householder.Reflector(Householder.Column(c[0], k), k + 1, rows);
            return [Householder.FromRight(Householder.FromLeft(c[0], v, tau), v, tau), Householder.FromRight(c[1], v, tau)];
        }, [a / scale, Jnp.Eye(n, dtype: a.DType)]);
        // Below the subdiagonal H holds rounding errors of the zeros the reflections made.
        var ok = Matrices.AllFinite(a);
        return [Matrices.NanUnless(ok, Householder.RealBand(Jnp.Triu(loop[0], -1), -1) * scale), Matrices.NanUnless(ok, loop[1])];
    }
}
