namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// sin, cos, tan, atan, asin, acos and atan2 in float32 arithmetic for the single register class (see
/// DeviceMath.Single.cs): within a few float32 ulps of the float64 result, with no float64 instruction except the
/// exact float64 reduction that sin, cos and tan take beyond |x| = 8192.
/// </summary>
internal static partial class DeviceMath
{
    /// <summary>sin x in float32 (see <see cref="SinCosF"/>).</summary>
    public static float SinF(float x) => SinCosF(x, cosine: false);

    /// <summary>cos x in float32 (see <see cref="SinCosF"/>).</summary>
    public static float CosF(float x) => SinCosF(x, cosine: true);

    // pi/2 in four parts, the first three of 11 significant bits: for |k| <= 2^13 their products with k are exact, so
    // r = x - k pi/2 loses only the last product's rounding (below 1e-15).
    private const float PiOver2A = 1.5703125f;
    private const float PiOver2B = 4.837512969970703e-4f;
    private const float PiOver2C = 7.549533620476723e-8f;
    private const float PiOver2D = 2.563344068e-12f;

    /// <summary>
    /// sin or cos: x = k pi/2 + r with |r| &lt;= pi/4 (Cody-Waite, for |x| &lt;= 8192), then sin r or cos r by the
    /// quadrant. Larger |x| need more of pi's bits: those take the float64 function's exact reduction and round once.
    /// </summary>
    private static float SinCosF(float x, bool cosine)
    {
        if (IsNaNF(x)) return x;
        var a = Math.Abs(x);
        if (a == float.PositiveInfinity) return float.NaN;
        if (a > ReducibleF) return (float)(cosine ? Cos(x) : Sin(x));
        if (a < 2.4414062e-4f) return cosine ? 1f : x; // below 2^-12 the next term is under half an ulp; keeps -0
        var k = QuadrantsF(x);
        var r = ReduceF(x, k);
        var quadrant = ((int)k + (cosine ? 1 : 0)) & 3;
        var v = (quadrant & 1) == 0 ? SinReducedF(r) : CosReducedF(r);
        return (quadrant & 2) == 0 ? v : -v;
    }

    /// <summary>tan x = sin r / cos r, or -cos r / sin r in odd quadrants (same reduction as <see cref="SinCosF"/>).</summary>
    public static float TanF(float x)
    {
        if (IsNaNF(x)) return x;
        var a = Math.Abs(x);
        if (a == float.PositiveInfinity) return float.NaN;
        if (a > ReducibleF) return (float)Tan(x);
        if (a < 2.4414062e-4f) return x;
        var k = QuadrantsF(x);
        var r = ReduceF(x, k);
        var s = SinReducedF(r);
        var c = CosReducedF(r);
        return ((int)k & 1) == 0 ? s / c : -c / s;
    }

    private const float ReducibleF = 8192f;

    /// <summary>k, the multiple of pi/2 nearest x (|x| &lt;= 8192).</summary>
    private static float QuadrantsF(float x) => (x * 0.636619772f + RoundingShiftF) - RoundingShiftF;

    /// <summary>x - k pi/2, |result| &lt;= pi/4 (see the parts of pi/2 above).</summary>
    private static float ReduceF(float x, float k) => (((x - k * PiOver2A) - k * PiOver2B) - k * PiOver2C) - k * PiOver2D;

    /// <summary>sin r, |r| &lt;= pi/4: Taylor to degree 9 (truncation below 2e-9 relative).</summary>
    private static float SinReducedF(float r)
    {
        var z = r * r;
        return r + r * z * (-0.166666672f + z * (0.00833333377f + z * (-0.000198412701f + z * 2.75573188e-06f)));
    }

    /// <summary>cos r, |r| &lt;= pi/4: Taylor to degree 10 (truncation below 2e-10).</summary>
    private static float CosReducedF(float r)
    {
        var z = r * r;
        return 1f - 0.5f * z + z * z * (0.0416666679f + z * (-0.00138888892f + z * (2.48015876e-05f + z * -2.75573188e-07f)));
    }

    /// <summary>
    /// atan x: |x| &gt; 1 through pi/2 - atan(1/|x|); above tan(pi/8), pi/4 + atan((a - 1) / (a + 1)); then
    /// t P(t^2) for |t| &lt;= tan(pi/8) (a polynomial fitted here against atan, error 6e-10 relative).
    /// </summary>
    public static float AtanF(float x)
    {
        if (IsNaNF(x)) return x;
        var a = Math.Abs(x);
        if (a < 2.4414062e-4f) return x;
        var inverted = a > 1f;
        if (inverted) a = 1f / a;
        var shifted = a > 0.414213562f;
        var t = shifted ? (a - 1f) / (a + 1f) : a;
        var u = t * t * (2f / 0.171572875f) - 1f;
        var r = t * (0.972791818f + u * (-0.0259001955f + u * (0.00123358134f + u * (-6.97998945e-05f
            + u * (4.32461153e-06f + u * -2.80063038e-07f)))));
        if (shifted) r += 0.785398163f;
        if (inverted) r = 1.57079633f - r;
        return WithSignF(r, x);
    }

    /// <summary>asin x = atan(x / sqrt((1 - x)(1 + x))); 1 - x is exact near 1. |x| &gt; 1 gives NaN.</summary>
    public static float AsinF(float x)
    {
        if (Math.Abs(x) > 1f) return float.NaN;
        return AtanF(x / MathF.Sqrt((1f - x) * (1f + x)));
    }

    /// <summary>acos x = 2 atan(sqrt((1 - x) / (1 + x))), which keeps its accuracy near 1 (where pi/2 - asin x would
    /// cancel) and reaches pi at -1. |x| &gt; 1 gives NaN.</summary>
    public static float AcosF(float x)
    {
        if (Math.Abs(x) > 1f) return float.NaN;
        return 2f * AtanF(MathF.Sqrt((1f - x) / (1f + x)));
    }

    /// <summary>
    /// atan2(y, x), the angle of the point (x, y): atan of the smaller magnitude over the larger (a ratio in
    /// [0, 1], so no overflow), then pi/2 - that when |y| is the larger and pi - that when x is negative, with pi
    /// and pi/2 as float pairs. Zeros, infinities and their signs as IEEE 754's atan2.
    /// </summary>
    public static float Atan2F(float y, float x)
    {
        const float piHi = 3.14159274f, piLo = -8.742278e-8f, halfPiHi = 1.57079637f, halfPiLo = -4.371139e-8f;
        if (IsNaNF(x) || IsNaNF(y)) return float.NaN;
        var ay = Math.Abs(y);
        var ax = Math.Abs(x);
        var xNegative = (BitsF(x) >> 31) != 0; // -0 counts: atan2(0, -0) = pi
        float r;
        if (ay == 0f) r = xNegative ? piHi : 0f;
        else if (ax == float.PositiveInfinity)
            r = ay == float.PositiveInfinity ? (xNegative ? 2.3561945f : 0.7853982f) : (xNegative ? piHi : 0f);
        else if (ay == float.PositiveInfinity || ax == 0f) r = halfPiHi;
        else
        {
            r = ay <= ax ? AtanF(ay / ax) : (halfPiHi - AtanF(ax / ay)) + halfPiLo;
            if (xNegative) r = (piHi - r) + piLo;
        }
        return WithSignF(r, y);
    }
}
