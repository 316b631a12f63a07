namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Optimize
        {
            /// <summary>
            /// What <see cref="Minimize(Func{NDArray, NDArray}, NDArray, string, double?, MinimizeOptions?)"/> returns
            /// (jax.scipy.optimize.OptimizeResults). Every field is an array, so the record passes through Jit and Vmap
            /// as a pytree.
            /// </summary>
            /// <param name="X">The final iterate.</param>
            /// <param name="Success">True when the gradient norm fell below gtol and no line search failed.</param>
            /// <param name="Status">
            /// The solver's code, as JAX's. BFGS: 0 converged, 1 maxiter reached, 2 + the line search's status when it
            /// failed (3 its zoom failed, 5 it ran out of iterations), -1 otherwise. L-BFGS: 0 converged, 1 maxiter,
            /// 2 maxfun, 3 maxgrad, 4 the decrease fell below ftol, 5 the line search failed.
            /// </param>
            /// <param name="Fun">The objective at <paramref name="X"/>.</param>
            /// <param name="Jac">The gradient at <paramref name="X"/>.</param>
            /// <param name="HessInv">BFGS's final inverse-Hessian estimate; null for L-BFGS, as in JAX.</param>
            /// <param name="Nfev">How many times the objective was evaluated.</param>
            /// <param name="Njev">How many times its gradient was evaluated.</param>
            /// <param name="Nit">How many iterations ran.</param>
            public sealed record OptimizeResults(NDArray X, NDArray Success, NDArray Status, NDArray Fun, NDArray Jac, NDArray? HessInv,
                NDArray Nfev, NDArray Njev, NDArray Nit);

            /// <summary>
            /// What <see cref="LineSearch"/> returns (JAX's _LineSearchResults).
            /// </summary>
            /// <param name="Failed">True unless a step satisfying the strong Wolfe conditions was found.</param>
            /// <param name="Nit">Iterations of the outer (bracketing) loop.</param>
            /// <param name="Nfev">Objective evaluations, those inside zoom included.</param>
            /// <param name="Ngev">Gradient evaluations (equal to <paramref name="Nfev"/>: each evaluation is a value-and-grad).</param>
            /// <param name="K">The bracketing loop's counter, <paramref name="Nit"/> + 1 (JAX's field).</param>
            /// <param name="AK">The step length; below 64 bits its magnitude is floored at 1e-8 unless it is 0, as in JAX.</param>
            /// <param name="FK">The objective at xk + a_k pk.</param>
            /// <param name="GK">The gradient there.</param>
            /// <param name="Status">0 found, 1 zoom failed (its bracket shrank below 1e-5, 1e-10 in float64, or it ran 30
            /// iterations), 3 maxiter reached.</param>
            public sealed record LineSearchResults(NDArray Failed, NDArray Nit, NDArray Nfev, NDArray Ngev, NDArray K, NDArray AK,
                NDArray FK, NDArray GK, NDArray Status);
        }
    }
}
