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
        /// numpy.linalg.slogdet: the sign (−1, 0 or 1) and the natural log of the absolute value of the determinant
        /// of each square matrix [..., n, n], from its LU factorization, so that huge and tiny determinants do not
        /// overflow. A singular matrix gives sign 0 and log −inf; a 0×0 matrix sign 1 and log 0. The derivative is
        /// JAX's: d logabsdet = tr(a⁻¹ da), and the sign's is 0.
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
                return (values, [ZerosLike(values[0]), trace]);
            }, [x]);
            return (outs[0], outs[1]);
        }

        private static NDArray[] SignAndLog(NDArray a)
        {
            var (lu, pivots, _) = LuDecomposition.Factor(a);
            return SignAndLog(lu, pivots);
        }

        // The sign is the permutation's times that of U's diagonal; a zero on the diagonal makes it 0 and the log −inf.
        private static NDArray[] SignAndLog(NDArray lu, NDArray pivots)
        {
            var diagonal = LinalgMatrices.Diagonal(lu);
            var singular = Any(Equal(diagonal, 0), -1);
            var negatives = Lax.ConvertElementType(Remainder(Sum(Less(diagonal, 0), -1), 2), lu.DType);
            var sign = Determinant.PermutationSign(pivots, lu.DType) * (1 - 2 * negatives);
            var log = Sum(Log(Abs(diagonal)), -1);
            return [Where(singular, ZerosLike(sign), sign), Where(singular, FullLike(log, double.NegativeInfinity), log)];
        }
    }
}
