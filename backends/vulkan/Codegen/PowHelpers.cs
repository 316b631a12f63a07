namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// float32 pow with C99's special cases, accurate up to the overflow threshold. t = y * log2|x| is carried as
/// a double-float (hi + lo, about 44 bits): log2 of the mantissa through 2 atanh(s) with s = f / (2 + f) refined
/// by one Newton step, the exponent added exactly, and the product by y split with Dekker's algorithm. Then
/// 2^t = 2^frac * 2^n with n = round(t), scaled in two exact steps, so results just below FLT_MAX stay finite
/// and those that round past it become inf. Exponent and mantissa come from the bits, so subnormal x (which
/// llvmpipe flushes to zero in arithmetic) keep their value; signs and zero tests read the bits for the same
/// reason. Every double-float step is <c>precise</c>: fusing or reordering would destroy the error terms.
/// </summary>
internal static class PowHelpers
{
    public static string Pow(ShaderWriter w)
    {
        Log2DoubleFloat(w);
        return w.Helper("jx_pow", () =>
            $$"""
            float jx_pow(float x, float y) {
                uint ux = floatBitsToUint(x), uy = floatBitsToUint(y);
                if ((uy & 0x7FFFFFFFu) == 0u || x == 1.0) return 1.0;
                if (y == 1.0) return x;
                if (isnan(x) || isnan(y)) return {{FloatHelpers.Nan}};
                bool xNegative = (ux & 0x80000000u) != 0u;
                bool xZero = (ux & 0x7FFFFFFFu) == 0u;
                bool yInt = floor(y) == y;
                bool yOdd = yInt && abs(y) < 16777216.0 && mod(y, 2.0) == 1.0;
                float ax = uintBitsToFloat(ux & 0x7FFFFFFFu);
                if (isinf(y)) return ax == 1.0 ? 1.0 : ((ax > 1.0) == (y > 0.0) ? {{FloatHelpers.Inf}} : 0.0);
                if (xNegative && !xZero && !yInt && !isinf(x)) return {{FloatHelpers.Nan}};
                float r;
                if (xZero) r = y > 0.0 ? 0.0 : {{FloatHelpers.Inf}};
                else if (isinf(ax)) r = y > 0.0 ? {{FloatHelpers.Inf}} : 0.0;
                else r = jx_exp2_df(jx_df_mul(y, jx_log2_df(ax)));
                return xNegative && yOdd ? -r : r;
            }
            """);
    }

    private static void Log2DoubleFloat(ShaderWriter w) => w.Helper("jx_log2_df", () =>
        $$"""
        vec2 jx_df_two_sum(float a, float b) {
            precise float s = a + b;
            precise float bb = s - a;
            precise float err = (a - (s - bb)) + (b - bb);
            return vec2(s, err);
        }
        vec2 jx_df_two_prod(float a, float b) {
            precise float p = a * b;
            precise float ca = 4097.0 * a;
            precise float ah = ca - (ca - a);
            precise float al = a - ah;
            precise float cb = 4097.0 * b;
            precise float bh = cb - (cb - b);
            precise float bl = b - bh;
            precise float err = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
            return vec2(p, err);
        }
        // log2 of a positive finite x (subnormals too) as hi + lo.
        vec2 jx_log2_df(float x) {
            uint u = floatBitsToUint(x);
            int e = int(u >> 23);
            if (e == 0) { int s = 23 - findMSB(u); u <<= s; e = 1 - s; }
            float m = uintBitsToFloat((u & 0x007FFFFFu) | 0x3F800000u);
            e -= 127;
            if (m > 1.41421356) { m *= 0.5; e += 1; }
            precise float f = m - 1.0; // exact (Sterbenz)
            // ln m = 2 atanh(s), s = f / (2 + f): s as hi + lo, the odd series tail in float (|s| < 0.172).
            vec2 d = jx_df_two_sum(2.0, f);
            precise float sh = f / d.x;
            vec2 p = jx_df_two_prod(sh, d.x);
            precise float sl = (((f - p.x) - p.y) - sh * d.y) / d.x;
            float s2 = sh * sh;
            float tail = sh * s2 * (0.6666666666666667 + s2 * (0.4 + s2 * (0.2857142857142857 + s2 * (0.2222222222222222
                + s2 * (0.1818181818181818 + s2 * 0.1538461538461538)))));
            vec2 ln = jx_df_two_sum(2.0 * sh, 2.0 * sl + tail);
            // times log2(e) = 1.4426950216293335 + 1.9259629911266175e-8
            vec2 l2 = jx_df_two_prod(ln.x, 1.4426950216293335);
            precise float l2lo = l2.y + (ln.x * 1.9259629911266175e-8 + ln.y * 1.4426950216293335);
            vec2 sum = jx_df_two_sum(float(e), l2.x);
            precise float lo = sum.y + l2lo;
            return jx_df_two_sum(sum.x, lo);
        }
        // y * (hi + lo) as hi + lo. Past |512| (far outside exp2's range) or for log2 = 0 the float product decides,
        // which also keeps Dekker's split of a huge y from overflowing.
        vec2 jx_df_mul(float y, vec2 a) {
            float approx = y * a.x;
            if (a.x == 0.0 || abs(approx) > 512.0) return vec2(approx, 0.0);
            vec2 p = jx_df_two_prod(y, a.x);
            precise float lo = p.y + y * a.y;
            return jx_df_two_sum(p.x, lo);
        }
        // 2^(hi + lo), correctly overflowing to inf and underflowing to 0.
        float jx_exp2_df(vec2 t) {
            if (t.x >= 129.0) return {{FloatHelpers.Inf}};
            if (t.x <= -151.0) return 0.0;
            float n = roundEven(t.x);
            precise float frac = (t.x - n) + t.y;
            int k = int(n), k1 = k / 2;
            precise float r = exp2(frac) * uintBitsToFloat(uint(k1 + 127) << 23);
            return r * uintBitsToFloat(uint(k - k1 + 127) << 23);
        }
        """);
}
