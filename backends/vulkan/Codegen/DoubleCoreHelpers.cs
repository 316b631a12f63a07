using static JaxNet.Backends.Vulkan.Codegen.DoubleConstants;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// The float64 building blocks GLSL lacks, and exp, exp2, expm1, log, log1p and logistic on them. Exponents and
/// mantissas are read and written through the bit patterns (frexp, ldexp), so subnormal inputs keep their value
/// and subnormal results round correctly on drivers that flush float64 subnormals in arithmetic (llvmpipe).
/// Error-free transformations (two-sum, Dekker's two-product) carry double-double values where cancellation
/// would cost accuracy; they are <c>precise</c> so that no driver fuses or reorders them. exp reduces
/// x = k ln2 + r (Cody-Waite, ln2 in two parts) and sums the Taylor series of e^r to degree 14 on |r| &lt;= ln2/2;
/// log takes m in [sqrt(1/2), sqrt(2)) and sums 2 atanh(s), s = (m-1)/(m+1), in double-double.
/// </summary>
internal static class DoubleCoreHelpers
{
    public const string Nan = "packDouble2x32(uvec2(0u, 0x7FF80000u))";
    public const string Inf = "packDouble2x32(uvec2(0u, 0x7FF00000u))";

    /// <summary>
    /// Infinity with the sign of the double <paramref name="x"/>, built from the bits: <c>x * inf</c> came back as
    /// x (or 0) from NVIDIA's float64 code at x = +-1, where the driver may assume arithmetic never meets infinity.
    /// </summary>
    public static string SignedInf(string x) => $"packDouble2x32(uvec2(0u, 0x7FF00000u | (unpackDouble2x32({x}).y & 0x80000000u)))";

    /// <summary>ln 2 = Ln2Hi + Ln2Lo, Ln2Hi with 32 significant bits (k * Ln2Hi is exact for |k| &lt; 2^21).</summary>
    public static readonly double Ln2Hi = BitConverter.Int64BitsToDouble(0x3FE62E42FEE00000);
    public const double Ln2Lo = 1.9082149292705877e-10;

    /// <summary>Bit-level helpers: sign, zero test, |x|, frexp and ldexp that never let subnormals meet arithmetic.</summary>
    public static void Bits(ShaderWriter w)
    {
        FmodHelpers.U64(w);
        w.Helper("jx_d_bits", () =>
            $$"""
            bool jx_d_signbit(double x) { return (unpackDouble2x32(x).y & 0x80000000u) != 0u; }
            bool jx_d_iszero(double x) { uvec2 u = unpackDouble2x32(x); return (u.x | (u.y & 0x7FFFFFFFu)) == 0u; }
            double jx_d_abs(double x) { uvec2 u = unpackDouble2x32(x); u.y &= 0x7FFFFFFFu; return packDouble2x32(u); }
            double jx_d_copysign(double x, bool negative) { uvec2 u = unpackDouble2x32(x); u.y = (u.y & 0x7FFFFFFFu) | (negative ? 0x80000000u : 0u); return packDouble2x32(u); }
            // |x| = m * 2^e with m in [1, 2), for finite nonzero x (subnormals normalised in integer arithmetic).
            double jx_d_frexp(double x, out int e) {
                uvec2 u = unpackDouble2x32(x);
                int be = int((u.y >> 20) & 0x7FFu);
                u.y &= 0x000FFFFFu;
                if (be == 0) {
                    int s = 52 - jx_u64_msb(u);
                    u = jx_u64_shl(u, s);
                    u.y &= 0x000FFFFFu;
                    be = 1 - s;
                }
                e = be - 1023;
                return packDouble2x32(uvec2(u.x, u.y | 0x3FF00000u));
            }
            // m * 2^k for a normal m: overflows to inf, and rounds a subnormal result to nearest even, in the bits.
            double jx_d_ldexp(double m, int k) {
                uvec2 u = unpackDouble2x32(m);
                uint sign = u.y & 0x80000000u;
                int be = int((u.y >> 20) & 0x7FFu);
                if (be == 0 || be == 2047) return m;
                be += k;
                if (be >= 2047) return packDouble2x32(uvec2(0u, sign | 0x7FF00000u));
                if (be >= 1) { u.y = (u.y & 0x800FFFFFu) | (uint(be) << 20); return packDouble2x32(u); }
                int shift = 1 - be;
                if (shift > 54) return packDouble2x32(uvec2(0u, sign));
                uvec2 mant = uvec2(u.x, (u.y & 0x000FFFFFu) | 0x00100000u);
                uvec2 q = jx_u64_shr(mant, shift);
                uvec2 rest = jx_u64_sub(mant, jx_u64_shl(q, shift));
                uvec2 halfway = jx_u64_shl(uvec2(1u, 0u), shift - 1);
                if (jx_u64_gt(rest, halfway) || (rest == halfway && (q.x & 1u) != 0u)) {
                    q.x += 1u;
                    if (q.x == 0u) q.y += 1u; // a carry into bit 52 makes the smallest normal, as it should
                }
                q.y |= sign;
                return packDouble2x32(q);
            }
            """);
    }

    /// <summary>Error-free sums and products (Knuth's two-sum, Dekker's two-product) on dvec2(hi, lo).</summary>
    public static void DoubleDouble(ShaderWriter w) => w.Helper("jx_dd", () =>
        """
        dvec2 jx_dd_two_sum(double a, double b) {
            precise double s = a + b;
            precise double bb = s - a;
            precise double err = (a - (s - bb)) + (b - bb);
            return dvec2(s, err);
        }
        // Exact for |a|, |b| < 2^996 (the splits must not overflow).
        dvec2 jx_dd_two_prod(double a, double b) {
            precise double p = a * b;
            precise double ca = 134217729.0LF * a;
            precise double ah = ca - (ca - a);
            precise double al = a - ah;
            precise double cb = 134217729.0LF * b;
            precise double bh = cb - (cb - b);
            precise double bl = b - bh;
            precise double err = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
            return dvec2(p, err);
        }
        """);

    /// <summary>e^(hi + lo) for a double-double argument (|lo| tiny), with overflow to inf and subnormal results.</summary>
    public static void ExpCore(ShaderWriter w)
    {
        Bits(w);
        var coefficients = Enumerable.Range(0, 15).Select(InverseFactorial).ToArray();
        w.Helper("jx_d_exp_core", () =>
            $$"""
            // e^r on |r| <= ln2/2 + a hair: Taylor to degree 14 (truncation below 1e-19).
            double jx_d_exp_poly(double r) { return {{Horner("r", coefficients)}}; }
            double jx_d_exp_dd(double hi, double lo) {
                if (isnan(hi)) return hi;
                if (hi > 710.0LF) return {{Inf}};
                if (hi < -746.0LF) return 0.0LF;
                double k = roundEven(hi * 1.4426950408889634LF);
                precise double r = (hi - k * {{D(Ln2Hi)}}) - k * {{D(Ln2Lo)}} + lo;
                return jx_d_ldexp(jx_d_exp_poly(r), int(k));
            }
            """);
    }

    /// <summary>ln x for finite positive x (subnormals too) as dvec2(hi, lo), relative error about 2^-60.</summary>
    public static void LogCore(ShaderWriter w)
    {
        Bits(w);
        DoubleDouble(w);
        // 2 atanh(s) = 2s + s^3 * (2/3 + 2/5 s^2 + ...): the tail after 2s, in s^2, to s^24 (|s| < 0.172).
        var tail = Enumerable.Range(1, 12).Select(k => 2.0 / (2 * k + 1)).ToArray();
        w.Helper("jx_d_log_core", () =>
            $$"""
            dvec2 jx_d_log_dd(double x) {
                int e;
                double m = jx_d_frexp(x, e);
                if (m > 1.4142135623730951LF) { m *= 0.5LF; e += 1; }
                precise double f = m - 1.0LF; // exact (Sterbenz)
                dvec2 d = jx_dd_two_sum(2.0LF, f);
                precise double sh = f / d.x;
                dvec2 p = jx_dd_two_prod(sh, d.x);
                precise double sl = (((f - p.x) - p.y) - sh * d.y) / d.x;
                double s2 = sh * sh;
                precise double t = sh * s2 * ({{Horner("s2", tail)}});
                dvec2 ln = jx_dd_two_sum(2.0LF * sh, 2.0LF * sl + t);
                double de = double(e);
                dvec2 a = jx_dd_two_sum(de * {{D(Ln2Hi)}}, ln.x);
                precise double lo = a.y + (ln.y + de * {{D(Ln2Lo)}});
                return jx_dd_two_sum(a.x, lo);
            }
            """);
    }

    public static string Exp(ShaderWriter w)
    {
        ExpCore(w);
        return w.Helper("jx_d_exp", () => "double jx_d_exp(double x) { return jx_d_exp_dd(x, 0.0LF); }");
    }

    public static string Exp2(ShaderWriter w)
    {
        ExpCore(w);
        DoubleDouble(w);
        return w.Helper("jx_d_exp2", () =>
            $$"""
            double jx_d_exp2(double x) {
                if (isnan(x)) return x;
                if (x >= 1025.0LF) return {{Inf}};
                if (x <= -1080.0LF) return 0.0LF;
                double k = roundEven(x);
                double f = x - k; // exact
                dvec2 p = jx_dd_two_prod(f, 0.6931471805599453LF);
                precise double r = p.x + (p.y + f * 2.3190468138462996e-17LF);
                return jx_d_ldexp(jx_d_exp_poly(r), int(k));
            }
            """);
    }

    public static string Expm1(ShaderWriter w)
    {
        var exp = Exp(w);
        // Taylor of e^x - 1 to degree 17, for |x| < 0.35 where e^x - 1 would cancel.
        var coefficients = Enumerable.Range(1, 17).Select(InverseFactorial).ToArray();
        return w.Helper("jx_d_expm1", () =>
            $$"""
            double jx_d_expm1(double x) {
                if (isnan(x)) return x;
                if (abs(x) < 0.35LF) return jx_d_iszero(x) || abs(x) < 1e-300LF ? x : x * ({{Horner("x", coefficients)}});
                if (x < -40.0LF) return -1.0LF;
                return {{exp}}(x) - 1.0LF;
            }
            """);
    }

    public static string Log(ShaderWriter w)
    {
        LogCore(w);
        return w.Helper("jx_d_log", () =>
            $$"""
            double jx_d_log(double x) {
                if (isnan(x)) return x;
                if (jx_d_iszero(x)) return -{{Inf}};
                if (jx_d_signbit(x)) return {{Nan}};
                if (isinf(x)) return x;
                return jx_d_log_dd(x).x;
            }
            """);
    }

    /// <summary>log1p: 1 + x as an exact two-sum u + err, then ln u + err / u.</summary>
    public static string Log1p(ShaderWriter w)
    {
        LogCore(w);
        return w.Helper("jx_d_log1p", () =>
            $$"""
            double jx_d_log1p(double x) {
                if (isnan(x)) return x;
                if (abs(x) < 1e-17LF) return x;
                if (x == -1.0LF) return -{{Inf}};
                if (x < -1.0LF) return {{Nan}};
                if (isinf(x)) return x;
                dvec2 u = jx_dd_two_sum(1.0LF, x);
                dvec2 l = jx_d_log_dd(u.x);
                return l.x + (l.y + u.y / u.x);
            }
            """);
    }

    public static string Logistic(ShaderWriter w)
    {
        var exp = Exp(w);
        return w.Helper("jx_d_logistic", () => $"double jx_d_logistic(double x) {{ return 1.0LF / (1.0LF + {exp}(-x)); }}");
    }
}
