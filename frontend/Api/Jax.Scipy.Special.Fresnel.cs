using JaxNet.Core;
using JaxNet.Transforms;
using static JaxNet.SpecialSeries;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>
            /// scipy.special.fresnel: the Fresnel integrals S(x) = ∫₀ˣ sin(πt²/2) dt and C(x) = ∫₀ˣ cos(πt²/2) dt, as the
            /// pair (S, C), for real x; both are odd, ±½ at ±inf, NaN at NaN. For |x| &lt; 1.5 it sums their power series
            /// (seventeen terms in x⁴); beyond, S = ½ − f cos(πx²/2) − g sin(πx²/2) and C = ½ + f sin(πx²/2) − g cos(πx²/2)
            /// with the auxiliary functions g + i f = x K(πx²) from the continued fraction of erfc along arg z = −π/4
            /// (K = 1/(1 − iπx² − 1·2/(5 − iπx² − 3·4/(9 − iπx² − …))), evaluated by Lentz's method; past |x| = 10⁴ its
            /// first terms f = 1/(πx), g = 1/(π²x³)). The phase πx²/2 is reduced modulo 2π from x² split exactly into
            /// parts, so large arguments keep their accuracy. The derivatives are JAX's: sin(πx²/2) and cos(πx²/2).
            /// </summary>
            public static (NDArray S, NDArray C) Fresnel(NDArray x)
            {
                var sc = FresnelWithRule(RealArgument("fresnel", x));
                return (sc[0], sc[1]);
            }

            private static NDArray[] FresnelWithRule(NDArray x) => CustomDerivatives.CallCustomJvp(v => WidenedPair(v[0]),
                (primals, tangents) =>
                {
                    var (sin, cos) = SinCosHalfPiSquared(primals[0]);
                    return (FresnelWithRule(primals[0]), [tangents[0] * sin, tangents[0] * cos]);
                }, [x]);

            // Widened maps one array to one; S and C travel through it stacked on a new leading axis.
            private static NDArray[] WidenedPair(NDArray x)
            {
                var both = Widened(x, v =>
                {
                    var (s, c) = FresnelValue(v);
                    return Jnp.Stack([s, c]);
                });
                return [both[0], both[1]];
            }

            private static (NDArray S, NDArray C) FresnelValue(NDArray x)
            {
                var z = Jnp.Abs(x);
                var small = Jnp.Less(z, FresnelSeriesBelow);
                var far = Jnp.Greater(z, FresnelFractionBelow);
                // Each form reads an argument where it is cheap and finite wherever another one is taken.
                var zs = Jnp.Where(small, z, 0);
                var zf = Jnp.Where(small | far, 2, z);
                var zl = Jnp.Where(far & Jnp.IsFinite(z), z, 2 * FresnelFractionBelow);
                var (sSeries, cSeries) = FresnelSeries(zs);
                var (gMiddle, fMiddle) = FresnelAuxiliary(zf);
                var (fFar, gFar) = (1 / (Math.PI * zl), 1 / (Math.PI * Math.PI * zl * zl * zl));
                var f = Jnp.Where(far, fFar, fMiddle);
                var g = Jnp.Where(far, gFar, gMiddle);
                var (sin, cos) = SinCosHalfPiSquared(Jnp.Where(small, 1, z));
                var s = Jnp.Where(small, sSeries, 0.5 - f * cos - g * sin);
                var c = Jnp.Where(small, cSeries, 0.5 + f * sin - g * cos);
                s = Jnp.Where(Jnp.IsInf(z), 0.5, s);
                c = Jnp.Where(Jnp.IsInf(z), 0.5, c);
                var negative = Jnp.Less(x, 0);
                return (Jnp.Where(negative, -s, s), Jnp.Where(negative, -c, c));
            }

            // S = x Σ (−1)ⁿ w²ⁿ⁺¹/((2n + 1)! (4n + 3)), C = x Σ (−1)ⁿ w²ⁿ/((2n)! (4n + 1)) with w = πx²/2 ≤ 3.6: the terms
            // peak near 5, so the sums lose under a digit to cancellation.
            private static (NDArray S, NDArray C) FresnelSeries(NDArray x)
            {
                var w = Math.PI / 2 * x * x;
                var w2 = w * w;
                return (x * w * Horner(w2, FresnelSineSeries), x * Horner(w2, FresnelCosineSeries));
            }

            // g + i f = x K(q), q = πx², K the even continued fraction of √π z e^(z²) erfc(z)/(2z²) at z² = −iq/2 with
            // partial numerators −(2n − 1)(2n) and denominators 4n + 1 − iq, by Lentz's method on (re, im) pairs until
            // every element's last factor is within the rounding of 1 (about 50 steps at x = 1.5, 10 at x = 4).
            private static (NDArray G, NDArray F) FresnelAuxiliary(NDArray x)
            {
                var q = Math.PI * x * x;
                var eps = Epsilon(x.DType);
                var zero = Jnp.ZerosLike(x);
                var one = Jnp.OnesLike(x);
                // Carry: n, the fraction (re, im), Lentz's C and D (re, im), |Δ − 1|.
                var outs = Lax.WhileLoop(
                    s => Jnp.Less(s[0], FresnelFractionTerms) & Jnp.Any(Jnp.Greater(s[7], eps)),
                    s =>
                    {
                        var n = s[0] + 1;
                        var a = -(2 * n - 1) * (2 * n);
                        var bRe = 4 * n + 1;
                        var (dRe, dIm) = Reciprocal(bRe + a * s[5], -q + a * s[6]);
                        var (cInvRe, cInvIm) = Reciprocal(s[3], s[4]);
                        var (cRe, cIm) = (bRe + a * cInvRe, -q + a * cInvIm);
                        var (deltaRe, deltaIm) = (cRe * dRe - cIm * dIm, cRe * dIm + cIm * dRe);
                        var (fRe, fIm) = (s[1] * deltaRe - s[2] * deltaIm, s[1] * deltaIm + s[2] * deltaRe);
                        return [n, fRe, fIm, cRe, cIm, dRe, dIm, Jnp.Abs(deltaRe - 1) + Jnp.Abs(deltaIm)];
                    },
                    [Counter(x, 0), one, -q, one, -q, zero, zero, one]);
                var (kRe, kIm) = Reciprocal(outs[1], outs[2]);
                return (x * kRe, x * kIm);
            }

            private static (NDArray Re, NDArray Im) Reciprocal(NDArray re, NDArray im)
            {
                var norm = re * re + im * im;
                return (re / norm, -im / norm);
            }

            // sin(πx²/2) and cos(πx²/2) for x ≥ 0 from r = x²/2 mod 2: x splits into a high part of half the mantissa
            // and the rest, so x² = h² + 2hl + l² with every product exact, and each is reduced modulo 4 exactly. From
            // 2^53 (2^24 in float32) on every x is an even integer, where r = 0.
            private static (NDArray Sin, NDArray Cos) SinCosHalfPiSquared(NDArray x)
            {
                var wide = x.DType == DType.Float64;
                var z = Jnp.Abs(x);
                z = Jnp.Where(Jnp.Less(z, wide ? Math.ScaleB(1, 53) : Math.ScaleB(1, 24)), z, 0);
                var spread = z * (wide ? 134217729.0 : 4097.0);
                var high = spread - (spread - z);
                var low = z - high;
                var turns = (Jnp.Fmod(high * high, 4) + Jnp.Fmod(2 * high * low, 4) + Jnp.Fmod(low * low, 4)) / 2;
                turns = turns - 2 * Jnp.Floor(turns / 2);
                var angle = Math.PI * turns;
                return (Jnp.Sin(angle), Jnp.Cos(angle));
            }

            private const double FresnelSeriesBelow = 1.5;
            private const double FresnelFractionBelow = 1e4;
            private const int FresnelFractionTerms = 500;

            // The series' coefficients in w², highest power first (Horner's order): n = 16 down to 0.
            private static readonly double[] FresnelSineSeries = FresnelCoefficients(odd: true);
            private static readonly double[] FresnelCosineSeries = FresnelCoefficients(odd: false);

            private static double[] FresnelCoefficients(bool odd)
            {
                var c = new double[17];
                for (var n = 0; n < c.Length; n++)
                {
                    var k = 2 * n + (odd ? 1 : 0);
                    var factorial = 1.0;
                    for (var j = 2; j <= k; j++) factorial *= j;
                    c[c.Length - 1 - n] = (n % 2 == 0 ? 1 : -1) / (factorial * (2 * k + 1));
                }
                return c;
            }
        }
    }
}
