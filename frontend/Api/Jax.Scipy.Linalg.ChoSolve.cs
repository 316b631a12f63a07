using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.cho_factor: the Cholesky factor of each symmetric positive definite matrix [..., n, n], upper
            /// (a = Uᵀ U) by default or <paramref name="lower"/> (a = L Lᵀ), with the flag, for <see cref="ChoSolve"/>. As
            /// JAX's, the other triangle is zero (SciPy leaves a's entries there), and a matrix that is not positive
            /// definite gives NaNs (<see cref="Cholesky"/>).
            /// </summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
            public static (NDArray C, bool Lower) ChoFactor(NDArray a, bool lower = false) => (Cholesky(a, lower), lower);

            /// <summary>
            /// scipy.linalg.cho_solve: x with a x = b from <see cref="ChoFactor"/>'s factor of a (only its
            /// <c>Lower</c> triangle, or the upper one, is read): two triangular solves, differentiable in the factor and in
            /// b. As in JAX, b is a (batch of) vector when it has one axis fewer than the factor, else a (batch of) matrix
            /// [..., n, k]; batch shapes broadcast.
            /// </summary>
            /// <exception cref="ShapeException">the factor is not square, or b does not fit it.</exception>
            public static NDArray ChoSolve((NDArray C, bool Lower) cAndLower, NDArray b)
            {
                const string name = "cho_solve";
                var p = Jnp.PromoteInexact(cAndLower.C, b);
                CheckMatrix(name, p[0]);
                var (c, rhs, vector) = RightHandSide(name, p[0], p[1], stackedVectors: true);
                // a = L Lᴴ: L y = b, then Lᴴ x = y; a = Uᴴ U: Uᴴ y = b, then U x = y.
                var x = cAndLower.Lower
                    ? TriangularSolve.Upper(H(c), TriangularSolve.Lower(c, rhs))
                    : TriangularSolve.Upper(c, TriangularSolve.Lower(H(c), rhs));
                return vector ? Jnp.Squeeze(x, -1) : x;
            }
        }
    }
}
