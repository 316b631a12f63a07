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
