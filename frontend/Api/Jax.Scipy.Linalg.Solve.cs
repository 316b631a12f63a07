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
            /// scipy.linalg.solve for a general square a: x with <c>a x = b</c>, by LU factorization with partial
            /// pivoting. b is a vector [n] when it has one axis, else a (batch of) matrix [..., n, k] (NumPy 2's rule,
            /// which JAX follows); batch shapes broadcast. A singular a gives infinities or NaNs, not an exception. The derivative is JAX's: dx = a⁻¹ (db − da x), computed from the
            /// same factorization.
            /// </summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix, or b does not fit it.</exception>
            public static NDArray Solve(NDArray a, NDArray b)
            {
                const string name = "solve";
                var p = Jnp.PromoteInexact(a, b);
                CheckMatrix(name, p[0]);
                var (matrix, rhs, vector) = RightHandSide(name, p[0], p[1], stackedVectors: false);
                var x = GeneralSolve.Solve(matrix, rhs);
                return vector ? Jnp.Squeeze(x, -1) : x;
            }

            /// <summary>
            /// scipy.linalg.inv: the inverse of a square matrix (a solve against the identity, as in JAX). A singular
            /// matrix gives infinities or NaNs, not an exception. The derivative is −a⁻¹ da a⁻¹.
            /// </summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
            public static NDArray Inv(NDArray a)
            {
                var x = Jnp.PromoteInexact(a)[0];
                CheckMatrix("inv", x);
                return GeneralSolve.Solve(x, Identity(x));
            }
        }
    }
}

/// <summary>Solves of general square systems through their LU factorization, with JAX's derivative as a custom JVP.</summary>
internal static class GeneralSolve
{
    /// <summary>x with <c>a x = b</c>: a [..., n, n], b [..., n, k] with a's batch shape.</summary>
    public static NDArray Solve(NDArray a, NDArray b) =>
        CustomDerivatives.CallCustomJvp(args =>
        {
            var (lu, _, perm) = LuDecomposition.Factor(args[0]);
            return [LuDecomposition.Solve(lu, perm, args[1])];
        }, (primals, tangents) =>
        {
            // One factorization serves the solution and its tangent, which is linear in (da, db).
            var (lu, _, perm) = LuDecomposition.Factor(primals[0]);
            var x = LuDecomposition.Solve(lu, perm, primals[1]);
            return ([x], [LuDecomposition.Solve(lu, perm, tangents[1] - Jnp.Matmul(tangents[0], x))]);
        }, [a, b])[0];
}
