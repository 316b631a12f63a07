using System.Runtime.CompilerServices;

namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// A double-precision math library in plain C# that ILGPU compiles for PTX, where ILGPU 1.5.3 has no intrinsic
/// for Math.Exp/Log/Sin/... and miscompiles Math.Floor/Round/CopySign. Names and signatures follow
/// <see cref="System.Math"/> (a <c>using Math = ...DeviceMath;</c> alias switches code over), special values
/// (signed zeros, infinities, NaN, overflow and underflow thresholds) follow System.Math, subnormal arguments and
/// results are exact in the bits, and the elementary functions stay within a few ulp over their whole domain.
/// Only + - * /, comparisons, integer and bit operations, ILGPU.Interop bit casts, Math.Sqrt and Math.Abs are used:
/// no tables in arrays, no recursion, no exceptions, no allocation.
/// </summary>
/// <remarks>
/// ILGPU emits <c>mul.f64</c>/<c>add.f64</c> without a rounding modifier, which ptxas may contract into an FMA.
/// The error-free transformations here are written so that contraction cannot change their results: every
/// product that feeds an addition inside them is exact (see <see cref="TwoProduct"/>).
/// </remarks>
internal static partial class DeviceMath
{
    /// <summary>The double nearest pi.</summary>
    public const double PI = 3.141592653589793;

    /// <summary>The double nearest e.</summary>
    public const double E = 2.718281828459045;

    private const ulong SignMask = 0x8000000000000000UL;
    private const ulong ExponentMask = 0x7FF0000000000000UL;
    private const ulong MantissaMask = 0x000FFFFFFFFFFFFFUL;
    private const ulong OneBits = 0x3FF0000000000000UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ToBits(double x) => ILGPU.Interop.FloatAsInt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FromBits(ulong bits) => ILGPU.Interop.IntAsFloat(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNaN(double x) => (ToBits(x) & ~SignMask) > ExponentMask;

    /// <summary>True for NaN and both infinities.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNaNOrInfinity(double x) => (ToBits(x) & ExponentMask) == ExponentMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsInfinity(double x) => (ToBits(x) & ~SignMask) == ExponentMask;

    /// <summary>The sign bit, so -0 and NaNs with the sign set count as negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SignBit(double x) => (ToBits(x) & SignMask) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsZero(double x) => (ToBits(x) & ~SignMask) == 0;

    /// <summary>|x| with the sign bit set when <paramref name="negative"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double WithSign(double x, bool negative) =>
        FromBits((ToBits(x) & ~SignMask) | (negative ? SignMask : 0UL));

    /// <summary>2^n for -1022 &lt;= n &lt;= 1023, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Pow2(int n) => FromBits((ulong)(n + 1023) << 52);

    /// <summary>Leading zero bits of a nonzero 64-bit word (a branch ladder: PTX has clz but ILGPU needs no intrinsic).</summary>
    private static int LeadingZeros(ulong v)
    {
        var n = 0;
        if ((v >> 32) == 0) { n += 32; v <<= 32; }
        if ((v >> 48) == 0) { n += 16; v <<= 16; }
        if ((v >> 56) == 0) { n += 8; v <<= 8; }
        if ((v >> 60) == 0) { n += 4; v <<= 4; }
        if ((v >> 62) == 0) { n += 2; v <<= 2; }
        if ((v >> 63) == 0) n += 1;
        return n;
    }

    /// <summary>
    /// |x| = m * 2^e with m in [1, 2) for finite nonzero x; subnormals are normalised in integer arithmetic, so
    /// their exponent is exact and no subnormal value meets floating-point arithmetic.
    /// </summary>
    private static double Frexp(double x, out int e)
    {
        var u = ToBits(x);
        var biased = (int)((u >> 52) & 0x7FF);
        var mantissa = u & MantissaMask;
        if (biased == 0)
        {
            var shift = LeadingZeros(mantissa) - 11;
            mantissa = (mantissa << shift) & MantissaMask;
            biased = 1 - shift;
        }
        e = biased - 1023;
        return FromBits(mantissa | OneBits);
    }

    /// <summary>
    /// m * 2^k for a normal m: overflows to a signed infinity, and a subnormal result is rounded to nearest even
    /// from m's 53 bits (one rounding, as a correctly scaled result would be). Zero, subnormal, inf and NaN m pass.
    /// </summary>
    private static double Ldexp(double m, int k)
    {
        var u = ToBits(m);
        var sign = u & SignMask;
        var biased = (int)((u >> 52) & 0x7FF);
        if (biased == 0 || biased == 2047) return m;
        biased += k;
        if (biased >= 2047) return FromBits(sign | ExponentMask);
        if (biased >= 1) return FromBits((u & ~ExponentMask) | ((ulong)biased << 52));
        var shift = 1 - biased;
        if (shift > 54) return FromBits(sign);
        var mantissa = (u & MantissaMask) | (1UL << 52);
        var q = mantissa >> shift;
        var rest = mantissa - (q << shift);
        var half = 1UL << (shift - 1);
        // A carry into bit 52 yields the smallest normal, which is the correct rounding.
        if (rest > half || (rest == half && (q & 1) != 0)) q++;
        return FromBits(sign | q);
    }
}
