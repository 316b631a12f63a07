namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>System.Math's ScaleB and Round(double), built on the bit helpers.</summary>
internal static partial class DeviceMath
{
    /// <summary>x 2^n, rounded once (subnormal results to nearest even), as System.Math.ScaleB.</summary>
    public static double ScaleB(double x, int n)
    {
        if (IsNaNOrInfinity(x) || IsZero(x)) return x;
        var m = Frexp(x, out var e);
        // Clamped so that e + n cannot overflow; beyond +-2200 every result is already inf or zero.
        var k = n > 2200 ? 2200 : n < -2200 ? -2200 : n;
        return WithSign(Ldexp(m, e + k), SignBit(x));
    }

    /// <summary>Nearest integer, halves to even (System.Math.Round(double)).</summary>
    public static double Round(double x) => RoundHalfEven(x);
}
