using static JaxNet.Backends.Vulkan.Codegen.DoubleConstants;
using static JaxNet.Backends.Vulkan.Codegen.DoubleCoreHelpers;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// float64 sin, cos, tan and the inverse trigonometric functions. sin/cos/tan reduce x = q pi/2 + r with
/// |r| &lt;= pi/4: a three-part Cody-Waite subtraction below 2^20 (pi/2 split in 33 + 33 + 53 bits, so each
/// q * part is exact), else Payne-Hanek in 32-bit integer arithmetic: the 53-bit mantissa times the 192 bits of
/// 2/pi that matter at its exponent, of which 160 fraction bits survive (the worst double needs about 115).
/// Then the Taylor series of sin and cos on [-pi/4, pi/4], truncated below 1e-25. atan reduces to |t| &lt;= tan(pi/8)
/// and sums its Taylor series; asin, acos and atan2 are built on it, atan2 on the exact ratio of the mantissas
/// so that subnormal operands keep their value.
/// </summary>
internal static class DoubleTrigHelpers
{
    private const double PiOver2 = Math.PI / 2;
    private const double PiOver2Lo = 6.123233995736766e-17;
    private const double PiOver4 = Math.PI / 4;

    public static string Sin(ShaderWriter w)
    {
        Kernels(w);
        return w.Helper("jx_d_sin", () =>
            $$"""
            double jx_d_sin(double x) {
                if (isnan(x) || isinf(x)) return {{Nan}};
                if (abs(x) < 1e-9LF) return x; // sin x rounds to x; keeps -0 and subnormals
                int q;
                double r = jx_d_trig_reduce(x, q);
                double v = (q & 1) != 0 ? jx_d_cos_kernel(r) : jx_d_sin_kernel(r);
                return (q & 2) != 0 ? -v : v;
            }
            """);
    }

    public static string Cos(ShaderWriter w)
    {
        Kernels(w);
        return w.Helper("jx_d_cos", () =>
            $$"""
            double jx_d_cos(double x) {
                if (isnan(x) || isinf(x)) return {{Nan}};
                int q;
                double r = jx_d_trig_reduce(x, q);
                double v = (q & 1) != 0 ? jx_d_sin_kernel(r) : jx_d_cos_kernel(r);
                return ((q + 1) & 2) != 0 ? -v : v;
            }
            """);
    }

    public static string Tan(ShaderWriter w)
    {
        Kernels(w);
        return w.Helper("jx_d_tan", () =>
            $$"""
            double jx_d_tan(double x) {
                if (isnan(x) || isinf(x)) return {{Nan}};
                if (abs(x) < 1e-9LF) return x;
                int q;
                double r = jx_d_trig_reduce(x, q);
                double s = jx_d_sin_kernel(r), c = jx_d_cos_kernel(r);
                return (q & 1) != 0 ? -c / s : s / c;
            }
            """);
    }

    private static void Kernels(ShaderWriter w)
    {
        Reduce(w);
        // sin r = r (1 - r^2/3! + ...) to r^23, cos r = 1 - r^2/2! + ... to r^24.
        var sin = Enumerable.Range(0, 12).Select(k => (k % 2 == 0 ? 1 : -1) * InverseFactorial(2 * k + 1)).ToArray();
        var cos = Enumerable.Range(0, 13).Select(k => (k % 2 == 0 ? 1 : -1) * InverseFactorial(2 * k)).ToArray();
        w.Helper("jx_d_trig_kernels", () =>
            $$"""
            double jx_d_sin_kernel(double r) { double z = r * r; return r * ({{Horner("z", sin)}}); }
            double jx_d_cos_kernel(double r) { double z = r * r; return {{Horner("z", cos)}}; }
            """);
    }

    /// <summary>x = q * pi/2 + r for finite x, |r| &lt;= pi/4 (a hair more where x * 2/pi rounds across a half).</summary>
    private static void Reduce(ShaderWriter w)
    {
        var words = TwoOverPiWords;
        var (p1, p2, p3) = PiOver2Split;
        w.Helper("jx_d_trig_reduce", () =>
            $$"""
            // The fraction bits of 2/pi, 32 to a word, most significant first.
            const uint jx_d_two_over_pi[{{words.Length}}] = uint[{{words.Length}}]({{Words(words)}});
            void jx_d_acc(inout uint p[8], int i, uint v) {
                for (; i < 8 && v != 0u; i++) { uint c; p[i] = uaddCarry(p[i], v, c); v = c; }
            }
            // 32 bits of the 256-bit number p whose lowest is bit `pos`.
            uint jx_d_bits_at(uint p[8], int pos) {
                int i = pos >> 5, o = pos & 31;
                uint v = p[i] >> o;
                if (o != 0 && i + 1 < 8) v |= p[i + 1] << (32 - o);
                return v;
            }
            // Payne-Hanek for |x| >= 2^20: x = M 2^s with a 53-bit integer M. Bit j of 2/pi (weight 2^-j) adds
            // M 2^(s-j), a multiple of 4 when j <= s - 2, so only bits from j0 = max(s - 1, 1) on matter.
            double jx_d_reduce_large(double x, out int q) {
                uvec2 u = unpackDouble2x32(x);
                int s = int((u.y >> 20) & 0x7FFu) - 1075;
                uint ml = u.x, mh = (u.y & 0x000FFFFFu) | 0x00100000u;
                int j0 = max(s - 1, 1);
                // The window W of 192 bits starting at bit j0, least significant word first.
                int wi = (j0 - 1) >> 5, off = (j0 - 1) & 31;
                uint win[6];
                for (int n = 0; n < 6; n++) {
                    uint a = jx_d_two_over_pi[wi + n], b = jx_d_two_over_pi[wi + n + 1];
                    win[5 - n] = off == 0 ? a : (a << off) | (b >> (32 - off));
                }
                uint p[8] = uint[8](0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u);
                for (int k = 0; k < 6; k++) {
                    uint hi, lo;
                    umulExtended(ml, win[k], hi, lo);
                    jx_d_acc(p, k, lo);
                    jx_d_acc(p, k + 1, hi);
                    umulExtended(mh, win[k], hi, lo);
                    jx_d_acc(p, k + 1, lo);
                    jx_d_acc(p, k + 2, hi);
                }
                // x * 2/pi (mod 4) = M W 2^(s - j0 - 191): the binary point sits above bit pb of the product.
                int pb = j0 + 191 - s;
                int quadrant = int(jx_d_bits_at(p, pb) & 3u);
                uint f4 = jx_d_bits_at(p, pb - 32), f3 = jx_d_bits_at(p, pb - 64), f2 = jx_d_bits_at(p, pb - 96),
                     f1 = jx_d_bits_at(p, pb - 128), f0 = jx_d_bits_at(p, pb - 160);
                bool negative = (f4 & 0x80000000u) != 0u;
                if (negative) {
                    // fraction - 1 = -(2^160 - fraction): negate the 160-bit two's complement.
                    quadrant += 1;
                    f4 = ~f4; f3 = ~f3; f2 = ~f2; f1 = ~f1; f0 = ~f0;
                    uint c;
                    f0 = uaddCarry(f0, 1u, c); f1 = uaddCarry(f1, c, c); f2 = uaddCarry(f2, c, c);
                    f3 = uaddCarry(f3, c, c); f4 += c;
                }
                // All terms are nonnegative and converted exactly: the sum is good to a few ulps.
                double f = (((double(f0) * 0x1p-160LF + double(f1) * 0x1p-128LF) + double(f2) * 0x1p-96LF)
                    + double(f3) * 0x1p-64LF) + double(f4) * 0x1p-32LF;
                double r = f * {{D(PiOver2)}};
                if (negative) r = -r;
                if (x < 0.0LF) { r = -r; quadrant = -quadrant; }
                q = quadrant;
                return r;
            }
            double jx_d_trig_reduce(double x, out int q) {
                double ax = abs(x);
                if (ax <= {{D(PiOver4)}}) { q = 0; return x; }
                if (ax >= 1048576.0LF) return jx_d_reduce_large(x, q);
                precise double k = roundEven(x * 0.6366197723675814LF);
                precise double r = x - k * {{D(p1)}};
                r = r - k * {{D(p2)}};
                r = r - k * {{D(p3)}};
                q = int(k);
                return r;
            }
            """.Replace("0x1p-160LF", D(Math.ScaleB(1, -160))).Replace("0x1p-128LF", D(Math.ScaleB(1, -128)))
               .Replace("0x1p-96LF", D(Math.ScaleB(1, -96))).Replace("0x1p-64LF", D(Math.ScaleB(1, -64)))
               .Replace("0x1p-32LF", D(Math.ScaleB(1, -32))));
    }

    /// <summary>atan on [0, 1] (a hair more): Taylor series on |t| &lt;= tan(pi/8), else pi/4 + atan((t-1)/(t+1)).</summary>
    private static void AtanUnit(ShaderWriter w)
    {
        Bits(w);
        var series = Enumerable.Range(0, 25).Select(k => (k % 2 == 0 ? 1.0 : -1.0) / (2 * k + 1)).ToArray();
        w.Helper("jx_d_atan_unit", () =>
            $$"""
            double jx_d_atan_series(double t) { double z = t * t; return t * ({{Horner("z", series)}}); }
            double jx_d_atan_unit(double t) {
                if (t <= 0.41421356237309503LF) return jx_d_atan_series(t);
                return {{D(PiOver4)}} + jx_d_atan_series((t - 1.0LF) / (t + 1.0LF));
            }
            // atan of a nonnegative number or +inf.
            double jx_d_atan_pos(double a) {
                if (a <= 1.0LF) return jx_d_atan_unit(a);
                if (a > 1e20LF) return {{D(PiOver2)}};
                return ({{D(PiOver2)}} - jx_d_atan_unit(1.0LF / a)) + {{D(PiOver2Lo)}};
            }
            """);
    }

    public static string Atan(ShaderWriter w)
    {
        AtanUnit(w);
        return w.Helper("jx_d_atan", () =>
            """
            double jx_d_atan(double x) {
                if (isnan(x)) return x;
                if (abs(x) < 1e-9LF) return x;
                double r = jx_d_atan_pos(abs(x));
                return x < 0.0LF ? -r : r;
            }
            """);
    }

    public static string Asin(ShaderWriter w)
    {
        AtanUnit(w);
        return w.Helper("jx_d_asin", () =>
            $$"""
            double jx_d_asin(double x) {
                if (isnan(x) || abs(x) > 1.0LF) return {{Nan}};
                if (abs(x) < 1e-9LF) return x;
                double a = abs(x);
                double r = a == 1.0LF ? {{D(PiOver2)}} : jx_d_atan_pos(a / sqrt((1.0LF - a) * (1.0LF + a)));
                return x < 0.0LF ? -r : r;
            }
            """);
    }

    public static string Acos(ShaderWriter w)
    {
        AtanUnit(w);
        return w.Helper("jx_d_acos", () =>
            $$"""
            double jx_d_acos(double x) {
                if (isnan(x) || abs(x) > 1.0LF) return {{Nan}};
                if (x == -1.0LF) return {{D(Math.PI)}};
                return 2.0LF * jx_d_atan_pos(sqrt((1.0LF - x) / (1.0LF + x)));
            }
            """);
    }

    public static string Atan2(ShaderWriter w)
    {
        AtanUnit(w);
        return w.Helper("jx_d_atan2", () =>
            $$"""
            double jx_d_atan2(double y, double x) {
                if (isnan(x) || isnan(y)) return {{Nan}};
                bool xneg = jx_d_signbit(x);
                double r;
                if (jx_d_iszero(y)) r = xneg ? {{D(Math.PI)}} : 0.0LF;
                else if (jx_d_iszero(x)) r = {{D(PiOver2)}};
                else if (isinf(x) && isinf(y)) r = xneg ? {{D(3 * Math.PI / 4)}} : {{D(PiOver4)}};
                else if (isinf(x)) r = xneg ? {{D(Math.PI)}} : 0.0LF;
                else if (isinf(y)) r = {{D(PiOver2)}};
                else {
                    // |y| / |x| = (my / mx) 2^(ey - ex), formed without subnormal arithmetic.
                    int ey, ex;
                    double my = jx_d_frexp(y, ey), mx = jx_d_frexp(x, ex);
                    int d = ey - ex;
                    bool steep = d > 0 || (d == 0 && my > mx);
                    if (steep) {
                        double t = d > 1100 ? 0.0LF : jx_d_ldexp(mx / my, -d);
                        r = ({{D(PiOver2)}} - jx_d_atan_unit(t)) + {{D(PiOver2Lo)}};
                    } else {
                        r = d < -1100 ? 0.0LF : jx_d_atan_unit(jx_d_ldexp(my / mx, d));
                    }
                    if (xneg) r = ({{D(Math.PI)}} - r) + {{D(2 * PiOver2Lo)}};
                }
                return jx_d_signbit(y) ? -r : r;
            }
            """);
    }

    /// <summary>sin(pi x), exact zeros at the integers (x reduced modulo 2 exactly, then folded to [-1/2, 1/2]).</summary>
    public static string SinPi(ShaderWriter w)
    {
        var sin = Sin(w);
        return w.Helper("jx_d_sinpi", () =>
            $$"""
            double jx_d_sinpi(double x) {
                double r = x - 2.0LF * roundEven(0.5LF * x);
                if (r == floor(r)) return 0.0LF;
                if (r > 0.5LF) r = 1.0LF - r;
                else if (r < -0.5LF) r = -1.0LF - r;
                return {{sin}}({{D(Math.PI)}} * r);
            }
            """);
    }

    /// <summary>pi cot(pi x) for non-integer x (period 1: x reduced to [-1/2, 1/2] exactly).</summary>
    public static string PiCotPi(ShaderWriter w)
    {
        Kernels(w);
        return w.Helper("jx_d_picotpi", () =>
            $$"""
            double jx_d_picotpi(double x) {
                double r = x - roundEven(x);
                double a = {{D(Math.PI)}} * abs(r);
                // cot(a) = tan(pi/2 - a); for a > pi/4 use that to keep both kernels on [0, pi/4].
                double c, s;
                if (a <= {{D(PiOver4)}}) { c = jx_d_cos_kernel(a); s = jx_d_sin_kernel(a); }
                else { double b = ({{D(PiOver2)}} - a) + {{D(PiOver2Lo)}}; c = jx_d_sin_kernel(b); s = jx_d_cos_kernel(b); }
                double v = {{D(Math.PI)}} * c / s;
                return r < 0.0LF ? -v : v;
            }
            """);
    }
}
