namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Optimize
        {
            /// <summary>
            /// Zoom's carry: the bracket's ends (lo, where φ is lowest so far, and hi), the point dropped last (rec, for
            /// the cubic) and the accepted step (star).
            /// </summary>
            private sealed record ZoomState(NDArray Done, NDArray Failed, NDArray J, NDArray ALo, NDArray PhiLo, NDArray DphiLo,
                NDArray AHi, NDArray PhiHi, NDArray DphiHi, NDArray ARec, NDArray PhiRec, NDArray AStar, NDArray PhiStar,
                NDArray DphiStar, NDArray GStar, NDArray Nfev, NDArray Ngev);

            /// <summary>Zoom gives up after this many trial steps (JAX's cutoff, above SciPy's 10).</summary>
            private const int ZoomMaxiter = 30;

            /// <summary>
            /// Algorithm 3.6 (zoom): shrinks the bracket [lo, hi] around a step satisfying the strong Wolfe conditions,
            /// trying the cubic through lo, hi and rec, then the quadratic through lo (with its slope) and hi, then
            /// bisection; an interpolant within 20% (cubic) or 10% (quadratic) of the bracket's width of either end is
            /// rejected. It fails once the bracket is narrower than 1e-5 (1e-10 in float64) or after 30 steps.
            /// Nothing runs where <paramref name="passThrough"/> is true.
            /// </summary>
            private static ZoomState Zoom(Line line, Wolfe wolfe, (NDArray A, NDArray Phi, NDArray Dphi) lo,
                (NDArray A, NDArray Phi, NDArray Dphi) hi, NDArray g0, NDArray passThrough)
            {
                var dtype = line.Pk.DType;
                var threshold = Jnp.Finfo(dtype).Bits < 64 ? 1e-5 : 1e-10;
                var init = new ZoomState(Jnp.Array(false), Jnp.Array(false), Count(0), lo.A, lo.Phi, lo.Dphi, hi.A, hi.Phi, hi.Dphi,
                    (lo.A + hi.A) / 2.0, (lo.Phi + hi.Phi) / 2.0, Jnp.Array(1.0, dtype), lo.Phi, lo.Dphi, g0, Count(0), Count(0));
                return Lax.WhileLoop(z => !z.Done & !passThrough & !z.Failed, z =>
                {
                    // The bracket's width, whichever end is hi (JAX takes the signed a_hi - a_lo; see LineSearch).
                    var width = Jnp.Abs(z.AHi - z.ALo);
                    var (left, right) = (Jnp.Minimum(z.ALo, z.AHi), Jnp.Maximum(z.ALo, z.AHi));
                    var cubic = CubicMinimizer(z.ALo, z.PhiLo, z.DphiLo, z.AHi, z.PhiHi, z.ARec, z.PhiRec);
                    var useCubic = (z.J > 0) & (cubic > left + 0.2 * width) & (cubic < right - 0.2 * width);
                    var quadratic = QuadraticMinimizer(z.ALo, z.PhiLo, z.DphiLo, z.AHi, z.PhiHi);
                    var useQuadratic = !useCubic & (quadratic > left + 0.1 * width) & (quadratic < right - 0.1 * width);
                    var a = Jnp.Where(useCubic, cubic, Jnp.Where(useQuadratic, quadratic, (z.ALo + z.AHi) / 2.0));
                    var (phi, dphi, g) = line.At(a);

                    var hiToA = wolfe.DecreaseFails(a, phi) | (phi >= z.PhiLo);
                    var accept = wolfe.CurvatureHolds(dphi) & !hiToA;
                    var loToA = !hiToA & !accept;
                    // The new lo lies between lo and hi's far side: the old lo becomes hi when φ' points back at it.
                    var hiToLo = (dphi * (z.AHi - z.ALo) >= 0.0) & loToA;
                    var hiMoves = hiToA | hiToLo;
                    var j = z.J + 1;
                    return new ZoomState(
                        Done: z.Done | accept,
                        Failed: z.Failed | (width <= threshold) | (j >= ZoomMaxiter),
                        J: j,
                        ALo: Jnp.Where(loToA, a, z.ALo), PhiLo: Jnp.Where(loToA, phi, z.PhiLo), DphiLo: Jnp.Where(loToA, dphi, z.DphiLo),
                        AHi: Jnp.Where(hiToA, a, Jnp.Where(hiToLo, z.ALo, z.AHi)),
                        PhiHi: Jnp.Where(hiToA, phi, Jnp.Where(hiToLo, z.PhiLo, z.PhiHi)),
                        DphiHi: Jnp.Where(hiToA, dphi, Jnp.Where(hiToLo, z.DphiLo, z.DphiHi)),
                        ARec: Jnp.Where(hiMoves, z.AHi, Jnp.Where(loToA, z.ALo, z.ARec)),
                        PhiRec: Jnp.Where(hiMoves, z.PhiHi, Jnp.Where(loToA, z.PhiLo, z.PhiRec)),
                        AStar: Jnp.Where(accept, a, z.AStar), PhiStar: Jnp.Where(accept, phi, z.PhiStar),
                        DphiStar: Jnp.Where(accept, dphi, z.DphiStar), GStar: Jnp.Where(accept, g, z.GStar),
                        Nfev: z.Nfev + 1, Ngev: z.Ngev + 1);
                }, init);
            }

            /// <summary>
            /// The minimizer of the cubic through (a, fa) with slope fpa at a, (b, fb) and (c, fc); NaN or infinite when
            /// there is none, which the caller's bounds test then rejects.
            /// </summary>
            private static NDArray CubicMinimizer(NDArray a, NDArray fa, NDArray fpa, NDArray b, NDArray fb, NDArray c, NDArray fc)
            {
                var (db, dc) = (b - a, c - a);
                var denominator = Jnp.Square(db * dc) * (db - dc);
                var (rb, rc) = (fb - fa - fpa * db, fc - fa - fpa * dc);
                var cubic = (Jnp.Square(dc) * rb - Jnp.Square(db) * rc) / denominator;
                var quadratic = (db * Jnp.Square(db) * rc - dc * Jnp.Square(dc) * rb) / denominator;
                var radical = Jnp.Square(quadratic) - 3.0 * cubic * fpa;
                return a + (Jnp.Sqrt(radical) - quadratic) / (3.0 * cubic);
            }

            /// <summary>The minimizer of the quadratic through (a, fa) with slope fpa at a and (b, fb).</summary>
            private static NDArray QuadraticMinimizer(NDArray a, NDArray fa, NDArray fpa, NDArray b, NDArray fb)
            {
                var db = b - a;
                var curvature = (fb - fa - fpa * db) / Jnp.Square(db);
                return a - fpa / (2.0 * curvature);
            }
        }
    }
}
