namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// asinh, acosh and atanh in float32 arithmetic for the single register class (see DeviceMath.Single.cs), in the
/// log1p forms that keep their accuracy near 0 and 1; large arguments take ln(2x) so that x^2 never overflows.
/// </summary>
internal static partial class DeviceMath
{
    private const float Ln2F = 0.693147182f;

    /// <summary>asinh x = log1p(a + a^2 / (1 + sqrt(1 + a^2))) with a = |x|; ln a + ln 2 above 4096 (the next term,
    /// 1/(4a^2), is below a float32 ulp of the result); x itself below 2^-12.</summary>
    public static float AsinhF(float x)
    {
        if (IsNaNF(x)) return x;
        var a = Math.Abs(x);
        if (a < 2.4414062e-4f) return x;
        var r = a > 4096f ? LogF(a) + Ln2F : Log1pF(a + a * a / (1f + MathF.Sqrt(1f + a * a)));
        return WithSignF(r, x);
    }

    /// <summary>acosh x = log1p(t + sqrt(2t + t^2)) with t = x - 1 (exact near 1); ln x + ln 2 above 4096. Below 1
    /// (and NaN) gives NaN.</summary>
    public static float AcoshF(float x)
    {
        if (!(x >= 1f)) return float.NaN;
        if (x > 4096f) return LogF(x) + Ln2F;
        var t = x - 1f;
        return Log1pF(t + MathF.Sqrt(2f * t + t * t));
    }

    /// <summary>atanh x = log1p(2a / (1 - a)) / 2 with a = |x| (1 - a exact from 1/2 up); +-1 give +-infinity,
    /// |x| &gt; 1 NaN, and x itself below 2^-12.</summary>
    public static float AtanhF(float x)
    {
        if (IsNaNF(x)) return x;
        var a = Math.Abs(x);
        if (a > 1f) return float.NaN;
        if (a < 2.4414062e-4f) return x;
        var r = a == 1f ? float.PositiveInfinity : 0.5f * Log1pF(2f * a / (1f - a));
        return WithSignF(r, x);
    }
}
