namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// float32 sin, cos and tan with an argument reduction that is correct for every finite input (f16 and bf16 use
/// them too, as they compute in float). Drivers need only be accurate on [-pi, pi] (llvmpipe returns ±1 near
/// 1e38), so the shader reduces x to r in [-pi/4, pi/4] and a quadrant q itself: a four-part Cody-Waite
/// subtraction for |x| &lt;= 6000 (each q*Ci is exact for q &lt; 2^12), else a Payne-Hanek reduction in 32-bit
/// integer arithmetic against 224 bits of 2/pi. Then Cephes' minimax polynomials on [-pi/4, pi/4]. Errors stay
/// below 1e-7 absolute, also near the poles of tan. The reduction is <c>precise</c> so that no driver fuses or
/// reorders its cancelling subtractions.
/// </summary>
internal static class TrigHelpers
{
    public static string Sin(ShaderWriter w)
    {
        Reduce(w);
        Polynomials(w);
        return w.Helper("jx_sin", () =>
            $$"""
            float jx_sin(float x) {
                if (isnan(x) || isinf(x)) return {{FloatHelpers.Nan}};
                if (abs(x) < 0.000244140625) return x; // sin x rounds to x; keeps -0
                int q;
                float r = jx_trig_reduce(x, q);
                float v = (q & 1) != 0 ? jx_cos_poly(r) : jx_sin_poly(r);
                return (q & 2) != 0 ? -v : v;
            }
            """);
    }

    public static string Cos(ShaderWriter w)
    {
        Reduce(w);
        Polynomials(w);
        return w.Helper("jx_cos", () =>
            $$"""
            float jx_cos(float x) {
                if (isnan(x) || isinf(x)) return {{FloatHelpers.Nan}};
                int q;
                float r = jx_trig_reduce(x, q);
                float v = (q & 1) != 0 ? jx_sin_poly(r) : jx_cos_poly(r);
                return ((q + 1) & 2) != 0 ? -v : v;
            }
            """);
    }

    public static string Tan(ShaderWriter w)
    {
        Reduce(w);
        Polynomials(w);
        return w.Helper("jx_tan", () =>
            $$"""
            float jx_tan(float x) {
                if (isnan(x) || isinf(x)) return {{FloatHelpers.Nan}};
                if (abs(x) < 0.000244140625) return x;
                int q;
                float r = jx_trig_reduce(x, q);
                float t = jx_tan_poly(r);
                return (q & 1) != 0 ? -1.0 / t : t;
            }
            """);
    }

    // Cephes sinf/cosf/tanf polynomials, accurate to about 1 ulp on [-pi/4, pi/4].
    private static void Polynomials(ShaderWriter w) => w.Helper("jx_trig_poly", () =>
        """
        float jx_sin_poly(float r) { float z = r * r; return ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r; }
        float jx_cos_poly(float r) { float z = r * r; return ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0; }
        float jx_tan_poly(float r) {
            float z = r * r;
            return (((((9.38540185543e-3 * z + 3.11992232697e-3) * z + 2.44301354525e-2) * z + 5.34112807005e-2) * z
                + 1.33387994085e-1) * z + 3.33331568548e-1) * z * r + r;
        }
        """);

    /// <summary>x = q * pi/2 + r with |r| &lt;= pi/4 (a hair more where x * 2/pi rounds across a half).</summary>
    private static void Reduce(ShaderWriter w) => w.Helper("jx_trig_reduce", () =>
        """
        // 2/pi * 2^-2 in 32-bit words after a zero word, so the product below is in 2.62 fixed point.
        const uint jx_two_over_pi[9] = uint[9](0x00000000u, 0x28BE60DBu, 0x9391054Au, 0x7F09D5F4u, 0x7D4D3770u,
            0x36D8A566u, 0x4F10E410u, 0x7F9458EAu, 0xF7AEF158u);
        float jx_trig_reduce(float x, out int q) {
            float ax = abs(x);
            if (ax <= 0.78539816) { q = 0; return x; }
            if (ax <= 6000.0) {
                // pi/2 = C1 + C2 + C3 + C4 with 8, 12 and 12 significant bits in C1..C3: q * Ci is exact.
                precise float k = roundEven(x * 0.63661977236758134);
                precise float r = x - k * 1.5703125;
                r = r - k * 4.837512969970703e-4;
                r = r - k * 7.549533620476723e-8;
                r = r - k * 2.5633440682570896e-12;
                q = int(k);
                return r;
            }
            // Payne-Hanek: the 24-bit mantissa times the 96 bits of 2/pi that matter at this exponent.
            uint u = floatBitsToUint(x);
            uint m = ((u & 0x007FFFFFu) << 8) | 0x80000000u;
            int e = int((u >> 23) & 0xFFu) - 126;
            int i = e >> 5;
            e &= 31;
            uint hi = jx_two_over_pi[i], mid = jx_two_over_pi[i + 1], lo = jx_two_over_pi[i + 2];
            if (e != 0) {
                uint next = jx_two_over_pi[i + 3];
                hi = (hi << e) | (mid >> (32 - e));
                mid = (mid << e) | (lo >> (32 - e));
                lo = (lo << e) | (next >> (32 - e));
            }
            uint p1h, p1l, p2h, p2l;
            umulExtended(m, lo, p1h, p1l);
            umulExtended(m, mid, p2h, p2l);
            uint carry;
            uint bottom = uaddCarry(p2l, p1h, carry);
            uint top = m * hi + p2h + carry;
            // Integer part (mod 4) is the quadrant; round the 62-bit fraction to the nearest quadrant.
            int quadrant = int(top >> 30);
            top &= 0x3FFFFFFFu;
            if ((top & 0x20000000u) != 0u) { top |= 0xC0000000u; quadrant += 1; }
            bool negative = (top & 0x80000000u) != 0u;
            if (negative) { top = ~top; bottom = ~bottom + 1u; if (bottom == 0u) top += 1u; }
            int shift = 0;
            if (top == 0u) { top = bottom; bottom = 0u; shift = 32; }
            int lz = top == 0u ? 0 : 31 - findMSB(top); // zero only if the fraction is exactly 0
            if (lz > 0) { top = (top << lz) | (bottom >> (32 - lz)); bottom <<= lz; }
            shift += lz;
            // fraction = (top + bottom * 2^-32) * 2^(-30 - shift); times pi/2 = PIO2_HI + PIO2_LO.
            precise float a = float(top & 0xFFFFFF00u);
            precise float b = float(top & 0xFFu) + float(bottom) * 2.3283064365386963e-10;
            precise float r = a * 1.5707963705062866 + (a * -4.3711390001862426e-8 + b * 1.5707963705062866);
            r *= uintBitsToFloat(uint(97 - shift) << 23);
            if (negative) r = -r;
            if (x < 0.0) { r = -r; quadrant = -quadrant; }
            q = quadrant;
            return r;
        }
        """);
}
