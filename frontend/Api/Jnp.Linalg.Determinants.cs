using JaxNet.Transforms;
using static JaxNet.LinalgMatrices;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.det: the determinant of each square matrix, with the derivative of
        /// <see cref="Jax.Scipy.Linalg.Det"/> (finite at singular matrices).
        /// </summary>
        /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
        public static NDArray Det(NDArray a) => Jax.Scipy.Linalg.Det(a);

        /// <summary>
        /// numpy.linalg.slogdet: the sign (−1, 0 or 1; for a complex matrix, det / |det|, on the unit circle) and the
        /// natural log of the absolute value of the determinant (real, also for complex matrices) of each square matrix
        /// [..., n, n], from its LU factorization, so that huge and tiny determinants do not overflow. A singular matrix
        /// gives sign 0 and log −inf; a 0×0 matrix sign 1 and log 0. The derivative is JAX's: with t = tr(a⁻¹ da),
        /// d logabsdet = Re t and d sign = i Im(t) sign (0 for real matrices).
        /// </summary>
        /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
        public static (NDArray Sign, NDArray Logabsdet) Slogdet(NDArray a)
        {
            var x = PromoteInexact(a)[0];
            CheckMatrix("slogdet", x);
            var outs = CustomDerivatives.CallCustomJvp(args => SignAndLog(args[0]), (primals, tangents) =>
            {
                var (lu, pivots, perm) = LuDecomposition.Factor(primals[0]);
                var values = SignAndLog(lu, pivots);
                var trace = Sum(LinalgMatrices.Diagonal(LuDecomposition.Solve(lu, perm, tangents[0])), -1);
                if (!trace.DType.IsComplex()) return (values, [ZerosLike(values[0]), trace]);
                var logDot = Real(trace);
                return (values, [(trace - logDot) * values[0], logDot]);
            }, [x]);
            return (outs[0], outs[1]);
        }

        private static NDArray[] SignAndLog(NDArray a)
        {
            var (lu, pivots, _) = LuDecomposition.Factor(a);
            return SignAndLog(lu, pivots);
        }

        // The sign is the permutation's times that of U's diagonal (the product of its unit phases, for complex U); a
        // zero on the diagonal makes it 0 and the log −inf.
        private static NDArray[] SignAndLog(NDArray lu, NDArray pivots)
        {
            var diagonal = LinalgMatrices.Diagonal(lu);
            var singular = Any(Equal(diagonal, 0), -1);
            var modulus = Abs(diagonal);
            var sign = Determinant.PermutationSign(pivots, lu.DType) * (diagonal.DType.IsComplex()
                ? Prod(diagonal / Where(Equal(modulus, 0), 1, modulus), -1)
                : 1 - 2 * Lax.ConvertElementType(Remainder(Sum(Less(diagonal, 0), -1), 2), lu.DType));
            var log = Sum(Log(modulus), -1);
            return [Where(singular, ZerosLike(sign), sign), Where(singular, FullLike(log, double.NegativeInfinity), log)];
        }
    }
}
