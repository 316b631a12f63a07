using JaxNet.Transforms;
using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.det: the determinant of a square matrix (of each, for a batch), from its LU factorization:
            /// the product of U's diagonal times the sign of the row permutation. A 0×0 matrix has determinant 1. The
            /// derivative is det(a) tr(a⁻¹ da); unlike JAX's (which solves with cofactors), it is NaN at a singular a.
            /// </summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
            public static NDArray Det(NDArray a)
            {
                var x = Jnp.PromoteInexact(a)[0];
                CheckMatrix("det", x);
                return Determinant.Det(x);
            }
        }
    }
}

/// <summary>The determinant through LU, with its derivative as a custom JVP.</summary>
internal static class Determinant
{
    public static NDArray Det(NDArray a) =>
        CustomDerivatives.CallCustomJvp(args =>
        {
            var (lu, pivots, _) = LuFactor.Factor(args[0]);
            return [FromFactors(lu, pivots)];
        }, (primals, tangents) =>
        {
            var (lu, pivots, perm) = LuFactor.Factor(primals[0]);
            var det = FromFactors(lu, pivots);
            var trace = Jnp.Sum(Diagonal(LuFactor.Solve(lu, perm, tangents[0])), -1);
            return ([det], [det * trace]);
        }, [a])[0];

    // Each step that swapped two different rows flips the sign.
    private static NDArray FromFactors(NDArray lu, NDArray pivots)
    {
        var k = pivots.Aval.Shape[^1];
        var swaps = Jnp.Sum(Jnp.NotEqual(pivots, LinalgMatrices.Iota([k], 0)), -1);
        var sign = 1 - 2 * Jnp.Remainder(swaps, 2);
        return Jax.Lax.ConvertElementType(sign, lu.DType) * Jnp.Prod(Diagonal(lu), -1);
    }
}
