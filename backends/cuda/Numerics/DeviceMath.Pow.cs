namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// pow with C99's (and System.Math.Pow's) special cases, and cbrt. pow: |x|^y = e^(y ln|x|) with ln|x| in
/// double-double (absolute error near 2^-66), the product by y formed exactly, and e^(hi + lo) scaled in the
/// bits, so results near the overflow threshold and subnormal results stay within a few ulp. cbrt: Newton from
/// a bit-level estimate on the mantissa, the exponent divided exactly, the last step on an exact residual.
/// </summary>
internal static partial class DeviceMath
{
    /// <summary>x raised to the power y.</summary>
    public static double Pow(double x, double y)
    {
        if (IsZero(y) || x == 1.0) return 1.0;
        if (IsNaN(x) || IsNaN(y)) return double.NaN;
        var xNegative = SignBit(x);
        var xZero = IsZero(x);
        var ax = Math.Abs(x);
        if (IsInfinity(y))
        {
            if (ax == 1.0) return 1.0;
            return (ax > 1.0) == (y > 0.0) ? double.PositiveInfinity : 0.0;
        }
        var yInteger = Truncate(y) == y;
        var yOdd = yInteger && Math.Abs(y) < 9007199254740992.0 && Truncate(0.5 * y) != 0.5 * y;
        if (xNegative && !xZero && !yInteger && !IsInfinity(x)) return double.NaN;
        double r;
        if (xZero) r = y > 0.0 ? 0.0 : double.PositiveInfinity;
        else if (IsInfinity(x)) r = y > 0.0 ? double.PositiveInfinity : 0.0;
        else
        {
            var lHi = LogDoubleDouble(ax, out var lLo);
            var approx = y * lHi;
            if (approx > 720.0) r = double.PositiveInfinity;
            else if (approx < -760.0) r = 0.0;
            else
            {
                var pHi = TwoProduct(y, lHi, out var pLo);
                r = ExpDoubleDouble(pHi, pLo + y * lLo);
            }
        }
        return xNegative && yOdd ? -r : r;
    }

    /// <summary>Cube root, odd in x; exact for perfect cubes of moderate size.</summary>
    public static double Cbrt(double x)
    {
        if (IsNaNOrInfinity(x) || IsZero(x)) return x;
        var m = Frexp(x, out var e);
        // |x| = m' 2^(3q) with m' = m 2^(e - 3q) in [1, 8).
        var q = e >= 0 ? e / 3 : -((2 - e) / 3);
        m *= (double)(1 << (e - 3 * q));
        // Kahan's estimate: a third of the exponent bits plus a bias, good to about 5 bits.
        var y = FromBits(((ToBits(m) >> 32) / 3 + 715094163UL) << 32);
        for (var i = 0; i < 4; i++) y -= (y - m / (y * y)) / 3.0;
        // Last Newton step on the residual y^3 - m formed exactly, for a faithful result.
        var y2Hi = TwoProduct(y, y, out var y2Lo);
        var y3Hi = TwoProduct(y2Hi, y, out var y3Lo);
        var residual = ((y3Hi - m) + y3Lo) + y2Lo * y;
        y -= residual / (3.0 * y2Hi);
        return WithSign(Ldexp(y, q), SignBit(x));
    }
}
