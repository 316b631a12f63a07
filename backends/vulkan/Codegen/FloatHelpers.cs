namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// GLSL helper functions for float32 ops whose GLSL built-ins are undefined at edge cases or inaccurate
/// (atan2, log1p, expm1, the hyperbolics; fmod, pow and sin/cos/tan have their own classes) or missing (erf, erfinv, lgamma, digamma, nextafter).
/// Each follows the kernel IR's semantics (C99/IEEE special cases).
/// </summary>
internal static class FloatHelpers
{
    public const string Nan = "uintBitsToFloat(0x7FC00000u)";
    public const string Inf = "uintBitsToFloat(0x7F800000u)";

    /// <summary>Infinity with the sign of the float <paramref name="x"/>, from the bits (not <c>x * inf</c>, see DoubleCoreHelpers.SignedInf).</summary>
    public static string SignedInf(string x) => $"uintBitsToFloat(0x7F800000u | (floatBitsToUint({x}) & 0x80000000u))";

    public static string Max(ShaderWriter w, string type) => w.Helper($"jx_max_{type}", () =>
        $"{type} jx_max_{type}({type} a, {type} b) {{ return isnan(a) || isnan(b) ? a + b : (a > b ? a : (b > a ? b : (a == 0.0 && b == 0.0 ? ((floatBitsToUint(float(a)) & 0x80000000u) == 0u ? a : b) : a))); }}");

    public static string Min(ShaderWriter w, string type) => w.Helper($"jx_min_{type}", () =>
        $"{type} jx_min_{type}({type} a, {type} b) {{ return isnan(a) || isnan(b) ? a + b : (a < b ? a : (b < a ? b : (a == 0.0 && b == 0.0 ? ((floatBitsToUint(float(a)) & 0x80000000u) != 0u ? a : b) : a))); }}");

    /// <summary>
    /// a / b with the divisor scaled into [2^-126, 2^126] by a power of two first: Vulkan bounds OpFDiv's error only
    /// there, and NVIDIA's a * (1/b) gave inf / FLT_MAX = NaN, FLT_MAX / FLT_MAX = 0 and -0 / 2^-149 = NaN. Both
    /// scalings are exact or change only results that overflow (|a| &gt; 2^104 over a subnormal b) or underflow
    /// (|a| &lt; 2^-124 over |b| &gt; 2^126) anyway.
    /// </summary>
    public static string Div(ShaderWriter w) => w.Helper("jx_div", () =>
        "float jx_div(float a, float b) { float m = abs(b); float s = m > 8.507059e37 ? 0.25 : (m < 1.1754944e-38 ? 16777216.0 : 1.0); return (a * s) / (b * s); }");

    public static string Round(ShaderWriter w, string type) => w.Helper($"jx_round_{type}", () =>
        $"{type} jx_round_{type}({type} x) {{ {type} t = trunc(x); return abs(x - t) >= {type}(0.5) ? t + sign(x) : t; }}");

    /// <summary>log that also handles subnormal inputs, which llvmpipe flushes to zero before log.</summary>
    public static string Log(ShaderWriter w) => w.Helper("jx_log", () =>
        "float jx_log(float x) { uint u = floatBitsToUint(x); if ((u & 0x7F800000u) == 0u && (u & 0x007FFFFFu) != 0u) return (u & 0x80000000u) != 0u ? " + Nan + " : log(float(u & 0x007FFFFFu)) - 103.27892990343184; return log(x); }");

    public static string Log1p(ShaderWriter w) => w.Helper("jx_log1p", () =>
        "float jx_log1p(float x) { float u = 1.0 + x; if (isinf(x) && x > 0.0) return x; return u == 1.0 ? x : log(u) * (x / (u - 1.0)); }");

    public static string Expm1(ShaderWriter w) => w.Helper("jx_expm1", () =>
        """
        float jx_expm1(float x) {
            if (abs(x) > 0.5) return exp(x) - 1.0;
            float u = exp(x);
            if (u == 1.0) return x;
            float um1 = u - 1.0;
            return um1 * (x / log(u));
        }
        """);

    /// <summary>
    /// e^a / 2 for 10 &lt; a &lt;= 89.5 (where it is sinh a and cosh a to float precision; beyond, they overflow):
    /// a = k ln 2 + r with Cody-Waite's two-part ln 2, e^r on |r| &lt;= 0.35 (where llvmpipe's exp is accurate; its
    /// error grows with the argument, to 4e-6 near 88) and 2^(k-1) in two exact steps, so nothing overflows early.
    /// </summary>
    public static string HalfExp(ShaderWriter w) => w.Helper("jx_half_exp", () =>
        "float jx_half_exp(float a) { if (a > 89.5) return " + Inf + "; float k = floor(a * 1.44269504 + 0.5); float r = (a - k * 0.693359375) + k * 2.12194440e-4; " +
        "int n = int(k) - 1; return ldexp(ldexp(exp(r), n / 2), n - n / 2); }");

    public static string Sinh(ShaderWriter w)
    {
        var halfExp = HalfExp(w);
        return w.Helper("jx_sinh", () =>
            $"float jx_sinh(float x) {{ float a = abs(x); if (a < 0.05) {{ float x2 = x * x; return x + x * x2 * (1.0 / 6.0 + x2 / 120.0); }} if (a > 10.0) return x < 0.0 ? -{halfExp}(a) : {halfExp}(a); return 0.5 * (exp(x) - exp(-x)); }}");
    }

    public static string Cosh(ShaderWriter w)
    {
        var halfExp = HalfExp(w);
        return w.Helper("jx_cosh", () =>
            $"float jx_cosh(float x) {{ float a = abs(x); if (a > 10.0) return {halfExp}(a); return 0.5 * (exp(a) + exp(-a)); }}");
    }

    public static string Tanh(ShaderWriter w)
    {
        var expm1 = Expm1(w);
        return w.Helper("jx_tanh", () =>
            $"float jx_tanh(float x) {{ if (isnan(x)) return x; if (abs(x) > 10.0) return sign(x); float e = {expm1}(2.0 * x); return e / (e + 2.0); }}");
    }

    public static string Asinh(ShaderWriter w)
    {
        var log1p = Log1p(w);
        return w.Helper("jx_asinh", () =>
            $"float jx_asinh(float x) {{ float a = abs(x); if (isinf(a) || isnan(a)) return x; float r = a > 1e18 ? log(a) + 0.6931471805599453 : {log1p}(a + a * a / (1.0 + sqrt(1.0 + a * a))); return x < 0.0 ? -r : r; }}");
    }

    public static string Acosh(ShaderWriter w)
    {
        var log1p = Log1p(w);
        return w.Helper("jx_acosh", () =>
            $"float jx_acosh(float x) {{ if (!(x >= 1.0)) return {Nan}; if (x > 1e18) return log(x) + 0.6931471805599453; float t = x - 1.0; return {log1p}(t + sqrt(2.0 * t + t * t)); }}");
    }

    public static string Atanh(ShaderWriter w)
    {
        var log1p = Log1p(w);
        return w.Helper("jx_atanh", () =>
            $"float jx_atanh(float x) {{ float a = abs(x); if (!(a <= 1.0)) return {Nan}; if (a == 1.0) return {SignedInf("x")}; float r = 0.5 * {log1p}(2.0 * a / (1.0 - a)); return x < 0.0 ? -r : r; }}");
    }

    // Cephes atanf: reduction to |x| <= tan(pi/8) and a degree-9 odd polynomial (llvmpipe's atan, asin and acos
    // are off by up to 1e-4 and return 0 for NaN).
    public static string Atan(ShaderWriter w) => w.Helper("jx_atan", () =>
        """
        float jx_atan(float x0) {
            if (isnan(x0)) return x0;
            float x = abs(x0), y = 0.0;
            if (x > 2.414213562373095) { y = 1.5707963267948966; x = -1.0 / x; }
            else if (x > 0.4142135623730950) { y = 0.7853981633974483; x = (x - 1.0) / (x + 1.0); }
            float z = x * x;
            y += (((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z - 3.33329491539e-1) * z * x + x;
            return x0 < 0.0 ? -y : y;
        }
        """);

    public static string Asin(ShaderWriter w)
    {
        var atan = Atan(w);
        return w.Helper("jx_asin", () =>
            $"float jx_asin(float x) {{ if (isnan(x) || abs(x) > 1.0) return {Nan}; if (abs(x) == 1.0) return x * 1.5707963267948966; return {atan}(x / sqrt((1.0 - x) * (1.0 + x))); }}");
    }

    public static string Acos(ShaderWriter w)
    {
        var atan = Atan(w);
        return w.Helper("jx_acos", () =>
            $"float jx_acos(float x) {{ if (isnan(x) || abs(x) > 1.0) return {Nan}; return 2.0 * {atan}(sqrt((1.0 - x) / (1.0 + x))); }}");
    }

    public static string Atan2(ShaderWriter w)
    {
        Atan(w);
        return w.Helper("jx_atan2", () =>
        $$"""
        float jx_atan2(float y, float x) {
            if (isnan(x) || isnan(y)) return {{Nan}};
            const float pi = 3.14159265358979;
            bool xneg = (floatBitsToUint(x) & 0x80000000u) != 0u;
            float r;
            if (y == 0.0) r = xneg ? pi : 0.0;
            else if (x == 0.0) r = pi / 2.0;
            else if (isinf(x) && isinf(y)) r = xneg ? 3.0 * pi / 4.0 : pi / 4.0;
            else if (isinf(x)) r = xneg ? pi : 0.0;
            else if (isinf(y)) r = pi / 2.0;
            else {
                float ay = abs(y), ax = abs(x);
                r = ay <= ax ? jx_atan(ay / ax) : pi / 2.0 - jx_atan(ax / ay);
                if (xneg) r = pi - r;
            }
            return (floatBitsToUint(y) & 0x80000000u) != 0u ? -r : r;
        }
        """);
    }

    public static string NextAfter(ShaderWriter w) => w.Helper("jx_nextafter", () =>
        """
        float jx_nextafter(float a, float b) {
            if (isnan(a) || isnan(b)) return a + b;
            if (a == b) return b;
            if (a == 0.0) return uintBitsToFloat(b > 0.0 ? 1u : 0x80000001u);
            uint u = floatBitsToUint(a);
            bool up = (b > a) == (a > 0.0);
            return uintBitsToFloat(up ? u + 1u : u - 1u);
        }
        """);

    /// <summary>nextafter in a 16-bit float format whose values are held in float registers.</summary>
    public static string NextAfter16(ShaderWriter w, bool bfloat) => w.Helper(bfloat ? "jx_nextafter_bf16" : "jx_nextafter_f16", () =>
    {
        var name = bfloat ? "jx_nextafter_bf16" : "jx_nextafter_f16";
        var bits = bfloat ? "(floatBitsToUint(a) >> 16)" : "(packHalf2x16(vec2(a, 0.0)) & 0xFFFFu)";
        var back = bfloat ? "uintBitsToFloat(u << 16)" : "unpackHalf2x16(u).x";
        return $$"""
        float {{name}}(float a, float b) {
            if (isnan(a) || isnan(b)) return a + b;
            if (a == b) return b;
            uint u;
            if (a == 0.0) u = b > 0.0 ? 1u : 0x8001u;
            else { u = {{bits}}; u = ((b > a) == (a > 0.0)) ? u + 1u : u - 1u; }
            return {{back}};
        }
        """;
    });

    public static string NextAfterDouble(ShaderWriter w) => w.Helper("jx_nextafter_d", () =>
        """
        double jx_nextafter_d(double a, double b) {
            if (isnan(a) || isnan(b)) return a + b;
            if (a == b) return b;
            if (a == 0.0LF) return packDouble2x32(uvec2(1u, b > 0.0LF ? 0u : 0x80000000u));
            uvec2 u = unpackDouble2x32(a);
            bool up = (b > a) == (a > 0.0LF);
            if (up) { u.x += 1u; if (u.x == 0u) u.y += 1u; } else { if (u.x == 0u) u.y -= 1u; u.x -= 1u; }
            return packDouble2x32(u);
        }
        """);

    public static string Cbrt(ShaderWriter w) => w.Helper("jx_cbrt", () =>
        "float jx_cbrt(float x) { if (x == 0.0 || isinf(x) || isnan(x)) return x; float a = abs(x); float y = exp2(log2(a) / 3.0); y = y - (y - a / (y * y)) / 3.0; return x < 0.0 ? -y : y; }");

    // Eigen's / XLA's rational approximation of erf for float32 (clamped to [-4, 4], where erf rounds to +-1).
    public static string Erf(ShaderWriter w) => w.Helper("jx_erf", () =>
        """
        float jx_erf(float x0) {
            if (isnan(x0)) return x0;
            float x = clamp(x0, -4.0, 4.0);
            float x2 = x * x;
            float p = -2.72614225801306e-10;
            p = p * x2 + 2.77068142495902e-08;
            p = p * x2 + -2.10102402082508e-06;
            p = p * x2 + -5.69250639462346e-05;
            p = p * x2 + -7.34990630326855e-04;
            p = p * x2 + -2.95459980854025e-03;
            p = p * x2 + -1.60960333262415e-02;
            float q = -1.45660718464996e-05;
            q = q * x2 + -2.13374055278905e-04;
            q = q * x2 + -1.68282697438203e-03;
            q = q * x2 + -7.37332916720468e-03;
            q = q * x2 + -1.42647390514189e-02;
            return x * p / q;
        }
        """);

    // Giles, "Approximating the erfinv function" (GPU Computing Gems, 2011), single precision.
    public static string ErfInv(ShaderWriter w) => w.Helper("jx_erfinv", () =>
        $$"""
        float jx_erfinv(float x) {
            if (isnan(x) || abs(x) > 1.0) return {{Nan}};
            if (abs(x) == 1.0) return {{SignedInf("x")}};
            float ww = -log((1.0 - x) * (1.0 + x));
            float p;
            if (ww < 5.0) {
                ww = ww - 2.5;
                p = 2.81022636e-08;
                p = 3.43273939e-07 + p * ww;
                p = -3.5233877e-06 + p * ww;
                p = -4.39150654e-06 + p * ww;
                p = 0.00021858087 + p * ww;
                p = -0.00125372503 + p * ww;
                p = -0.00417768164 + p * ww;
                p = 0.246640727 + p * ww;
                p = 1.50140941 + p * ww;
            } else {
                ww = sqrt(ww) - 3.0;
                p = -0.000200214257;
                p = 0.000100950558 + p * ww;
                p = 0.00134934322 + p * ww;
                p = -0.00367342844 + p * ww;
                p = 0.00573950773 + p * ww;
                p = -0.0076224613 + p * ww;
                p = 0.00943887047 + p * ww;
                p = 1.00167406 + p * ww;
                p = 2.83297682 + p * ww;
            }
            return p * x;
        }
        """);

    // Lanczos (g = 7, n = 9) in log form, with the reflection formula below 0.5. sin(pi x) is the shader's own
    // (TrigHelpers): NVIDIA's sin has an absolute error near 1e-6, so it returned 0 for sin(pi * 6e-8) (lgamma of the
    // smallest float16 subnormal came out inf) and relative errors of 1e-4 next to the poles.
    public static string Lgamma(ShaderWriter w)
    {
        Log(w);
        var sin = TrigHelpers.Sin(w);
        return w.Helper("jx_lgamma", () =>
        $$"""
        float jx_lgamma_pos(float x) {
            x -= 1.0;
            float a = 0.99999999999980993;
            a += 676.5203681218851 / (x + 1.0);
            a += -1259.1392167224028 / (x + 2.0);
            a += 771.32342877765313 / (x + 3.0);
            a += -176.61502916214059 / (x + 4.0);
            a += 12.507343278686905 / (x + 5.0);
            a += -0.13857109526572012 / (x + 6.0);
            a += 9.9843695780195716e-6 / (x + 7.0);
            a += 1.5056327351493116e-7 / (x + 8.0);
            float t = x + 7.5;
            return 0.91893853320467274 + (x + 0.5) * log(t) - t + log(a);
        }
        float jx_lgamma(float x) {
            if (isnan(x)) return x;
            if (isinf(x)) return {{Inf}};
            if (x == 1.0 || x == 2.0) return 0.0;
            if (abs(x) < 1e-8) return -jx_log(abs(x)) - 0.5772156649015329 * x;
            if (x < 0.5) {
                if (floor(x) == x) return {{Inf}};
                float s = {{sin}}(3.14159265358979 * (x - round(x)));
                return 1.1447298858494002 - jx_log(abs(s)) - jx_lgamma_pos(1.0 - x);
            }
            return jx_lgamma_pos(x);
        }
        """);
    }

    // Recurrence up to 6, then the asymptotic series; reflection with pi cot(pi x) from the shader's own sin and cos
    // (NVIDIA's built-ins put a 1.5e-5 relative error into digamma(-0.00244) = 410.3).
    public static string Digamma(ShaderWriter w)
    {
        var sin = TrigHelpers.Sin(w);
        var cos = TrigHelpers.Cos(w);
        return w.Helper("jx_digamma", () =>
        $$"""
        float jx_digamma(float x) {
            if (isnan(x) || (isinf(x) && x < 0.0)) return {{Nan}};
            if (isinf(x)) return x;
            float r = 0.0;
            if (x <= 0.0) {
                if (floor(x) == x) return {{Nan}};
                float s = 3.14159265358979 * (x - round(x));
                r = -3.14159265358979 * {{cos}}(s) / {{sin}}(s);
                x = 1.0 - x;
            }
            while (x < 6.0) { r -= 1.0 / x; x += 1.0; }
            float f = 1.0 / (x * x);
            return r + log(x) - 0.5 / x - f * (1.0 / 12.0 - f * (1.0 / 120.0 - f * (1.0 / 252.0 - f * (1.0 / 240.0 - f / 132.0))));
        }
        """);
    }

    public static string Bf16Bits(ShaderWriter w) => w.Helper("jx_bf16_bits", () =>
        "uint jx_bf16_bits(float f) { uint u = floatBitsToUint(f); if (isnan(f)) return (u >> 16) | 0x40u; u += 0x7FFFu + ((u >> 16) & 1u); return u >> 16; }");
}
