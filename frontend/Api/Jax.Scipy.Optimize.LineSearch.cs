namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Optimize
        {
            /// <summary>
            /// jax.scipy.optimize.line_search: a step a along the descent direction <paramref name="pk"/> from
            /// <paramref name="xk"/> that satisfies the strong Wolfe conditions, f(xk + a pk) ≤ f(xk) + c1 a ∇f(xk)·pk and
            /// |∇f(xk + a pk)·pk| ≤ c2 |∇f(xk)·pk| (Nocedal and Wright's algorithm 3.5, with zoom, 3.6). The trial step
            /// starts at 1 (or, given <paramref name="oldOldFval"/>, at min(1, 2.02 (f(xk) - oldOldFval) / ∇f(xk)·pk), as
            /// SciPy and JAX) and doubles until it brackets such a step. <paramref name="oldFval"/> and
            /// <paramref name="gfk"/>, f and ∇f at xk, save an evaluation when both are given. Not finding a step within
            /// <paramref name="maxiter"/> doublings (status 3) or zoom failing (status 1) sets Failed; a_k, f_k and g_k
            /// are then what the search held, as in JAX: 0, f(xk) and ∇f(xk) after the doublings, or zoom's placeholder
            /// step 1 with the value and gradient of the bracket's low end. Check Failed before using them.
            /// </summary>
            /// <remarks>
            /// One deliberate difference from JAX: zoom measures its bracket by |a_hi - a_lo|. JAX uses the signed
            /// difference (jax-ml/jax issue 16236), so a bracket whose high end lies left of its low end, which zoom
            /// is always given after a doubling overshoots, counts as collapsed; JAX's BFGS then stops with status 3 on
            /// the 2-D Rosenbrock function from (-1.2, 1), where this search (and SciPy's) proceeds.
            /// </remarks>
            /// <exception cref="ShapeException">xk is not one-dimensional, pk or gfk does not have its shape, or old_fval or
            /// old_old_fval is not a scalar.</exception>
            /// <exception cref="ArgumentException">Complex arguments, c1 and c2 not in 0 &lt; c1 &lt; c2 &lt; 1, a negative
            /// maxiter, or an objective that does not return a real scalar.</exception>
            public static LineSearchResults LineSearch(Func<NDArray, NDArray> f, NDArray xk, NDArray pk, NDArray? oldFval = null,
                NDArray? oldOldFval = null, NDArray? gfk = null, double c1 = 1e-4, double c2 = 0.9, int maxiter = 20)
            {
                ArgumentNullException.ThrowIfNull(f);
                ArgumentNullException.ThrowIfNull(xk);
                ArgumentNullException.ThrowIfNull(pk);
                if (xk.Ndim != 1 || !pk.Shape.SequenceEqual(xk.Shape) || (gfk is not null && !gfk.Shape.SequenceEqual(xk.Shape)))
                    throw new ShapeException($"line_search: xk must be one-dimensional and pk and gfk of its shape; got xk " +
                        $"{Core.Shapes.Format(xk.Shape)}, pk {Core.Shapes.Format(pk.Shape)}" +
                        (gfk is null ? "" : $", gfk {Core.Shapes.Format(gfk.Shape)}"));
                if (oldFval?.Ndim is > 0 || oldOldFval?.Ndim is > 0)
                    throw new ShapeException("line_search: old_fval and old_old_fval must be scalars");
                if (xk.DType.IsComplex() || pk.DType.IsComplex() || gfk?.DType.IsComplex() == true)
                    throw new ArgumentException("line_search: xk, pk and gfk must be real");
                if (!(c1 > 0 && c1 < c2 && c2 < 1))
                    throw new ArgumentOutOfRangeException(nameof(c1), $"line_search: the Wolfe constants need 0 < c1 < c2 < 1, got c1={c1}, c2={c2}");
                if (maxiter < 0) throw new ArgumentOutOfRangeException(nameof(maxiter), maxiter, "line_search: maxiter must not be negative");
                var dtype = Core.TypePromotion.ToInexact(Jnp.ResultType(xk, pk));
                xk = Lax.ConvertElementType(xk, dtype);
                pk = Lax.ConvertElementType(pk, dtype);
                return Search(Objective.Of(f, xk, "line_search"), xk, pk, oldFval, oldOldFval,
                    gfk is null ? null : Lax.ConvertElementType(gfk, dtype), c1, c2, maxiter);
            }

            /// <summary>The bracketing loop's carry: the previous trial step (a_{i-1}) and the best step found so far.</summary>
            private sealed record SearchState(NDArray Done, NDArray Failed, NDArray I, NDArray APrev, NDArray PhiPrev, NDArray DphiPrev,
                NDArray Nfev, NDArray Ngev, NDArray AStar, NDArray PhiStar, NDArray DphiStar, NDArray GStar);

            /// <summary>The objective restricted to the line xk + a pk: φ(a), φ'(a) = ∇f·pk and ∇f there.</summary>
            private sealed record Line(Objective Objective, NDArray Xk, NDArray Pk)
            {
                public (NDArray Phi, NDArray Dphi, NDArray G) At(NDArray a)
                {
                    var (phi, g) = Objective.At(Xk + Lax.ConvertElementType(a, Pk.DType) * Pk);
                    return (phi, Jnp.Dot(g, Pk), g);
                }
            }

            /// <summary>The strong Wolfe conditions relative to φ(0) and φ'(0).</summary>
            private sealed record Wolfe(NDArray Phi0, NDArray Dphi0, double C1, double C2)
            {
                /// <summary>True where the sufficient-decrease (Armijo) condition fails at step a.</summary>
                public NDArray DecreaseFails(NDArray a, NDArray phi) => phi > Phi0 + C1 * a * Dphi0;

                /// <summary>True where the strong curvature condition holds.</summary>
                public NDArray CurvatureHolds(NDArray dphi) => Jnp.Abs(dphi) <= -C2 * Dphi0;
            }

            /// <summary>The line search on an objective already checked; xk and pk share an inexact dtype.</summary>
            private static LineSearchResults Search(Objective objective, NDArray xk, NDArray pk, NDArray? oldFval, NDArray? oldOldFval,
                NDArray? gfk, double c1, double c2, int maxiter)
            {
                var dtype = pk.DType;
                var line = new Line(objective, xk, pk);
                var evaluate = oldFval is null || gfk is null;
                var (phi0, dphi0, g0) = evaluate
                    ? line.At(Jnp.Array(0.0, dtype))
                    : (Lax.ConvertElementType(oldFval!, dtype), Jnp.Dot(gfk!, pk), gfk!);
                var start = oldOldFval is null ? Jnp.Array(1.0, dtype) : StartingStep(phi0, Lax.ConvertElementType(oldOldFval, dtype), dphi0);
                var wolfe = new Wolfe(phi0, dphi0, c1, c2);
                var zero = Jnp.Array(0.0, dtype);
                var used = Count(evaluate ? 1 : 0);
                var init = new SearchState(Jnp.Array(false), Jnp.Array(false), Count(1), zero, phi0, dphi0, used, used, zero, phi0, dphi0, g0);
                var s = Lax.WhileLoop(s => !s.Done & (s.I <= maxiter) & !s.Failed, s => Bracket(s, line, wolfe, start, g0), init);
                var status = Jnp.Where(s.Failed, 1, Jnp.Where(s.I > maxiter, 3, 0));
                // Below 64 bits a step under 1e-8 leaves x where it is and the minimizer stuck; JAX floors it (0 stays 0).
                var step = Jnp.Finfo(dtype).Bits == 64 ? s.AStar : Jnp.Where(Jnp.Abs(s.AStar) < 1e-8, Jnp.Sign(s.AStar) * 1e-8, s.AStar);
                return new LineSearchResults(s.Failed | !s.Done, s.I - 1, s.Nfev, s.Ngev, s.I, step, s.PhiStar, s.GStar, status.Astype(DType.Int32));
            }

            /// <summary>SciPy's first trial step after an earlier iteration: 1.01 · 2 (φ(0) - f_prev) / φ'(0), at most 1.</summary>
            private static NDArray StartingStep(NDArray phi0, NDArray oldOldFval, NDArray dphi0)
            {
                var candidate = 1.01 * 2 * (phi0 - oldOldFval) / dphi0;
                return Jnp.Where(candidate > 1.0, Jnp.OnesLike(candidate), candidate);
            }

            /// <summary>
            /// One trial step of algorithm 3.5: the step doubles (or starts at <paramref name="start"/>); a step that
            /// breaks sufficient decrease, or does no better than the previous one, brackets a solution between them;
            /// one meeting the curvature condition is the answer; one where φ turns upward brackets a solution between
            /// it and the previous one. Both zooms are traced and run only when their case applies (pass-through).
            /// </summary>
            private static SearchState Bracket(SearchState s, Line line, Wolfe wolfe, NDArray start, NDArray g0)
            {
                var a = Jnp.Where(s.I == 1, start, s.APrev * 2.0);
                var (phi, dphi, g) = line.At(a);
                var toZoomBelow = wolfe.DecreaseFails(a, phi) | ((phi >= s.PhiPrev) & (s.I > 1));
                var accept = wolfe.CurvatureHolds(dphi) & !toZoomBelow;
                var toZoomAbove = (dphi >= 0.0) & !toZoomBelow & !accept;
                var below = Zoom(line, wolfe, (s.APrev, s.PhiPrev, s.DphiPrev), (a, phi, dphi), g0, !toZoomBelow);
                var above = Zoom(line, wolfe, (a, phi, dphi), (s.APrev, s.PhiPrev, s.DphiPrev), g0, !toZoomAbove);
                NDArray Pick(NDArray fromBelow, NDArray fromHere, NDArray fromAbove, NDArray kept) =>
                    Jnp.Where(toZoomBelow, fromBelow, Jnp.Where(accept, fromHere, Jnp.Where(toZoomAbove, fromAbove, kept)));
                return new SearchState(
                    Done: s.Done | toZoomBelow | accept | toZoomAbove,
                    Failed: s.Failed | (toZoomBelow & below.Failed) | (toZoomAbove & above.Failed),
                    I: s.I + 1, APrev: a, PhiPrev: phi, DphiPrev: dphi,
                    Nfev: s.Nfev + 1 + below.Nfev + above.Nfev, Ngev: s.Ngev + 1 + below.Ngev + above.Ngev,
                    AStar: Pick(below.AStar, a, above.AStar, s.AStar), PhiStar: Pick(below.PhiStar, phi, above.PhiStar, s.PhiStar),
                    DphiStar: Pick(below.DphiStar, dphi, above.DphiStar, s.DphiStar), GStar: Pick(below.GStar, g, above.GStar, s.GStar));
            }
        }
    }
}
