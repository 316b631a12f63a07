using System.Runtime.CompilerServices;

namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>Error-free transformations: sums and products as an unevaluated pair hi + lo.</summary>
internal static partial class DeviceMath
{
    /// <summary>Knuth's two-sum: hi = fl(a + b), lo = (a + b) - hi exactly, for any finite a and b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoSum(double a, double b, out double lo)
    {
        var hi = a + b;
        var bb = hi - a;
        lo = (a - (hi - bb)) + (b - bb);
        return hi;
    }

    /// <summary>hi + lo = a + b exactly when |a| &gt;= |b| (or a = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FastTwoSum(double a, double b, out double lo)
    {
        var hi = a + b;
        lo = b - (hi - a);
        return hi;
    }

    /// <summary>
    /// hi + lo = a * b to about 2^-104 relative, for finite a and b (no overflow of the parts). The operands are
    /// split by masking the low 27 mantissa bits (not Veltkamp's a * (2^27 + 1), which FMA contraction would
    /// change), so the partial products ah*bh, ah*bl and al*bh are exact and contraction cannot alter any sum
    /// they enter; only al*bl (at most 54 bits) rounds, far below the result's 106 bits.
    /// </summary>
    private static double TwoProduct(double a, double b, out double lo)
    {
        const ulong keepHigh = 0xFFFFFFFFF8000000UL;
        var ah = FromBits(ToBits(a) & keepHigh);
        var al = a - ah;
        var bh = FromBits(ToBits(b) & keepHigh);
        var bl = b - bh;
        var mid = TwoSum(ah * bl, al * bh, out var midLo);
        var hi = TwoSum(ah * bh, mid, out var err);
        lo = err + (midLo + al * bl);
        return FastTwoSum(hi, lo, out lo);
    }
}
