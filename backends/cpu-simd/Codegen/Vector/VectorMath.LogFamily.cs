using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 log1p and pow whose every lane depends on that lane's input alone (they were computed lane by lane).
/// Both stand on the table-driven log core (VectorMath.LogReduced.cs), log v as a double-double accurate to about
/// 2^-63 from a 16-entry table; an argument carried as a double-double (log1p's 1 + x, atanh's quotient) enters the
/// reduction whole. pow(x, y) is
/// e^(y log|x|) with y log|x| as a double-double into <see cref="ExpOfPair"/> (the exp2 table's 2^(j/16) e^y, where
/// it was e^r with |r| &lt;= ln 2/2 through expm1's degree-9 polynomial and a two-sum into 2^n), so a result near
/// e^700 is still within about an ulp. Lanes pow cannot take in vector form (zero, subnormal, infinite or NaN operands, a negative
/// base with a non-integer exponent, results beyond e^±708) are computed one by one with Math.Pow. float32 pow has a lighter
/// float64 core of its own (VectorMath.Float32Pow.cs) and uses this routine for its special lanes; float32 log1p has its own (VectorMath.Float32Log1p.cs) and uses this one for its
/// special lanes. log1p measured against a double-double reference (tests/JaxNet.Backends.CpuSimd.Tests/LogCoreTests.cs):
/// at most 0.53 ulp over random magnitudes, every table-interval boundary, near 0 and near -1 (0.52 seen); pow within
/// 1 ulp of Math.Pow (ExpLogFamilyTests.cs, LogCoreTests.cs) and, against a double-double reference (PowTests.cs), at
/// most 0.53 ulp over x in [0.1, 10] with y in [-300, 300] and x in [1e-300, 1e300] with |y| &lt;= 1 (0.523 seen), 0.52
/// at the exp2 table's rounding midpoints, 0.7 where |y log x| is within 18 of 708 (0.658 seen: the log core's
/// 2^-63 times 708). For x near 1 and a large y it grows with |y log x| the same way (0.89 seen at x = 0.98,
/// y log x = 359, before the exp2 table as after).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double PowExponentLimit = 708d;

    /// <summary>
    /// log(1 + x) = log(u + c) with u = 1 + x and c its rounding error; x's sign (so -0 stays -0). The fast two-sum
    /// (three operations fewer than Knuth's) is exact for |x| &lt;= 1 (Dekker's condition) and for x in [1, 2^53),
    /// where 1, x and u are multiples of x's last place, so u - 1 and x - (u - 1) are exact; above 2^53, c can miss
    /// the 1, which moves the log by at most 2^-53, a 64th of its ulp there. The special lanes (x &lt;= -1, +inf, NaN)
    /// run through the formulas too (no operation traps) and are replaced.
    /// </summary>
    [MethodImpl(Inline)]
    public static TDouble Log1p(TDouble x)
    {
        var special = TLanes.OnesComplement(TLanes.BitwiseAnd(TLanes.GreaterThan(x, TLanes.Create(-1d)), TLanes.LessThan(x, TLanes.Create(double.PositiveInfinity))));
        var (u, c) = FastTwoSum(TLanes.One, x);
        var (hi, lo) = LogOfPair(u, c);
        var result = TLanes.CopySign(TLanes.Add(hi, lo), x);
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, ScalarLaneFunction.Log1p);
    }

    /// <summary>x^y as e^(y log|x|), negated for a negative x and an odd integer y.</summary>
    [MethodImpl(Inline)]
    public static TDouble Pow(TDouble x, TDouble y)
    {
        var a = TLanes.Abs(x);
        var integer = TLanes.Equal(TLanes.Round(y), y);
        var special = TLanes.BitwiseOr(TLanes.OnesComplement(TLanes.BitwiseAnd(TLanes.BitwiseAnd(TLanes.GreaterThanOrEqual(a, TLanes.Create(SmallestNormal)), TLanes.LessThan(a, TLanes.Create(double.PositiveInfinity))), TLanes.LessThan(TLanes.Abs(y), TLanes.Create(double.PositiveInfinity)))), TLanes.AndNot(TLanes.LessThan(x, TLanes.Zero), integer));
        var (hi, lo) = LogReduced(TLanes.ConditionalSelect(special, TLanes.One, a));
        var zHi = TLanes.Multiply(y, hi);
        var zLo = TLanes.FusedMultiplyAdd(y, lo, TLanes.MultiplySubtract(y, hi, zHi));
        special = TLanes.BitwiseOr(special, TLanes.OnesComplement(TLanes.LessThanOrEqual(TLanes.Abs(zHi), TLanes.Create(PowExponentLimit))));
        var result = ExpOfPair(TLanes.ConditionalSelect(special, TLanes.Zero, zHi), zLo);
        // An odd integer y is one whose half is not an integer (every float64 beyond 2^53 is even).
        var halfY = TLanes.Multiply(y, TLanes.Create(0.5));
        var odd = TLanes.BitwiseAnd(integer, TLanes.OnesComplement(TLanes.Equal(TLanes.Round(halfY), halfY)));
        result = TLanes.Xor(result, TLanes.BitwiseAnd(TLanes.BitwiseAnd(TLanes.LessThan(x, TLanes.Zero), odd), TLanes.Create(-0d)));
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, y, special, ScalarLaneFunction.Pow);
    }
}
