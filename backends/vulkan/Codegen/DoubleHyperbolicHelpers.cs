using static JaxNet.Backends.Vulkan.Codegen.DoubleConstants;
using static JaxNet.Backends.Vulkan.Codegen.DoubleCoreHelpers;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// float64 hyperbolic functions, their inverses and cbrt, in fdlibm's structure: sinh/cosh/tanh through expm1
/// (no cancellation near 0) and e^(|x| - ln2) in double-double for large |x|, so results just below the overflow
/// threshold stay finite; asinh/acosh/atanh through log1p near their zeros and log beyond; cbrt by Newton from a
/// float estimate on the mantissa, with the exponent divided exactly in the bits.
/// </summary>
internal static class DoubleHyperbolicHelpers
{
    /// <summary>e^|x| / 2 for |x| &gt;= 22, as e^(|x| - ln2) with the subtraction kept exact.</summary>
    private static void HalfExp(ShaderWriter w)
    {
        ExpCore(w);
        DoubleDouble(w);
        w.Helper("jx_d_half_exp", () =>
            $$"""
            double jx_d_half_exp(double a) {
                dvec2 t = jx_dd_two_sum(a, -{{D(Ln2Hi)}});
                return jx_d_exp_dd(t.x, t.y - {{D(Ln2Lo)}});
            }
            """);
    }

    public static string Sinh(ShaderWriter w)
    {
        var expm1 = Expm1(w);
        HalfExp(w);
        return w.Helper("jx_d_sinh", () =>
            $$"""
            double jx_d_sinh(double x) {
                if (isnan(x)) return x;
                double a = abs(x);
                if (a < 1e-9LF) return x;
                double r;
                if (a < 22.0LF) { double t = {{expm1}}(a); r = 0.5LF * (t + t / (t + 1.0LF)); }
                else r = jx_d_half_exp(a);
                return x < 0.0LF ? -r : r;
            }
            """);
    }

    public static string Cosh(ShaderWriter w)
    {
        var exp = Exp(w);
        HalfExp(w);
        return w.Helper("jx_d_cosh", () =>
            """
            double jx_d_cosh(double x) {
                if (isnan(x)) return x;
                double a = abs(x);
                if (a < 1e-9LF) return 1.0LF;
                if (a < 22.0LF) { double t = jx_d_exp(a); return 0.5LF * t + 0.5LF / t; }
                return jx_d_half_exp(a);
            }
            """.Replace("jx_d_exp(", exp + "("));
    }

    public static string Tanh(ShaderWriter w)
    {
        var expm1 = Expm1(w);
        return w.Helper("jx_d_tanh", () =>
            $$"""
            double jx_d_tanh(double x) {
                if (isnan(x)) return x;
                double a = abs(x);
                if (a < 1e-9LF) return x;
                double r;
                if (a >= 22.0LF) r = 1.0LF;
                else if (a >= 1.0LF) r = 1.0LF - 2.0LF / ({{expm1}}(2.0LF * a) + 2.0LF);
                else { double t = {{expm1}}(-2.0LF * a); r = -t / (t + 2.0LF); }
                return x < 0.0LF ? -r : r;
            }
            """);
    }

    public static string Asinh(ShaderWriter w)
    {
        var log = Log(w);
        var log1p = Log1p(w);
        return w.Helper("jx_d_asinh", () =>
            $$"""
            double jx_d_asinh(double x) {
                if (isnan(x) || isinf(x)) return x;
                double a = abs(x);
                if (a < 1e-9LF) return x;
                double r;
                if (a > 268435456.0LF) r = {{log}}(a) + 0.6931471805599453LF;
                else if (a > 2.0LF) r = {{log}}(2.0LF * a + 1.0LF / (sqrt(a * a + 1.0LF) + a));
                else r = {{log1p}}(a + a * a / (1.0LF + sqrt(1.0LF + a * a)));
                return x < 0.0LF ? -r : r;
            }
            """);
    }

    public static string Acosh(ShaderWriter w)
    {
        var log = Log(w);
        var log1p = Log1p(w);
        return w.Helper("jx_d_acosh", () =>
            $$"""
            double jx_d_acosh(double x) {
                if (!(x >= 1.0LF)) return {{Nan}};
                if (isinf(x)) return x;
                if (x > 268435456.0LF) return {{log}}(x) + 0.6931471805599453LF;
                if (x > 2.0LF) return {{log}}(2.0LF * x - 1.0LF / (x + sqrt(x * x - 1.0LF)));
                double t = x - 1.0LF;
                return {{log1p}}(t + sqrt(2.0LF * t + t * t));
            }
            """);
    }

    public static string Atanh(ShaderWriter w)
    {
        var log1p = Log1p(w);
        return w.Helper("jx_d_atanh", () =>
            $$"""
            double jx_d_atanh(double x) {
                if (isnan(x)) return x;
                double a = abs(x);
                if (a > 1.0LF) return {{Nan}};
                if (a == 1.0LF) return {{SignedInf("x")}};
                if (a < 1e-9LF) return x;
                double r = a < 0.5LF ? 0.5LF * {{log1p}}(2.0LF * a + 2.0LF * a * a / (1.0LF - a))
                    : 0.5LF * {{log1p}}(2.0LF * a / (1.0LF - a));
                return x < 0.0LF ? -r : r;
            }
            """);
    }

    public static string Cbrt(ShaderWriter w)
    {
        Bits(w);
        DoubleDouble(w);
        return w.Helper("jx_d_cbrt", () =>
            """
            double jx_d_cbrt(double x) {
                if (isnan(x) || isinf(x) || jx_d_iszero(x)) return x;
                int e;
                double m = jx_d_frexp(x, e);
                // x = m' 2^(3q) with m' = m 2^(e - 3q) in [1, 8).
                int q = e >= 0 ? e / 3 : -((2 - e) / 3);
                m *= double(1 << (e - 3 * q));
                double y = double(exp2(log2(float(m)) / 3.0));
                for (int i = 0; i < 2; i++) y -= (y - m / (y * y)) / 3.0LF;
                // Last Newton step with the residual y^3 - m formed exactly, for a faithful result.
                dvec2 y2 = jx_dd_two_prod(y, y);
                dvec2 y3 = jx_dd_two_prod(y2.x, y);
                precise double residual = ((y3.x - m) + y3.y) + y2.y * y;
                y -= residual / (3.0LF * y2.x);
                return jx_d_copysign(jx_d_ldexp(y, q), jx_d_signbit(x));
            }
            """);
    }
}
