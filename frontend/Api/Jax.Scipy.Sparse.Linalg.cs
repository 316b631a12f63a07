namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>jax.scipy.sparse: iterative solvers for matrix-free linear operators.</summary>
        public static partial class Sparse
        {
            /// <summary>
            /// jax.scipy.sparse.linalg: conjugate gradients and BiCGSTAB on an operator given as a function (or a
            /// matrix), run as one lax while loop (so they jit and vmap) and differentiated implicitly through
            /// <see cref="Lax.CustomLinearSolve"/> rather than through the iterations: with respect to b, and to
            /// the values the operator closes over. They stop when ‖r‖ ≤ max(tol·‖b‖, atol) or after maxiter steps
            /// (10·size(b) by default), as JAX's. JAX returns (x, None); the None placeholder is dropped here.
            /// </summary>
            public static partial class Linalg
            {
                /// <summary>jax.scipy.sparse.linalg.cg: A must be Hermitian positive definite; M, a preconditioner, too.</summary>
                public static NDArray Cg(Func<NDArray, NDArray> a, NDArray b, NDArray? x0 = null, double tol = 1e-5, double atol = 0,
                    int? maxiter = null, Func<NDArray, NDArray>? m = null)
                {
                    b = Inexact(b);
                    var settings = new Settings(x0, tol, atol, maxiter ?? 10 * checked((int)b.Size), m ?? (v => v));
                    return Lax.CustomLinearSolve(a, b, (op, rhs) => ConjugateGradients(op, rhs, settings), symmetric: true);
                }

                /// <inheritdoc cref="Cg(Func{NDArray, NDArray}, NDArray, NDArray?, double, double, int?, Func{NDArray, NDArray}?)"/>
                public static NDArray Cg(NDArray a, NDArray b, NDArray? x0 = null, double tol = 1e-5, double atol = 0, int? maxiter = null,
                    NDArray? m = null) => Cg(MatrixOperator(a, b, "cg"), b, x0, tol, atol, maxiter, m is null ? null : MatrixOperator(m, b, "cg"));

                /// <summary>jax.scipy.sparse.linalg.bicgstab: any nonsingular A; stops early on a breakdown (ρ, α or ω zero).</summary>
                public static NDArray Bicgstab(Func<NDArray, NDArray> a, NDArray b, NDArray? x0 = null, double tol = 1e-5, double atol = 0,
                    int? maxiter = null, Func<NDArray, NDArray>? m = null)
                {
                    b = Inexact(b);
                    var settings = new Settings(x0, tol, atol, maxiter ?? 10 * checked((int)b.Size), m ?? (v => v));
                    Func<NDArray, NDArray> Solve(Func<NDArray, NDArray> op) => rhs => StabilizedBiconjugateGradients(op, rhs, settings);
                    return Lax.CustomLinearSolve(a, b, (op, rhs) => Solve(op)(rhs), transposeSolve: (op, rhs) => Solve(op)(rhs));
                }

                /// <inheritdoc cref="Bicgstab(Func{NDArray, NDArray}, NDArray, NDArray?, double, double, int?, Func{NDArray, NDArray}?)"/>
                public static NDArray Bicgstab(NDArray a, NDArray b, NDArray? x0 = null, double tol = 1e-5, double atol = 0, int? maxiter = null,
                    NDArray? m = null) =>
                    Bicgstab(MatrixOperator(a, b, "bicgstab"), b, x0, tol, atol, maxiter, m is null ? null : MatrixOperator(m, b, "bicgstab"));

                private sealed record Settings(NDArray? X0, double Tol, double Atol, int Maxiter, Func<NDArray, NDArray> M);

                private static NDArray Inexact(NDArray b) => b.DType.IsInexact() ? b : Lax.ConvertElementType(b, Core.TypePromotion.DefaultFloat);

                private static Func<NDArray, NDArray> MatrixOperator(NDArray a, NDArray b, string name)
                {
                    if (a.Ndim != 2 || a.Shape[0] != a.Shape[1] || b.Ndim != 1 || b.Shape[0] != a.Shape[1])
                        throw new ShapeException($"{name}: a matrix operator must be square and match a one-dimensional b; got " +
                            $"{Core.Shapes.Format(a.Shape)} and {Core.Shapes.Format(b.Shape)}");
                    return v => Jnp.Matmul(a, v);
                }

                /// <summary>‖v‖², real.</summary>
                private static NDArray Norm2(NDArray v) => Jnp.Real(Jnp.Vdot(v, v));

                /// <summary>The starting guess (x0 checked, or zeros), in b's dtype.</summary>
                private static NDArray Start(NDArray b, Settings s)
                {
                    var x = s.X0 ?? Jnp.ZerosLike(b);
                    if (!x.Shape.SequenceEqual(b.Shape))
                        throw new ShapeException($"x0 must have b's shape {Core.Shapes.Format(b.Shape)}, got {Core.Shapes.Format(x.Shape)}");
                    if (s.Maxiter < 0) throw new ArgumentOutOfRangeException(nameof(s), s.Maxiter, "maxiter must not be negative");
                    return Lax.ConvertElementType(x, b.DType);
                }

                /// <summary>The squared residual norm at which cg and bicgstab stop: max(tol²‖b‖², atol²).</summary>
                private static NDArray SquaredBound(NDArray b, Settings s) => Jnp.Maximum(Norm2(b) * (s.Tol * s.Tol), s.Atol * s.Atol);

                private static NDArray ConjugateGradients(Func<NDArray, NDArray> a, NDArray b, Settings s)
                {
                    var (x, bound) = (Start(b, s), SquaredBound(b, s));
                    var r = b - a(x);
                    var z = s.M(r);
                    NDArray[] init = [x, r, Jnp.Vdot(r, z), z, Jnp.Array(0)];
                    var result = Lax.WhileLoop(c => Jnp.LogicalAnd(Norm2(c[1]) > bound, c[4] < s.Maxiter), c =>
                    {
                        var (xi, ri, gamma, p, k) = (c[0], c[1], c[2], c[3], c[4]);
                        var q = a(p);
                        var alpha = gamma / Jnp.Vdot(p, q);
                        var nextR = ri - alpha * q;
                        var nextZ = s.M(nextR);
                        var nextGamma = Jnp.Vdot(nextR, nextZ);
                        return [xi + alpha * p, nextR, nextGamma, nextZ + (nextGamma / gamma) * p, k + 1];
                    }, init);
                    return result[0];
                }

                /// <summary>
                /// BiCGSTAB as JAX writes it: k turns negative on a breakdown (ρ = 0: -10; α or ω = 0: -11), which ends
                /// the loop with the last iterate.
                /// </summary>
                private static NDArray StabilizedBiconjugateGradients(Func<NDArray, NDArray> a, NDArray b, Settings s)
                {
                    var (x, bound) = (Start(b, s), SquaredBound(b, s));
                    var r = b - a(x);
                    var one = Jnp.OnesLike(Jnp.Vdot(r, r));
                    var zeros = Jnp.ZerosLike(b);
                    NDArray[] init = [x, r, r, one, one, one, zeros, zeros, Jnp.Array(0)];
                    var result = Lax.WhileLoop(c => Jnp.LogicalAnd(Jnp.LogicalAnd(Norm2(c[1]) > bound, c[8] < s.Maxiter), c[8] >= 0), c =>
                    {
                        var (xi, ri, rhat, alpha, omega, rho, p, v, k) = (c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
                        var nextRho = Jnp.Vdot(rhat, ri);
                        var beta = nextRho / rho * (alpha / omega);
                        var nextP = ri + beta * (p - omega * v);
                        var pHat = s.M(nextP);
                        var nextV = a(pHat);
                        var nextAlpha = nextRho / Jnp.Vdot(rhat, nextV);
                        var sResidual = ri - nextAlpha * nextV;
                        var exitEarly = Norm2(sResidual) < bound;
                        var sHat = s.M(sResidual);
                        var t = a(sHat);
                        var nextOmega = Jnp.Vdot(t, sResidual) / Jnp.Vdot(t, t);
                        var nextX = Jnp.Where(exitEarly, xi + nextAlpha * pHat, xi + nextAlpha * pHat + nextOmega * sHat);
                        var nextR = Jnp.Where(exitEarly, sResidual, sResidual - nextOmega * t);
                        var zero = Jnp.ZerosLike(nextRho);
                        var nextK = Jnp.Where(Jnp.LogicalOr(Jnp.Equal(nextOmega, zero), Jnp.Equal(nextAlpha, zero)), -11, k + 1);
                        nextK = Jnp.Where(Jnp.Equal(nextRho, zero), -10, nextK);
                        return [nextX, nextR, rhat, nextAlpha, nextOmega, nextRho, nextP, nextV, nextK];
                    }, init);
                    return result[0];
                }
            }
        }
    }
}
