using static JaxNet.Backends.Vulkan.Codegen.DoubleConstants;
using static JaxNet.Backends.Vulkan.Codegen.DoubleCoreHelpers;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// float64 erf, erf⁻¹, lgamma and digamma. erf sums the series 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1)/(2n+1)!!
/// (positive terms, no cancellation) below 2.5 and evaluates erfc's continued fraction (modified Lentz) above.
/// erf⁻¹ starts from Giles' single-precision approximation and takes Newton steps on erf, or on erfc in the
/// tail where 1 - |y| is exact. lgamma and digamma shift the argument up to 10, where Stirling's series (to
/// B14) converges to double precision, and use the reflection formulas below 1/2 with exact sin(pi x) and
/// pi cot(pi x). e^(-x^2) takes x^2 as an exact double-double so that its rounding does not grow with x^2.
/// </summary>
internal static class DoubleSpecialHelpers
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double InvSqrtPi = 0.5641895835477563;
    private const double EulerGamma = 0.5772156649015329;

    private static void ErfParts(ShaderWriter w)
    {
        ExpCore(w);
        DoubleDouble(w);
        w.Helper("jx_d_erf_parts", () =>
            $$"""
            double jx_d_exp_neg_sq(double a) { dvec2 s = jx_dd_two_prod(a, a); return jx_d_exp_dd(-s.x, -s.y); }
            // erf(a) for 0 <= a < 6 by the series of positive terms.
            double jx_d_erf_series(double a) {
                double x2 = a * a, term = a, sum = a;
                for (int n = 1; n < 400; n++) {
                    term *= 2.0LF * x2 / double(2 * n + 1);
                    sum += term;
                    if (term < sum * 1e-17LF) break;
                }
                return {{D(TwoOverSqrtPi)}} * jx_d_exp_neg_sq(a) * sum;
            }
            // erfc(a) for a >= 2: e^(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))).
            double jx_d_erfc_cf(double a) {
                if (a > 27.5LF) return 0.0LF;
                double f = a, c = a, d = 0.0LF;
                for (int n = 1; n < 600; n++) {
                    double an = 0.5LF * double(n);
                    d = a + an * d;
                    c = a + an / c;
                    d = 1.0LF / d;
                    double delta = c * d;
                    f *= delta;
                    if (abs(delta - 1.0LF) < 1e-16LF) break;
                }
                return jx_d_exp_neg_sq(a) * {{D(InvSqrtPi)}} / f;
            }
            double jx_d_erfc_pos(double a) { return a < 2.0LF ? 1.0LF - jx_d_erf_series(a) : jx_d_erfc_cf(a); }
            """);
    }

    public static string Erf(ShaderWriter w)
    {
        ErfParts(w);
        return w.Helper("jx_d_erf", () =>
            """
            double jx_d_erf(double x) {
                if (isnan(x)) return x;
                double a = abs(x);
                if (a < 1e-300LF) return x;
                double r = a >= 6.0LF ? 1.0LF : (a < 2.5LF ? jx_d_erf_series(a) : 1.0LF - jx_d_erfc_cf(a));
                return x < 0.0LF ? -r : r;
            }
            """);
    }

    public static string ErfInv(ShaderWriter w)
    {
        ErfParts(w);
        var log = Log(w);
        return w.Helper("jx_d_erfinv", () =>
            $$"""
            double jx_d_erfinv(double y) {
                if (isnan(y) || abs(y) > 1.0LF) return {{Nan}};
                if (abs(y) == 1.0LF) return {{SignedInf("y")}};
                double a = abs(y);
                if (a < 1e-300LF) return y * {{D(1 / TwoOverSqrtPi)}};
                double ww = -{{log}}((1.0LF - a) * (1.0LF + a));
                double p;
                if (ww < 5.0LF) {
                    ww -= 2.5LF;
                    p = 2.81022636e-08LF;
                    p = 3.43273939e-07LF + p * ww;
                    p = -3.5233877e-06LF + p * ww;
                    p = -4.39150654e-06LF + p * ww;
                    p = 0.00021858087LF + p * ww;
                    p = -0.00125372503LF + p * ww;
                    p = -0.00417768164LF + p * ww;
                    p = 0.246640727LF + p * ww;
                    p = 1.50140941LF + p * ww;
                } else {
                    ww = sqrt(ww) - 3.0LF;
                    p = -0.000200214257LF;
                    p = 0.000100950558LF + p * ww;
                    p = 0.00134934322LF + p * ww;
                    p = -0.00367342844LF + p * ww;
                    p = 0.00573950773LF + p * ww;
                    p = -0.0076224613LF + p * ww;
                    p = 0.00943887047LF + p * ww;
                    p = 1.00167406LF + p * ww;
                    p = 2.83297682LF + p * ww;
                }
                double x = p * a;
                // Newton: the estimate is good to about 1e-7, so three steps reach the rounding level.
                for (int i = 0; i < 4; i++) {
                    double residual = a < 0.5LF ? jx_d_erf_series(x) - a : (1.0LF - a) - jx_d_erfc_pos(x);
                    x -= residual / ({{D(TwoOverSqrtPi)}} * jx_d_exp_neg_sq(x));
                }
                return y < 0.0LF ? -x : x;
            }
            """);
    }

    public static string Lgamma(ShaderWriter w)
    {
        var log = Log(w);
        var sinpi = DoubleTrigHelpers.SinPi(w);
        // Stirling: lgamma(x) = (x - 1/2) ln x - x + ln(2 pi)/2 + sum B2k / (2k (2k-1) x^(2k-1)).
        double[] stirling = [1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156];
        return w.Helper("jx_d_lgamma", () =>
            $$"""
            double jx_d_lgamma_pos(double x) {
                if (x == 1.0LF || x == 2.0LF) return 0.0LF;
                double product = 1.0LF;
                while (x < 10.0LF) { product *= x; x += 1.0LF; }
                double inv = 1.0LF / x, inv2 = inv * inv;
                double series = inv * ({{Horner("inv2", stirling)}});
                return (x - 0.5LF) * {{log}}(x) - x + 0.9189385332046728LF + series - {{log}}(product);
            }
            double jx_d_lgamma(double x) {
                if (isnan(x)) return x;
                if (isinf(x) || jx_d_iszero(x)) return {{Inf}};
                if (x < 0.0LF && floor(x) == x) return {{Inf}};
                double a = jx_d_abs(x);
                if (a < 1e-8LF) return -{{log}}(a) - {{D(EulerGamma)}} * x;
                if (x < 0.5LF) return {{log}}({{D(Math.PI)}} / abs({{sinpi}}(x))) - jx_d_lgamma_pos(1.0LF - x);
                return jx_d_lgamma_pos(x);
            }
            """);
    }

    public static string Digamma(ShaderWriter w)
    {
        var log = Log(w);
        var cot = DoubleTrigHelpers.PiCotPi(w);
        // psi(x) = ln x - 1/(2x) - sum B2k / (2k x^(2k)).
        double[] asymptotic = [1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132, -691.0 / 32760, 1.0 / 12];
        return w.Helper("jx_d_digamma", () =>
            $$"""
            double jx_d_digamma_pos(double x) {
                double shift = 0.0LF;
                while (x < 10.0LF) { shift += 1.0LF / x; x += 1.0LF; }
                double inv2 = 1.0LF / (x * x);
                return {{log}}(x) - 0.5LF / x - inv2 * ({{Horner("inv2", asymptotic)}}) - shift;
            }
            double jx_d_digamma(double x) {
                if (isnan(x)) return x;
                if (isinf(x)) return x > 0.0LF ? x : {{Nan}};
                if (jx_d_iszero(x) || (x < 0.0LF && floor(x) == x)) return {{Nan}};
                if (abs(x) < 1e-8LF) return -1.0LF / x - {{D(EulerGamma)}} + {{D(Math.PI * Math.PI / 6)}} * x;
                if (x < 0.5LF) return jx_d_digamma_pos(1.0LF - x) - {{cot}}(x);
                return jx_d_digamma_pos(x);
            }
            """);
    }
}
