using JaxNet.Core;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>lax.igamma(a, x): the regularized lower incomplete gamma function, <see cref="Special.Gammainc"/>
        /// under lax's rules: one real floating dtype and one shape (a scalar broadcasts, and a C# literal takes the other's dtype).</summary>
        public static NDArray Igamma(NDArray a, NDArray x)
        {
            var p = SameFloating("igamma", a, x);
            return Special.Gammainc(p[0], p[1]);
        }

        /// <summary>lax.igammac(a, x): the regularized upper incomplete gamma function, <see cref="Special.Gammaincc"/>,
        /// with the arguments checked as <see cref="Igamma"/> does.</summary>
        public static NDArray Igammac(NDArray a, NDArray x)
        {
            var p = SameFloating("igammac", a, x);
            return Special.Gammaincc(p[0], p[1]);
        }

        /// <summary>
        /// lax.igamma_grad_a(a, x): ∂/∂a of <see cref="Igamma"/>, the forward-mode derivative of its series and
        /// continued-fraction loops (what Igamma's own derivative in a uses), with Igamma's argument checks. NaN where
        /// Igamma is.
        /// </summary>
        public static NDArray IgammaGradA(NDArray a, NDArray x)
        {
            var p = SameFloating("igamma_grad_a", a, x);
            return Special.GammaincGradA(p[0], p[1]);
        }

        /// <summary>
        /// lax.random_gamma_grad(a, x): the derivative in a of a Gamma(a, 1) sample x held at its quantile, the implicit
        /// reparameterisation gradient −(∂P/∂a) / (∂P/∂x) = −igamma_grad_a(a, x) Γ(a) / (x^(a−1) e^(−x)). Far in the
        /// upper tail, where the density underflows, it is NaN (XLA evaluates the quotient by its own series there).
        /// </summary>
        public static NDArray RandomGammaGrad(NDArray a, NDArray x)
        {
            var p = SameFloating("random_gamma_grad", a, x);
            var logDensity = Special.Xlogy(p[0] - 1, p[1]) - p[1] - Lgamma(p[0]);
            return -Special.GammaincGradA(p[0], p[1]) / Jnp.Exp(logDensity);
        }

        /// <summary>lax.regularized_incomplete_beta(a, b, x): <see cref="Special.Betainc"/> with one real floating
        /// dtype and one shape.</summary>
        public static NDArray RegularizedIncompleteBeta(NDArray a, NDArray b, NDArray x)
        {
            var p = SameFloating("regularized_incomplete_beta", a, b, x);
            return Special.Betainc(p[0], p[1], p[2]);
        }

        /// <summary>lax.bessel_i0e(x): the exponentially scaled modified Bessel function of order 0,
        /// <see cref="Special.I0e"/>, for a real floating x.</summary>
        public static NDArray BesselI0e(NDArray x) => Special.I0e(SameFloating("bessel_i0e", x)[0]);

        /// <summary>lax.bessel_i1e(x): the exponentially scaled modified Bessel function of order 1,
        /// <see cref="Special.I1e"/>, for a real floating x.</summary>
        public static NDArray BesselI1e(NDArray x) => Special.I1e(SameFloating("bessel_i1e", x)[0]);

        // lax's special functions neither promote nor broadcast beyond scalars; the scipy forms do both, so the checks
        // come first.
        private static NDArray[] SameFloating(string op, params NDArray[] xs)
        {
            var typed = xs.Select(x => xs.Aggregate(x, (own, other) => AdoptWeak(own, other).Item1)).ToArray();
            var first = typed.FirstOrDefault(x => x.Ndim != 0) ?? typed[0];
            foreach (var x in typed)
            {
                if (!x.DType.IsInexact() || x.DType.IsComplex())
                    throw new ArgumentException($"{op}: lax needs real floating arguments, got {x.DType.NumpyName()}");
                if (x.DType != first.DType)
                    throw new ArgumentException($"{op}: lax needs one dtype, got {first.DType.NumpyName()} and {x.DType.NumpyName()}");
                if (x.Ndim != 0 && !Shapes.Equal(x.Shape, first.Shape))
                    throw new ShapeException($"{op}: lax needs one shape, got {Shapes.Format(first.Shape)} and {Shapes.Format(x.Shape)}");
            }
            return typed;
        }
    }
}
