namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// Argument reduction for sin, cos and tan: finite x = q pi/2 + (rHi + rLo) with |rHi| &lt;= pi/4 (a hair more
/// where x 2/pi rounds across a half) and rHi + rLo accurate to far below an ulp of rHi, for every double.
/// Below 2^20, Cody-Waite with pi/2 in four parts (33 + 33 + 33 + 53 bits, so k times each of the first three
/// is exact) and the differences kept in double-double. From 2^20 on, Payne-Hanek: the 53-bit mantissa times
/// 192 bits of 2/pi taken at its exponent, in 64-bit integer arithmetic; 128 fraction bits survive, and the
/// worst case over all doubles (x 2/pi within 2^-61 of an integer) leaves more than 64 of them significant.
/// </summary>
internal static partial class DeviceMath
{
    private const double PiOver2 = 1.5707963267948966;
    private const double PiOver2Tail = 6.123233995736766e-17;
    private const double PiOver4 = 0.7853981633974483;
    private const double TwoOverPi = 0.6366197723675814;

    private const double PiOver2Part1 = 1.5707963267341256;
    private const double PiOver2Part2 = 6.077100506303966e-11;
    private const double PiOver2Part3 = 2.0222662487111665e-21;
    private const double PiOver2Part4 = 8.478427660368898e-32;

    /// <summary>Reduces finite x; the returned quadrant is only meaningful modulo 4.</summary>
    private static double ReduceQuadrant(double x, out double rLo, out int quadrant)
    {
        var ax = Math.Abs(x);
        if (ax <= PiOver4)
        {
            rLo = 0.0;
            quadrant = 0;
            return x;
        }
        if (ax >= 1048576.0) return ReduceLarge(x, out rLo, out quadrant);
        var k = (x * TwoOverPi + RoundingShift) - RoundingShift;
        quadrant = (int)k;
        var hi = TwoSum(x, -(k * PiOver2Part1), out var lo);
        hi = TwoSum(hi, -(k * PiOver2Part2), out var err2);
        hi = TwoSum(hi, -(k * PiOver2Part3), out var err3);
        lo += err2 + err3 - k * PiOver2Part4;
        return TwoSum(hi, lo, out rLo);
    }

    /// <summary>Payne-Hanek for |x| &gt;= 2^20.</summary>
    private static double ReduceLarge(double x, out double rLo, out int quadrant)
    {
        var u = ToBits(x);
        // |x| = M 2^s with a 53-bit integer M. Bit j of 2/pi (weight 2^-j) adds M 2^(s-j), a multiple of 4
        // when j <= s - 2, so only the bits from j0 = max(s - 1, 1) on matter; the 192 of them from j0 suffice.
        var s = (int)((u >> 52) & 0x7FF) - 1075;
        var mantissa = (u & MantissaMask) | (1UL << 52);
        var j0 = s - 1 > 1 ? s - 1 : 1;
        var word = (j0 - 1) >> 6;
        var offset = (j0 - 1) & 63;
        var w2 = TwoOverPiWindow(word, offset);
        var w1 = TwoOverPiWindow(word + 1, offset);
        var w0 = TwoOverPiWindow(word + 2, offset);

        // P = M * (w2:w1:w0), 245 bits in p3:p2:p1:p0.
        var l0 = MultiplyFull(mantissa, w0, out var h0);
        var l1 = MultiplyFull(mantissa, w1, out var h1);
        var l2 = MultiplyFull(mantissa, w2, out var h2);
        var p0 = l0;
        var p1 = h0 + l1;
        var c1 = p1 < h0 ? 1UL : 0UL;
        var t = h1 + l2;
        var c2 = t < h1 ? 1UL : 0UL;
        var p2 = t + c1;
        if (p2 < t) c2++;
        var p3 = h2 + c2;

        // x 2/pi = P 2^(s - j0 - 191): the binary point sits above bit pb of P.
        var pb = j0 + 191 - s;
        quadrant = (int)(BitsAt(p0, p1, p2, p3, pb) & 3);
        var fHi = BitsAt(p0, p1, p2, p3, pb - 64);
        var fLo = BitsAt(p0, p1, p2, p3, pb - 128);
        var negative = (fHi >> 63) != 0;
        if (negative)
        {
            // A fraction f >= 1/2 stands for f - 1 in the next quadrant: negate the 128-bit two's complement.
            quadrant++;
            fHi = ~fHi;
            fLo = ~fLo + 1;
            if (fLo == 0) fHi++;
        }

        // The fraction (fHi:fLo) 2^-128 as a double-double, normalised by its leading zeros.
        double rHi;
        if ((fHi | fLo) == 0)
        {
            rHi = 0.0;
            rLo = 0.0;
        }
        else
        {
            var lz = fHi != 0 ? LeadingZeros(fHi) : 64 + LeadingZeros(fLo);
            ulong nHi, nLo;
            if (lz >= 64) { nHi = fLo << (lz - 64); nLo = 0; }
            else if (lz == 0) { nHi = fHi; nLo = fLo; }
            else { nHi = (fHi << lz) | (fLo >> (64 - lz)); nLo = fLo << lz; }
            var fracHi = (double)(nHi >> 11) * Pow2(-53 - lz);
            var fracLo = ((double)(nHi & 0x7FF) * 18446744073709551616.0 + (double)nLo) * Pow2(-128 - lz);
            // r = fraction * pi/2 in double-double.
            rHi = TwoProduct(fracHi, PiOver2, out var prodLo);
            prodLo += fracHi * PiOver2Tail + fracLo * PiOver2;
            rHi = FastTwoSum(rHi, prodLo, out rLo);
        }
        if (negative) { rHi = -rHi; rLo = -rLo; }
        if (x < 0.0) { rHi = -rHi; rLo = -rLo; quadrant = -quadrant; }
        return rHi;
    }

    /// <summary>The full 128-bit product a * b: returns the low 64 bits, the high 64 in <paramref name="hi"/>.</summary>
    private static ulong MultiplyFull(ulong a, ulong b, out ulong hi)
    {
        var a0 = a & 0xFFFFFFFFUL;
        var a1 = a >> 32;
        var b0 = b & 0xFFFFFFFFUL;
        var b1 = b >> 32;
        var p00 = a0 * b0;
        var p01 = a0 * b1;
        var p10 = a1 * b0;
        var p11 = a1 * b1;
        var mid = (p00 >> 32) + (p01 & 0xFFFFFFFFUL) + (p10 & 0xFFFFFFFFUL);
        hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
        return (mid << 32) | (p00 & 0xFFFFFFFFUL);
    }

    /// <summary>The 64 bits of the 256-bit number p3:p2:p1:p0 whose lowest is bit <paramref name="position"/> (0 &lt;= position &lt; 256).</summary>
    private static ulong BitsAt(ulong p0, ulong p1, ulong p2, ulong p3, int position)
    {
        var index = position >> 6;
        var offset = position & 63;
        var low = index == 0 ? p0 : index == 1 ? p1 : index == 2 ? p2 : p3;
        var high = index == 0 ? p1 : index == 1 ? p2 : index == 2 ? p3 : 0UL;
        // Shifts by 64 differ between C# (count masked) and PTX (clamped), so offset 0 is its own case.
        return offset == 0 ? low : (low >> offset) | (high << (64 - offset));
    }

    /// <summary>64 bits of 2/pi's fraction starting <paramref name="offset"/> bits into word <paramref name="word"/>.</summary>
    private static ulong TwoOverPiWindow(int word, int offset)
    {
        var a = TwoOverPiWord(word);
        return offset == 0 ? a : (a << offset) | (TwoOverPiWord(word + 1) >> (64 - offset));
    }

    /// <summary>
    /// Bits 64i+1 .. 64i+64 of the fraction of 2/pi (2/pi &lt; 1), most significant first; 1408 bits cover the
    /// largest exponent. Computed exactly from pi by Machin's formula in big-integer arithmetic (the same bits as
    /// the Vulkan backend's DoubleConstants.TwoOverPiWords). A switch, not an array: kernels cannot hold tables.
    /// </summary>
    private static ulong TwoOverPiWord(int i)
    {
        switch (i)
        {
            case 0: return 0xA2F9836E4E441529UL;
            case 1: return 0xFC2757D1F534DDC0UL;
            case 2: return 0xDB6295993C439041UL;
            case 3: return 0xFE5163ABDEBBC561UL;
            case 4: return 0xB7246E3A424DD2E0UL;
            case 5: return 0x06492EEA09D1921CUL;
            case 6: return 0xFE1DEB1CB129A73EUL;
            case 7: return 0xE88235F52EBB4484UL;
            case 8: return 0xE99C7026B45F7E41UL;
            case 9: return 0x3991D639835339F4UL;
            case 10: return 0x9C845F8BBDF9283BUL;
            case 11: return 0x1FF897FFDE05980FUL;
            case 12: return 0xEF2F118B5A0A6D1FUL;
            case 13: return 0x6D367ECF27CB09B7UL;
            case 14: return 0x4F463F669E5FEA2DUL;
            case 15: return 0x7527BAC7EBE5F17BUL;
            case 16: return 0x3D0739F78A5292EAUL;
            case 17: return 0x6BFB5FB11F8D5D08UL;
            case 18: return 0x56033046FC7B6BABUL;
            case 19: return 0xF0CFBC209AF4361DUL;
            case 20: return 0xA9E391615EE61B08UL;
            default: return 0x6599855F14A06840UL;
        }
    }
}
