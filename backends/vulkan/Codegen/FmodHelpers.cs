namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// C's fmod (the kernel IR's float <c>rem</c>) computed exactly on the bit patterns, like musl's fmodf: the
/// mantissas are normalised (subnormals included), reduced by binary long division, and the result is rebuilt
/// with the dividend's sign, so an exact zero is ±0 and a subnormal result is exact. Float arithmetic cannot do
/// this on drivers that flush subnormals (llvmpipe). float64 uses pairs of 32-bit words, so it needs no Int64.
/// </summary>
internal static class FmodHelpers
{
    /// <summary>The helper for the GLSL register type <paramref name="type"/> (float or double); returns its name.</summary>
    public static string Fmod(ShaderWriter w, string type) => type == "double" ? Double(w) : Float(w);

    private static string Float(ShaderWriter w) => w.Helper("jx_fmod_float", () =>
        $$"""
        // Mantissa with its leading one at bit 23; e becomes the (possibly negative) biased exponent.
        uint jx_fmod_mantissa(uint u, inout int e) {
            if (e != 0) return (u & 0x007FFFFFu) | 0x00800000u;
            int s = 23 - findMSB(u);
            e = 1 - s;
            return u << s;
        }
        float jx_fmod_float(float x, float y) {
            uint ux = floatBitsToUint(x), uy = floatBitsToUint(y) & 0x7FFFFFFFu;
            uint sign = ux & 0x80000000u;
            ux &= 0x7FFFFFFFu;
            if (ux >= 0x7F800000u || uy > 0x7F800000u || uy == 0u) return {{FloatHelpers.Nan}};
            if (ux <= uy) return ux == uy ? uintBitsToFloat(sign) : x; // |x| < |y| (y = inf too): x itself
            int ex = int(ux >> 23), ey = int(uy >> 23);
            uint mx = jx_fmod_mantissa(ux, ex), my = jx_fmod_mantissa(uy, ey);
            for (; ex > ey; ex--) {
                if (mx >= my) { mx -= my; if (mx == 0u) return uintBitsToFloat(sign); }
                mx <<= 1;
            }
            if (mx >= my) { mx -= my; if (mx == 0u) return uintBitsToFloat(sign); }
            int s = 23 - findMSB(mx);
            mx <<= s;
            ex -= s;
            // The result is a multiple of y's ulp, so a subnormal result loses no bits in this shift.
            uint r = ex > 0 ? (mx & 0x007FFFFFu) | (uint(ex) << 23) : mx >> (1 - ex);
            return uintBitsToFloat(r | sign);
        }
        """);

    private static string Double(ShaderWriter w)
    {
        U64(w);
        return w.Helper("jx_fmod_double", () =>
            """
            uvec2 jx_fmod_mantissa64(uvec2 u, inout int e) {
                if (e != 0) return uvec2(u.x, (u.y & 0x000FFFFFu) | 0x00100000u);
                int s = 52 - jx_u64_msb(u);
                e = 1 - s;
                return jx_u64_shl(u, s);
            }
            double jx_fmod_double(double x, double y) {
                uvec2 ux = unpackDouble2x32(x), uy = unpackDouble2x32(y);
                uint sign = ux.y & 0x80000000u;
                ux.y &= 0x7FFFFFFFu;
                uy.y &= 0x7FFFFFFFu;
                double signedZero = packDouble2x32(uvec2(0u, sign));
                if (ux.y >= 0x7FF00000u || jx_u64_gt(uy, uvec2(0u, 0x7FF00000u)) || (uy.x | uy.y) == 0u)
                    return packDouble2x32(uvec2(0u, 0x7FF80000u));
                if (!jx_u64_gt(ux, uy)) return ux == uy ? signedZero : x;
                int ex = int(ux.y >> 20), ey = int(uy.y >> 20);
                uvec2 mx = jx_fmod_mantissa64(ux, ex), my = jx_fmod_mantissa64(uy, ey);
                for (; ex > ey; ex--) {
                    if (!jx_u64_gt(my, mx)) { mx = jx_u64_sub(mx, my); if ((mx.x | mx.y) == 0u) return signedZero; }
                    mx = jx_u64_shl(mx, 1);
                }
                if (!jx_u64_gt(my, mx)) { mx = jx_u64_sub(mx, my); if ((mx.x | mx.y) == 0u) return signedZero; }
                int s = 52 - jx_u64_msb(mx);
                mx = jx_u64_shl(mx, s);
                ex -= s;
                if (ex > 0) mx.y = (mx.y & 0x000FFFFFu) | (uint(ex) << 20);
                else mx = jx_u64_shr(mx, 1 - ex);
                mx.y |= sign;
                return packDouble2x32(mx);
            }
            """);
    }

    /// <summary>64-bit unsigned helpers on (low, high) word pairs; shift counts in [0, 63].</summary>
    internal static void U64(ShaderWriter w) => w.Helper("jx_u64", () =>
        """
        bool jx_u64_gt(uvec2 a, uvec2 b) { return a.y > b.y || (a.y == b.y && a.x > b.x); }
        uvec2 jx_u64_sub(uvec2 a, uvec2 b) { uint borrow; uint lo = usubBorrow(a.x, b.x, borrow); return uvec2(lo, a.y - b.y - borrow); }
        int jx_u64_msb(uvec2 a) { return a.y != 0u ? 32 + findMSB(a.y) : findMSB(a.x); }
        uvec2 jx_u64_shl(uvec2 a, int n) {
            if (n == 0) return a;
            if (n >= 32) return uvec2(0u, a.x << (n - 32));
            return uvec2(a.x << n, (a.y << n) | (a.x >> (32 - n)));
        }
        uvec2 jx_u64_shr(uvec2 a, int n) {
            if (n == 0) return a;
            if (n >= 32) return uvec2(a.y >> (n - 32), 0u);
            return uvec2((a.x >> n) | (a.y << (32 - n)), a.y >> n);
        }
        """);
}
