namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Sparse
        {
            public static partial class Linalg
            {
                /// <summary>
                /// jax.scipy.sparse.linalg.gmres with JAX's default solve_method "batched": each cycle builds a Krylov
                /// basis of <paramref name="restart"/> vectors of M·A (Arnoldi with classical Gram-Schmidt done twice,
                /// so the basis stays orthogonal in float32), solves the small least-squares problem min ‖β e₁ - H y‖
                /// and restarts from x + V y, until the preconditioned residual ‖M(b - A x)‖ ≤ ‖M b‖·min(1,
                /// max(tol‖b‖, atol)/‖b‖) or after <paramref name="maxiter"/> cycles (10·size(b) by default), as JAX's.
                /// A basis vector that vanishes (the solution lies in the space already built) is kept zero rather than
                /// divided by zero. b may have any shape; the operator maps that shape to itself. Gradients are implicit
                /// (<see cref="Lax.CustomLinearSolve"/>, with GMRES on the transposed operator for b's cotangent).
                /// </summary>
                public static NDArray Gmres(Func<NDArray, NDArray> a, NDArray b, NDArray? x0 = null, double tol = 1e-5, double atol = 0,
                    int restart = 20, int? maxiter = null, Func<NDArray, NDArray>? m = null)
                {
                    b = Inexact(b);
                    if (restart < 1) throw new ArgumentOutOfRangeException(nameof(restart), restart, "gmres: restart must be at least 1");
                    var settings = new Settings(x0, tol, atol, maxiter ?? 10 * checked((int)b.Size), m ?? (v => v));
                    var size = Math.Max(1, checked((int)b.Size));
                    NDArray Solve(Func<NDArray, NDArray> op, NDArray rhs) => RestartedGmres(op, rhs, settings, Math.Min(restart, size));
                    return Lax.CustomLinearSolve(a, b, Solve, transposeSolve: Solve);
                }

                /// <inheritdoc cref="Gmres(Func{NDArray, NDArray}, NDArray, NDArray?, double, double, int, int?, Func{NDArray, NDArray}?)"/>
                public static NDArray Gmres(NDArray a, NDArray b, NDArray? x0 = null, double tol = 1e-5, double atol = 0, int restart = 20,
                    int? maxiter = null, NDArray? m = null) =>
                    Gmres(MatrixOperator(a, b, "gmres"), b, x0, tol, atol, restart, maxiter, m is null ? null : MatrixOperator(m, b, "gmres"));

                private static NDArray RestartedGmres(Func<NDArray, NDArray> a, NDArray b, Settings s, int restart)
                {
                    var x = Start(b, s);
                    var shape = b.Shape;
                    // The Krylov vectors are flat rows; the operators see b's shape.
                    NDArray Flat(Func<NDArray, NDArray> f, NDArray v) => Jnp.Ravel(f(Lax.Reshape(v, shape)));
                    NDArray Residual(NDArray xi) => Flat(s.M, Jnp.Ravel(b) - Flat(a, xi));
                    var bNorm = Jnp.Sqrt(Norm2(b));
                    var tolerance = Jnp.Maximum(bNorm * s.Tol, s.Atol);
                    var bound = Jnp.Sqrt(Norm2(Flat(s.M, Jnp.Ravel(b)))) * Jnp.Minimum(tolerance / bNorm, 1.0);
                    var flatX = Jnp.Ravel(x);
                    NDArray[] init = [flatX, Jnp.Sqrt(Norm2(Residual(flatX))), Jnp.Array(0)];
                    var result = Lax.WhileLoop(c => Jnp.LogicalAnd(c[1] > bound, c[2] < s.Maxiter), c =>
                    {
                        var next = Cycle(v => Flat(a, v), v => Flat(s.M, v), c[0], Residual(c[0]), restart);
                        return [next, Jnp.Sqrt(Norm2(Residual(next))), c[2] + 1];
                    }, init);
                    return Lax.Reshape(result[0], shape);
                }

                /// <summary>One GMRES cycle from x with preconditioned residual r: Arnoldi, least squares, update.</summary>
                private static NDArray Cycle(Func<NDArray, NDArray> a, Func<NDArray, NDArray> m, NDArray x, NDArray r, int restart)
                {
                    var n = x.Shape[0];
                    var beta = Jnp.Sqrt(Norm2(r));
                    var basis = Jnp.Zeros([restart + 1, n], x.DType);
                    basis = Lax.DynamicUpdateSliceInDim(basis, Lax.ExpandDims(Unit(r, beta), [0]), Jnp.Array(0), 0);
                    var hessenberg = Jnp.Zeros([restart + 1, restart], x.DType);
                    var built = Lax.ForiLoop(0, restart, (j, c) =>
                    {
                        var (v, h) = (c[0], c[1]);
                        var w = m(a(Lax.DynamicIndexInDim(v, j, 0, keepdims: false)));
                        // Rows past j are still zero, so projecting on all of them projects on the basis so far.
                        var coefficients = Jnp.Matmul(Jnp.Conj(v), w);
                        w -= Jnp.Matmul(coefficients, v);
                        var again = Jnp.Matmul(Jnp.Conj(v), w);
                        w -= Jnp.Matmul(again, v);
                        coefficients += again;
                        var norm = Jnp.Sqrt(Norm2(w));
                        var column = Lax.DynamicUpdateSliceInDim(coefficients, Lax.ExpandDims(norm.Astype(x.DType), [0]), j + 1, 0);
                        h = Lax.DynamicUpdateSliceInDim(h, Lax.ExpandDims(column, [1]), j, 1);
                        v = Lax.DynamicUpdateSliceInDim(v, Lax.ExpandDims(Unit(w, norm), [0]), j + 1, 0);
                        return [v, h];
                    }, [basis, hessenberg]);
                    var target = Lax.DynamicUpdateSliceInDim(Jnp.Zeros([restart + 1], x.DType), Lax.ExpandDims(beta.Astype(x.DType), [0]),
                        Jnp.Array(0), 0);
                    var y = Jnp.Linalg.Lstsq(built[1], target).X;
                    return x + Jnp.Matmul(y, Lax.SliceInDim(built[0], 0, restart, 1, 0));
                }

                /// <summary>v / ‖v‖, or zero where the norm is zero (a basis vector that vanished).</summary>
                private static NDArray Unit(NDArray v, NDArray norm)
                {
                    var positive = norm > 0;
                    return Jnp.Where(positive, v / Jnp.Where(positive, norm, 1.0).Astype(v.DType), Jnp.ZerosLike(v));
                }
            }
        }
    }
}
