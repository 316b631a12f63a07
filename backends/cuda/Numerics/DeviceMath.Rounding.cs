namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// Rounding to integers, CopySign, Max and Min, in the bits or with exact arithmetic (ILGPU 1.5.3's PTX backend
/// has no Math.Truncate/Round, returned Floor's input unchanged, and swaps CopySign's arguments). Results follow
/// System.Math: signed zeros kept (Ceiling(-0.5) = -0), NaN and infinities passed through.
/// </summary>
internal static partial class DeviceMath
{
    /// <summary>x rounded toward zero: the fraction bits below the binary point cleared.</summary>
    public static double Truncate(double x)
    {
        var u = ToBits(x);
        var biased = (int)((u >> 52) & 0x7FF);
        if (biased >= 1075) return x; // already an integer, or inf/NaN
        if (biased < 1023) return FromBits(u & SignMask); // |x| < 1
        return FromBits(u & ~(MantissaMask >> (biased - 1023)));
    }

    /// <summary>The largest integer not above x.</summary>
    public static double Floor(double x)
    {
        var t = Truncate(x);
        return x < t ? t - 1.0 : t;
    }

    /// <summary>The smallest integer not below x.</summary>
    public static double Ceiling(double x)
    {
        var t = Truncate(x);
        return x > t ? t + 1.0 : t;
    }

    /// <summary>Nearest integer, halves away from zero (Math.Round with MidpointRounding.AwayFromZero).</summary>
    public static double RoundHalfAway(double x)
    {
        var a = Math.Abs(x);
        var t = Truncate(a);
        if (a - t >= 0.5) t += 1.0; // a - t is exact
        return WithSign(t, SignBit(x));
    }

    /// <summary>Nearest integer, halves to even (Math.Round's default).</summary>
    public static double RoundHalfEven(double x)
    {
        var a = Math.Abs(x);
        var t = Truncate(a);
        var d = a - t; // exact
        if (d > 0.5 || (d == 0.5 && Truncate(0.5 * t) != 0.5 * t)) t += 1.0;
        return WithSign(t, SignBit(x));
    }

    /// <summary>|x| with the sign of y (sign bit copied, NaN's included).</summary>
    public static double CopySign(double x, double y) => FromBits((ToBits(x) & ~SignMask) | (ToBits(y) & SignMask));

    /// <summary>The larger of two values: NaN if either is NaN, and +0 over -0 (as System.Math.Max).</summary>
    public static double Max(double x, double y)
    {
        if (x != y) return IsNaN(x) ? x : (y < x ? x : y);
        return SignBit(y) ? x : y;
    }

    /// <summary>The smaller of two values: NaN if either is NaN, and -0 over +0 (as System.Math.Min).</summary>
    public static double Min(double x, double y)
    {
        if (x != y) return IsNaN(x) ? x : (x < y ? x : y);
        return SignBit(x) ? x : y;
    }
}
