namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// x^y in float32 arithmetic only. x^y = 2^(y log2 x), and an error e in y log2 x becomes a relative error of
/// e ln 2 in the result: y log2 x reaches about 150 before the result overflows or underflows, so log2 x must be
/// good to about 2^-33 of itself, beyond float32's 2^-24. It is computed as an unevaluated pair of floats (hi + lo,
/// about 44 bits), the product with y as another pair, and only the fraction left after taking out the integer
/// part of the exponent is rounded to one float before 2^f is evaluated.
/// </summary>
internal static partial class DeviceMath
{
    // 2/ln 2 and 2/(3 ln 2) as float pairs: log2 m = (2/ln 2) atanh s = C s + (C/3) s^3 + (C/5) s^5 + ...
    private const float TwoOverLn2Hi = 2.88539f;
    private const float TwoOverLn2Lo = 3.851926e-08f;
    private const float TwoOverThreeLn2Hi = 0.9617967f;
    private const float TwoOverThreeLn2Lo = -7.028462e-09f;

    /// <summary>
    /// x^y. An integer y from -2 to 4 (x * x, a variance, a cubic, 1 / x^2) is binary powering, at most three
    /// products or two and a reciprocal (within 2 ulps; x^2 is correctly rounded); larger powers would lose about
    /// n/2 ulps. The
    /// rest goes through 2^(y log2 |x|) with log2 in double-float: within 2 float32 ulps of the exact result. The
    /// special cases follow IEEE 754's pow.
    /// </summary>
    public static float PowF(float x, float y)
    {
        if (y == 0f || x == 1f) return 1f;
        if (IsNaNF(x) || IsNaNF(y)) return float.NaN;
        var integer = TruncateF(y) == y;
        if (integer && y >= -2f && y <= 4f && BinaryPowerF(x, (int)y) is var powered && IsNormalF(powered)) return powered;
        // y odd (floats of magnitude 2^24 and above are even), so that a negative x gives a negative result.
        var odd = integer && Math.Abs(y) < 16777216f && ((int)y & 1) != 0;
        if (x < 0f && x != float.NegativeInfinity && !integer) return float.NaN;
        var a = Math.Abs(x);
        float magnitude;
        if (float.IsInfinity(y))
            magnitude = a == 1f ? 1f : (a > 1f) == (y > 0f) ? float.PositiveInfinity : 0f;
        else if (a == 0f)
            magnitude = y < 0f ? float.PositiveInfinity : 0f;
        else if (a == float.PositiveInfinity)
            magnitude = y < 0f ? 0f : float.PositiveInfinity;
        else
            magnitude = Exp2PairF(y, Log2PairF(a, out var logLo), logLo);
        return odd && (BitsF(x) >> 31) != 0 ? -magnitude : magnitude; // -0 too
    }

    private static bool IsNormalF(float x)
    {
        var m = Math.Abs(x);
        return m >= 1.17549435e-38f && m <= float.MaxValue;
    }

    /// <summary>x^n by squaring, for n from -2 to 4; negative n through the reciprocal (checked by the caller for
    /// results that are not normal, where the reciprocal could lose a representable value).</summary>
    private static float BinaryPowerF(float x, int n)
    {
        var k = Math.Abs(n);
        var result = 1f;
        var square = x;
        while (k != 0)
        {
            if ((k & 1) != 0) result *= square;
            square *= square;
            k >>= 1;
        }
        return n < 0 ? 1f / result : result;
    }

    /// <summary>
    /// log2 a = hi + lo for a finite a &gt; 0 (subnormals too), to about 2^-44 relative: a = m 2^e with m in
    /// [sqrt(1/2), sqrt(2)), s = (m - 1) / (m + 1) as a pair, log2 m = C s + (C/3) s^3 + ... with |s| &lt;= 0.172.
    /// The first two terms are pairs; the rest (below 2^-16 of the total) are plain floats.
    /// </summary>
    private static float Log2PairF(float a, out float lo)
    {
        var m = SplitExponentF(a, out var e);
        var f = m - 1f; // exact
        var dHi = 2f + f;
        var dLo = (2f - dHi) + f; // exact: 2 + f = dHi + dLo
        var sHi = f / dHi;
        var pHi = TwoProductF(sHi, dHi, out var pLo);
        var sLo = ((f - pHi) - pLo - sHi * dLo) / dHi;

        var s2Hi = TwoProductF(sHi, sHi, out var s2Lo);
        s2Lo += 2f * sHi * sLo;
        var s3Hi = TwoProductF(s2Hi, sHi, out var s3Lo);
        s3Lo += s2Hi * sLo + s2Lo * sHi;
        var z = s2Hi;
        var rest = z * (0.57707804f + z * (0.41219857f + z * (0.3205989f + z * (0.26230818f + z * 0.22195308f))));
        var cubicHi = TwoProductF(s3Hi, TwoOverThreeLn2Hi, out var cubicLo);
        cubicLo += s3Hi * (TwoOverThreeLn2Lo + rest) + s3Lo * TwoOverThreeLn2Hi;

        var linearHi = TwoProductF(sHi, TwoOverLn2Hi, out var linearLo);
        linearLo += sHi * TwoOverLn2Lo + sLo * TwoOverLn2Hi;

        // e + linear + cubic, largest first: |linear| <= 0.5 and |cubic| <= 0.005, e an integer.
        var hi = FastTwoSumF(linearHi, cubicHi, out var err);
        var sum = TwoSumF(e, hi, out var err2);
        return FastTwoSumF(sum, err2 + err + linearLo + cubicLo, out lo);
    }

    /// <summary>2^(y (hi + lo)): the product as a pair, 2^k for its nearest integer k, and 2^f for the rest, |f| &lt;= 1/2.</summary>
    private static float Exp2PairF(float y, float logHi, float logLo)
    {
        // Decided before the pair product, whose partial products would overflow first.
        var estimate = y * logHi;
        if (estimate > 129f) return float.PositiveInfinity;
        if (estimate < -151f) return 0f;
        var zHi = TwoProductF(y, logHi, out var zLo);
        zLo += y * logLo;
        var k = (zHi + RoundingShiftF) - RoundingShiftF;
        var fraction = (zHi - k) + zLo; // zHi - k is exact
        return ScaledExpF(fraction * 0.6931472f, (int)k);
    }

    /// <summary>hi + lo = a * b exactly (no overflow or underflow), as <see cref="TwoProduct"/> does it for doubles:
    /// a and b split by masking their low 12 mantissa bits, so every partial product is exact and contraction into
    /// an FMA cannot change a sum it enters.</summary>
    private static float TwoProductF(float a, float b, out float lo)
    {
        var ah = FromBitsF(BitsF(a) & 0xFFFFF000u);
        var al = a - ah;
        var bh = FromBitsF(BitsF(b) & 0xFFFFF000u);
        var bl = b - bh;
        var mid = TwoSumF(ah * bl, al * bh, out var midLo);
        var hi = TwoSumF(ah * bh, mid, out var err);
        lo = err + (midLo + al * bl);
        return FastTwoSumF(hi, lo, out lo);
    }

    private static float TwoSumF(float a, float b, out float lo)
    {
        var hi = a + b;
        var bb = hi - a;
        lo = (a - (hi - bb)) + (b - bb);
        return hi;
    }

    private static float FastTwoSumF(float a, float b, out float lo)
    {
        var hi = a + b;
        lo = b - (hi - a);
        return hi;
    }
}
