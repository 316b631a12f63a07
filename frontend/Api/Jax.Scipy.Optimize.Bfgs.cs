namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Optimize
        {
            /// <summary>BFGS's loop carry: the iterate, its value and gradient, the inverse-Hessian estimate H and the
            /// value before (for the line search's first step).</summary>
            private sealed record BfgsState(NDArray Converged, NDArray Failed, NDArray K, NDArray Nfev, NDArray Ngev, NDArray X, NDArray F,
                NDArray G, NDArray H, NDArray OldOldF, NDArray LineSearchStatus);

            /// <summary>
            /// BFGS (Nocedal and Wright's algorithm 6.1), as JAX's minimize_bfgs: H starts as the identity, each step
            /// searches along -H g and updates H = (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ with ρ = 1 / yᵀs, unless ρ is not
            /// finite (then H is kept). It stops on convergence, on a failed line search, or after maxiter iterations.
            /// </summary>
            private static OptimizeResults MinimizeBfgs(Objective objective, NDArray x0, MinimizeOptions options)
            {
                var (n, dtype) = (x0.Shape[0], x0.DType);
                var maxiter = options.Maxiter ?? 200 * n;
                var lineSearchMaxiter = options.LineSearchMaxiter ?? 10;
                var identity = Jnp.Eye(n, dtype: dtype);
                var (f0, g0) = objective.At(x0);
                var init = new BfgsState(GradientNorm(g0, options.Norm) < options.Gtol, Jnp.Array(false), Count(0), Count(1), Count(1), x0, f0, g0,
                    identity, f0 + Jnp.Linalg.Norm(g0) / 2.0, Count(0));
                var s = Lax.WhileLoop(s => !s.Converged & !s.Failed & (s.K < maxiter), s =>
                {
                    var p = -Jnp.Matmul(s.H, s.G);
                    var search = Search(objective, s.X, p, s.F, s.OldOldF, s.G, 1e-4, 0.9, lineSearchMaxiter);
                    var step = search.AK * p;
                    var y = search.GK - s.G;
                    var rho = 1.0 / Jnp.Dot(y, step);
                    var w = identity - rho * Jnp.Outer(step, y);
                    var h = Jnp.Matmul(Jnp.Matmul(w, s.H), w.T) + rho * Jnp.Outer(step, step);
                    return new BfgsState(GradientNorm(search.GK, options.Norm) < options.Gtol, search.Failed, s.K + 1, s.Nfev + search.Nfev,
                        s.Ngev + search.Ngev, s.X + step, search.FK, search.GK, Jnp.Where(Jnp.IsFinite(rho), h, s.H), s.F, search.Status);
                }, init);
                var status = Jnp.Where(s.Converged, 0, Jnp.Where(s.K == maxiter, 1, Jnp.Where(s.Failed, 2 + s.LineSearchStatus, -1)));
                return new OptimizeResults(s.X, s.Converged & !s.Failed, status.Astype(DType.Int32), s.F, s.G, s.H, s.Nfev, s.Ngev, s.K);
            }
        }
    }
}
