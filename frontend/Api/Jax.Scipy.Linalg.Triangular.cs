using JaxNet.Transforms;
using static JaxNet.LinalgMatrices;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>jax.scipy: SciPy's functions on top of the lax primitives.</summary>
    public static partial class Scipy
    {
        /// <summary>
        /// jax.scipy.linalg: decompositions and solvers. Every function takes a matrix or a batch of them (leading
        /// axes), promotes integers to the default float, and is differentiable to any order under Jit and Vmap.
        /// </summary>
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.solve_triangular: x with <c>op(a) x = b</c>, where op(a) is a or, with
            /// <paramref name="transA"/>, its transpose. Only the triangle of a that <paramref name="lower"/> names is
            /// read (the upper one by default, as in SciPy); with <paramref name="unitDiagonal"/> the diagonal is taken
            /// to be ones and not read either. b is a vector [n] or a matrix [n, k]; with a batch of matrices, as in JAX,
            /// a b with one axis fewer than a is a batch of vectors. Batch shapes broadcast. A zero on the diagonal gives
            /// infinities or NaNs, not an exception. The derivative is JAX's:
            /// dx = op(a)⁻¹ (db − op(da) x), with da restricted to the triangle that is read.
            /// </summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix, or b does not fit it.</exception>
            public static NDArray SolveTriangular(NDArray a, NDArray b, bool lower = false, bool transA = false, bool unitDiagonal = false)
            {
                const string name = "solve_triangular";
                var p = Jnp.PromoteInexact(a, b);
                CheckMatrix(name, p[0]);
                var (matrix, rhs, vector) = RightHandSide(name, p[0], p[1], stackedVectors: true);
                if (transA)
                {
                    // op(a) = aᵀ: the triangle that was read moves to the other side.
                    matrix = T(matrix);
                    lower = !lower;
                }
                var triangle = lower ? Jnp.Tril(matrix, unitDiagonal ? -1 : 0) : Jnp.Triu(matrix, unitDiagonal ? 1 : 0);
                if (unitDiagonal) triangle += Identity(triangle);
                var x = lower ? TriangularSolve.Lower(triangle, rhs) : TriangularSolve.Upper(triangle, rhs);
                return vector ? Jnp.Squeeze(x, -1) : x;
            }
        }
    }
}

/// <summary>
/// Substitution for triangular systems, with JAX's derivative as a custom JVP (grad does not differentiate the
/// loop). Upper-triangular systems are lower ones with rows and columns reversed, so there is one loop.
/// </summary>
internal static class TriangularSolve
{
    /// <summary>x with <c>l x = b</c>: l [..., n, n] is lower triangular (nothing above its diagonal is read),
    /// b [..., n, k] has l's batch shape.</summary>
    public static NDArray Lower(NDArray l, NDArray b) =>
        CustomDerivatives.CallCustomJvp(args => [ForwardSubstitution(args[0], args[1])], (primals, tangents) =>
        {
            var (matrix, x) = (primals[0], Lower(primals[0], primals[1]));
            // Linear in the tangents (a solve with the primal matrix), so reverse mode transposes it.
            var dx = Lower(matrix, tangents[1] - Jnp.Matmul(Jnp.Tril(tangents[0]), x));
            return ([x], [dx]);
        }, [l, b])[0];

    /// <summary>x with <c>u x = b</c> for u upper triangular (nothing below its diagonal is read).</summary>
    public static NDArray Upper(NDArray u, NDArray b)
    {
        // With J the reversal of rows, J u J is lower triangular and (J u J)(J x) = J b.
        var ndim = u.Ndim;
        var reversed = Lower(Lax.Rev(u, [ndim - 2, ndim - 1]), Lax.Rev(b, [b.Ndim - 2]));
        return Lax.Rev(reversed, [reversed.Ndim - 2]);
    }

    // Row i of x is (b_i - l_{i,<i} x_{<i}) / l_ii; rows not solved yet are zero, and the strict lower triangle
    // is masked once, outside the loop, so each step is one row-times-matrix product.
    private static NDArray ForwardSubstitution(NDArray l, NDArray b)
    {
        var n = l.Aval.Shape[^1];
        // The loop body is traced even for no steps, and its one-row slices do not fit an empty matrix.
        if (n == 0) return Jnp.ZerosLike(b);
        var strict = Jnp.Tril(l, -1);
        var diagonal = Jnp.ExpandDims(Diagonal(l), -1);
        return Lax.ForiLoop(0, n, (i, x) =>
            SetRows(x, (Rows(b, i) - Jnp.Matmul(Rows(strict, i), x)) / Rows(diagonal, i), i), Jnp.ZerosLike(b));
    }
}
