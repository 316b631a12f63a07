namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Optimize
        {
            /// <summary>L-BFGS's loop carry: the last maxcor steps s, gradient changes y and their ρ = 1 / yᵀs, oldest
            /// first (zeros until filled), and γ, the initial inverse-Hessian scale.</summary>
            private sealed record LbfgsState(NDArray Converged, NDArray Failed, NDArray K, NDArray Nfev, NDArray Ngev, NDArray X, NDArray F,
                NDArray G, NDArray S, NDArray Y, NDArray Rho, NDArray Gamma, NDArray Status, NDArray LineSearchStatus);

            /// <summary>
            /// JAX's experimental L-BFGS (Nocedal and Wright's algorithm 7.5): the two-loop recursion gives the
            /// direction, the line search (maxls iterations, no initial-step heuristic) the step. An iteration sets
            /// the status from the counts before it (maxiter 1, maxfun 2, maxgrad 3; so nit can reach maxiter + 1, as
            /// in JAX), a decrease below ftol (4) or a failed line search (5); any of them stops the loop unless the
            /// gradient also converged, which leaves status 0.
            /// </summary>
            private static OptimizeResults MinimizeLbfgs(Objective objective, NDArray x0, MinimizeOptions options)
            {
                var (n, dtype) = (x0.Shape[0], x0.DType);
                // One bound must end the loop: maxiter takes JAX's default when none is set.
                var maxiter = options.Maxiter ?? (options.Maxfun is null && options.Maxgrad is null ? 200 * n : null);
                var (maxcor, ftol, maxls) = (options.Maxcor ?? 10, options.Ftol ?? 2.220446049250313e-09, options.Maxls ?? 20);
                var (f0, g0) = objective.At(x0);
                var init = new LbfgsState(Jnp.Array(false), Jnp.Array(false), Count(0), Count(1), Count(1), x0, f0, g0,
                    Jnp.Zeros([maxcor, n], dtype), Jnp.Zeros([maxcor, n], dtype), Jnp.Zeros([maxcor], dtype), Jnp.Array(1.0, dtype), Count(0),
                    Count(0));
                var s = Lax.WhileLoop(s => !s.Converged & !s.Failed, s =>
                {
                    var p = TwoLoopDirection(s, maxcor);
                    var search = Search(objective, s.X, p, s.F, null, s.G, 1e-4, 0.9, maxls);
                    var step = search.AK * p;
                    var y = search.GK - s.G;
                    var ys = Jnp.Dot(y, step);
                    var status = Jnp.Where(s.F - search.FK < ftol, 4, 0);
                    if (options.Maxgrad is { } maxgrad) status = Jnp.Where(s.Ngev >= maxgrad, 3, status);
                    if (options.Maxfun is { } maxfun) status = Jnp.Where(s.Nfev >= maxfun, 2, status);
                    if (maxiter is { } m) status = Jnp.Where(s.K >= m, 1, status);
                    status = Jnp.Where(search.Failed, 5, status).Astype(DType.Int32);
                    var converged = GradientNorm(search.GK, options.Norm) < options.Gtol;
                    return new LbfgsState(converged, (status > 0) & !converged, s.K + 1, s.Nfev + search.Nfev, s.Ngev + search.Ngev,
                        s.X + step, search.FK, search.GK, Remember(s.S, step), Remember(s.Y, y), Remember(s.Rho, 1.0 / ys),
                        ys / Jnp.Dot(y, y), Jnp.Where(converged, 0, status), search.Status);
                }, init);
                return new OptimizeResults(s.X, s.Converged & !s.Failed, s.Status, s.F, s.G, null, s.Nfev, s.Ngev, s.K);
            }

            /// <summary>The history with its oldest entry dropped and <paramref name="newest"/> appended.</summary>
            private static NDArray Remember(NDArray history, NDArray newest) =>
                Jnp.Concatenate([history[1..], Jnp.ExpandDims(newest, 0)]);

            /// <summary>
            /// -H g by the two-loop recursion over the min(k, maxcor) newest corrections: newest to oldest,
            /// αᵢ = ρᵢ sᵢ·q and q -= αᵢ yᵢ; then q *= γ; then oldest to newest, q += (αᵢ - ρᵢ yᵢ·q) sᵢ. The
            /// corrections not yet filled are masked out, so both loops run over every slot with static bounds.
            /// </summary>
            private static NDArray TwoLoopDirection(LbfgsState s, int maxcor)
            {
                var filled = Jnp.Minimum(s.K, maxcor);
                var slots = Jnp.Arange(maxcor);
                var inUse = slots >= maxcor - filled;
                var (q, alphas) = Lax.ForiLoop(0, maxcor, (j, carry) =>
                {
                    var i = maxcor - 1 - j;
                    var alpha = Jnp.Where(inUse[i], s.Rho[i] * Jnp.Dot(s.S[i], carry.Q), 0.0);
                    return (Q: carry.Q - alpha * s.Y[i], Alphas: Jnp.Where(Jnp.Equal(slots, i), alpha, carry.Alphas));
                }, (Q: -s.G, Alphas: Jnp.ZerosLike(s.Rho)));
                q = s.Gamma * q;
                return Lax.ForiLoop(0, maxcor, (i, carry) =>
                {
                    var beta = s.Rho[i] * Jnp.Dot(s.Y[i], carry);
                    return carry + Jnp.Where(inUse[i], alphas[i] - beta, 0.0) * s.S[i];
                }, q);
            }
        }
    }
}
