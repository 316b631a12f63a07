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
            /// derivative is tr(adj(a) da), with the adjugate adj(a) (det(a) a⁻¹ where a is invertible) taken from the
            /// factors without dividing by a pivot, so that it is finite and exact at singular matrices of any rank, as
            /// JAX's cofactor rule intends (grad at [[1, 2], [2, 4]] is the cofactor matrix [[4, −2], [−2, 1]]).
            /// Derivatives of higher order go through the LU rule, which divides by the pivots: finite where a is invertible.
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

/// <summary>The determinant through LU, with its derivative (through the adjugate) as a custom JVP.</summary>
internal static class Determinant
{
    public static NDArray Det(NDArray a) =>
        CustomDerivatives.CallCustomJvp(args =>
        {
            var (lu, pivots, _) = LuDecomposition.Factor(args[0]);
            return [FromFactors(lu, pivots)];
        }, (primals, tangents) =>
        {
            var (lu, pivots, perm) = LuDecomposition.Factor(primals[0]);
            // d det = tr(adj(a) da) = sum(adj(a)ᵀ ∘ da): linear in da, an elementwise product rather than a matmul.
            var product = T(Adjugate.FromFactors(lu, pivots, perm)) * tangents[0];
            return ([FromFactors(lu, pivots)], [Jnp.Sum(Jnp.Sum(product, -1), -1)]);
        }, [a])[0];

    /// <summary>det(a) from a's packed LU factors and pivots.</summary>
    public static NDArray FromFactors(NDArray lu, NDArray pivots) => PermutationSign(pivots, lu.DType) * Jnp.Prod(Diagonal(lu), -1);

    /// <summary>The determinant of the row permutation (±1, of <paramref name="dtype"/>): each step that swapped two
    /// different rows flips the sign.</summary>
    public static NDArray PermutationSign(NDArray pivots, DType dtype)
    {
        var k = pivots.Aval.Shape[^1];
        var swaps = Jnp.Sum(Jnp.NotEqual(pivots, Iota([k], 0)), -1);
        return Jax.Lax.ConvertElementType(1 - 2 * Jnp.Remainder(swaps, 2), dtype);
    }
}
