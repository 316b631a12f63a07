namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// Float32 versions of the functions float32, float16 and bfloat16 kernels use (exp, log, log1p, expm1, tanh, the
/// logistic function, sinh, cosh, cbrt, rounding, max and min here; the trig functions and atan2 in
/// DeviceMath.SingleTrig.cs, the inverse hyperbolic ones in DeviceMath.SingleInverseHyperbolic.cs, erf and erfinv in
/// DeviceMath.SingleSpecial.cs, pow in DeviceMath.SinglePow.cs), in float32 arithmetic only: a float32 kernel with
/// these needs no float64 instruction, which consumer GPUs run at 1/32 or 1/64 of the float32 rate. Each is within a
/// few float32 ulps of the exact result (the conformance bound for transcendentals is about 30); lgamma and digamma
/// evaluate the float64 versions and round once (ScalarOps).
/// </summary>
internal static partial class DeviceMath
{
    // ln 2 split so that k * Ln2HiF is exact for |k| < 2^9: Ln2HiF has 16 significant bits.
    private const float Ln2HiF = 0.693145751953125f;
    private const float Ln2LoF = 1.42860677e-6f;
    private const float Log2EF = 1.44269504f;

    // Adding then subtracting 1.5 * 2^23 rounds a float32 of magnitude below 2^22 to an integer (nearest even).
    private const float RoundingShiftF = 12582912f;

    private static uint BitsF(float x) => ILGPU.Interop.FloatAsInt(x);

    private static float FromBitsF(uint bits) => ILGPU.Interop.IntAsFloat(bits);

    private static bool IsNaNF(float x) => (BitsF(x) & 0x7FFFFFFFu) > 0x7F800000u;

    /// <summary>2^n for n in [-126, 127], built in the exponent bits.</summary>
    private static float Pow2F(int n) => FromBitsF((uint)(n + 127) << 23);

    /// <summary>e^x: x = k ln2 + r, |r| &lt;= ln2/2 (see <see cref="ScaledExpF"/>).</summary>
    public static float ExpF(float x)
    {
        if (IsNaNF(x)) return x;
        if (x > 88.72284f) return float.PositiveInfinity;
        if (x < -104f) return 0f;
        var k = (x * Log2EF + RoundingShiftF) - RoundingShiftF;
        return ScaledExpF((x - k * Ln2HiF) - k * Ln2LoF, (int)k);
    }

    /// <summary>2^x: x = k + f, |f| &lt;= 1/2 (exact), 2^f = e^(f ln2).</summary>
    public static float Exp2F(float x)
    {
        if (IsNaNF(x)) return x;
        if (x >= 128f) return float.PositiveInfinity;
        if (x < -150f) return 0f;
        var k = (x + RoundingShiftF) - RoundingShiftF;
        return ScaledExpF((x - k) * 0.693147182f, (int)k);
    }

    /// <summary>e^r 2^n for |r| &lt;= 0.35: e^r to degree 7 (truncation 6e-9 relative), scaled in two halves so that
    /// both factors stay normal from the float32 overflow down to its smallest subnormal result.</summary>
    private static float ScaledExpF(float r, int n)
    {
        var p = 1f + (r + r * r * (0.5f + r * (0.16666667f + r * (0.041666668f + r * (0.008333334f
            + r * (0.0013888889f + r * 0.0001984127f))))));
        var half = n >> 1;
        return p * Pow2F(half) * Pow2F(n - half);
    }

    /// <summary>sinh x = (t + t / (t + 1)) / 2 with t = e^|x| - 1 (no cancellation near 0); beyond 88, where e^x
    /// overflows before sinh does, (e^(x/2) / 2) e^(x/2).</summary>
    public static float SinhF(float x)
    {
        if (IsNaNF(x)) return x;
        var a = Math.Abs(x);
        if (a < 2.4414062e-4f) return x;
        float r;
        if (a > 88f)
        {
            var h = ExpF(0.5f * a);
            r = 0.5f * h * h;
        }
        else
        {
            var t = Expm1F(a);
            r = 0.5f * (t + t / (t + 1f));
        }
        return WithSignF(r, x);
    }

    /// <summary>cosh x = (e^|x| + e^-|x|) / 2; beyond 88 as <see cref="SinhF"/>.</summary>
    public static float CoshF(float x)
    {
        if (IsNaNF(x)) return x;
        var a = Math.Abs(x);
        if (a > 88f)
        {
            var h = ExpF(0.5f * a);
            return 0.5f * h * h;
        }
        var e = ExpF(a);
        return 0.5f * (e + 1f / e);
    }

    /// <summary>ln x: x = m 2^e with m in [sqrt(1/2), sqrt(2)), f = m - 1 (exact), s = f / (2 + f), and
    /// ln m = 2 atanh(s) = f - s f + s z (2/3 + 2z/5 + ...), z = s^2 &lt; 0.03: the correction s f is small against f,
    /// so the result keeps f's accuracy near 1.</summary>
    public static float LogF(float x)
    {
        if (IsNaNF(x)) return x;
        if (x < 0f) return float.NaN;
        if (x == 0f) return float.NegativeInfinity;
        if (x == float.PositiveInfinity) return x;
        var m = SplitExponentF(x, out var e);
        var f = m - 1f;
        var s = f / (2f + f);
        var z = s * s;
        var series = s * z * (0.6666667f + z * (0.4f + z * (0.2857143f + z * 0.22222222f)));
        return e * Ln2HiF + (f - (s * f - (series + e * Ln2LoF)));
    }

    /// <summary>x = m 2^e with m in [sqrt(1/2), sqrt(2)), for a finite x &gt; 0, subnormals included.</summary>
    private static float SplitExponentF(float x, out int e)
    {
        var bits = BitsF(x);
        var biased = (int)(bits >> 23);
        if (biased == 0)
        {
            // A subnormal: scale by 2^23 (exact) so that its exponent is in the bits.
            bits = BitsF(x * 8388608f);
            biased = (int)(bits >> 23) - 23;
        }
        e = biased - 127;
        var m = FromBitsF((bits & 0x7FFFFFu) | 0x3F800000u);
        if (m > 1.41421356f)
        {
            m *= 0.5f;
            e += 1;
        }
        return m;
    }

    /// <summary>log(1 + x): Kahan's trick, log(u) x / (u - 1) with u = 1 + x, cancels the rounding of u.</summary>
    public static float Log1pF(float x)
    {
        var u = 1f + x;
        if (u == 1f) return x;
        if (IsNaNF(u) || u <= 0f || u == float.PositiveInfinity) return LogF(u);
        return LogF(u) * (x / (u - 1f));
    }

    /// <summary>e^x - 1: its Taylor series to degree 11 for |x| &lt; 0.7 (truncation below 1e-9 relative), e^x - 1
    /// elsewhere, where the subtraction loses at most a bit.</summary>
    public static float Expm1F(float x)
    {
        if (x == 0f || IsNaNF(x)) return x; // keeps -0
        if (Math.Abs(x) >= 0.7f) return ExpF(x) - 1f;
        return x + x * x * (0.5f + x * (0.16666667f + x * (0.041666668f + x * (0.008333334f + x * (0.0013888889f
            + x * (0.0001984127f + x * (2.4801588e-5f + x * (2.7557319e-6f + x * (2.7557319e-7f
            + x * 2.5052108e-8f)))))))));
    }

    /// <summary>tanh x = t / (t + 2) with t = e^(2|x|) - 1; x itself below 2^-12 (the cubic term is below half an
    /// ulp), and 1 from 9.5 (1 - tanh 9.5 is below half an ulp of 1).</summary>
    public static float TanhF(float x)
    {
        if (IsNaNF(x)) return x;
        var a = Math.Abs(x);
        if (a < 2.4414062e-4f) return x;
        float r;
        if (a >= 9.5f) r = 1f;
        else
        {
            var t = Expm1F(2f * a);
            r = t / (t + 2f);
        }
        return x < 0f ? -r : r;
    }

    /// <summary>1 / (1 + e^-x) through t = e^-|x| &lt;= 1, so one exp serves both signs and never overflows:
    /// 1 / (1 + t) for x &gt;= 0, t / (1 + t) below (NaN falls to the second, and stays NaN).</summary>
    public static float LogisticF(float x)
    {
        var t = ExpF(-Math.Abs(x));
        return (x >= 0f ? 1f : t) / (1f + t);
    }

    /// <summary>The real cube root: an estimate from the exponent bits (within 4%), then three Newton steps
    /// y = (2y + a / y^2) / 3, each squaring the relative error; subnormals are scaled by 2^24 first (exact).</summary>
    public static float CbrtF(float x)
    {
        if (IsNaNF(x) || x == 0f || Math.Abs(x) == float.PositiveInfinity) return x;
        var a = Math.Abs(x);
        var scale = 1f;
        if (a < 1.17549435e-38f)
        {
            a *= 16777216f;
            scale = 0.00390625f; // 2^-8, the cube root of 2^-24
        }
        var y = FromBitsF(BitsF(a) / 3 + 0x2A555555u);
        y = (2f * y + a / (y * y)) * 0.333333343f;
        y = (2f * y + a / (y * y)) * 0.333333343f;
        y = (2f * y + a / (y * y)) * 0.333333343f;
        return WithSignF(y * scale, x);
    }

    /// <summary>x rounded toward zero: the fraction bits below the binary point cleared.</summary>
    public static float TruncateF(float x)
    {
        var u = BitsF(x);
        var biased = (int)((u >> 23) & 0xFF);
        if (biased >= 150) return x; // already an integer, or inf/NaN
        if (biased < 127) return FromBitsF(u & 0x80000000u); // |x| < 1
        return FromBitsF(u & ~(0x7FFFFFu >> (biased - 127)));
    }

    public static float FloorF(float x)
    {
        var t = TruncateF(x);
        return x < t ? t - 1f : t;
    }

    public static float CeilingF(float x)
    {
        var t = TruncateF(x);
        return x > t ? t + 1f : t;
    }

    /// <summary>Nearest integer, halves away from zero; the sign of x kept (so -0.4 gives -0).</summary>
    public static float RoundHalfAwayF(float x)
    {
        var a = Math.Abs(x);
        var t = TruncateF(a);
        if (a - t >= 0.5f) t += 1f; // a - t is exact
        return WithSignF(t, x);
    }

    /// <summary>Nearest integer, halves to even; the sign of x kept.</summary>
    public static float RoundHalfEvenF(float x)
    {
        var a = Math.Abs(x);
        var t = TruncateF(a);
        var d = a - t; // exact
        if (d > 0.5f || (d == 0.5f && TruncateF(0.5f * t) != 0.5f * t)) t += 1f;
        return WithSignF(t, x);
    }

    /// <summary>The larger of two values: NaN if either is NaN, and +0 over -0 (as System.Math.Max).</summary>
    public static float MaxF(float x, float y)
    {
        if (IsNaNF(x) || IsNaNF(y)) return float.NaN;
        if (x != y) return y < x ? x : y;
        return FromBitsF(BitsF(x) & BitsF(y));
    }

    /// <summary>The smaller of two values: NaN if either is NaN, and -0 over +0 (as System.Math.Min).</summary>
    public static float MinF(float x, float y)
    {
        if (IsNaNF(x) || IsNaNF(y)) return float.NaN;
        if (x != y) return x < y ? x : y;
        return FromBitsF(BitsF(x) | BitsF(y));
    }

    private static float WithSignF(float magnitude, float signOf) =>
        FromBitsF((BitsF(magnitude) & 0x7FFFFFFFu) | (BitsF(signOf) & 0x80000000u));
}
