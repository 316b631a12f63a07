namespace JaxNet.Backends.Cuda.Numerics;

internal static partial class DeviceMath
{
    /// <summary>
    /// C#'s <c>x % y</c> on doubles (C's fmod): x - n*y with n = trunc(x/y), which is always exactly representable.
    /// ILGPU's PTX backend has no implementation of the % operator on doubles. Computed exactly by shift-and-subtract
    /// long division on the 53-bit significands, one bit per step, so it needs no division and no rounding.
    /// </summary>
    public static double Fmod(double x, double y)
    {
        if (IsNaN(x) || IsNaN(y) || IsInfinity(x) || IsZero(y)) return FromBits(0x7FF8000000000000UL);
        if (IsInfinity(y) || IsZero(x)) return x;
        var negative = SignBit(x);
        var mx = Significand(x, out var ex);
        var my = Significand(y, out var ey);
        if (ex < ey || (ex == ey && mx < my)) return x;
        for (var n = ex - ey; n > 0; n--)
        {
            if (mx >= my) mx -= my;
            mx <<= 1;
        }
        if (mx >= my) mx -= my;
        if (mx == 0) return WithSign(0.0, negative);
        while (mx < 1UL << 52)
        {
            mx <<= 1;
            ey--;
        }
        // The remainder is smaller than |y|, so it is representable: a normal or an exact subnormal.
        var bits = ey >= -1022
            ? ((ulong)(ey + 1023) << 52) | (mx & MantissaMask)
            : mx >> (-1022 - ey);
        return WithSign(FromBits(bits), negative);
    }

    // The significand of a finite nonzero |x| as a 53-bit integer with its top bit at bit 52, and x's exponent.
    private static ulong Significand(double x, out int e)
    {
        var u = ToBits(x);
        var biased = (int)((u >> 52) & 0x7FF);
        var mantissa = u & MantissaMask;
        if (biased != 0)
        {
            e = biased - 1023;
            return mantissa | (1UL << 52);
        }
        var shift = LeadingZeros(mantissa) - 11;
        e = -1022 - shift;
        return mantissa << shift;
    }
}
