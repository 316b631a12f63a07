using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 log1p and pow whose every lane depends on that lane's input alone (they were computed lane by lane).
/// Both stand on the table-driven log core (VectorMath.LogReduced.cs), log v as a double-double accurate to about
/// 2^-63 from a 16-entry table; an argument carried as a double-double (log1p's 1 + x, atanh's quotient) enters the
/// reduction whole. pow(x, y) is
/// e^(y log|x|) with y log|x| as a double-double into <see cref="ExpReduced"/>, so a result near e^700 is still
/// within about an ulp. Lanes pow cannot take in vector form (zero, subnormal, infinite or NaN operands, a negative
/// base with a non-integer exponent, results beyond e^±708) are computed one by one with Math.Pow. float32 pow has a lighter
/// float64 core of its own (VectorMath.Float32Pow.cs) and uses this routine for its special lanes; float32 log1p has its own (VectorMath.Float32Log1p.cs) and uses this one for its
/// special lanes. log1p measured against a double-double reference (tests/JaxNet.Backends.CpuSimd.Tests/LogCoreTests.cs):
/// at most 0.53 ulp over random magnitudes, every table-interval boundary, near 0 and near -1 (0.52 seen); pow within
/// 1 ulp of Math.Pow (ExpLogFamilyTests.cs, LogCoreTests.cs).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double PowExponentLimit = 708d;

    /// <summary>log(1 + x) = log(u + c) with u = 1 + x and c its exact rounding error; x's sign (so -0 stays -0).</summary>
    [MethodImpl(Inline)]
    public static TDouble Log1p(TDouble x)
    {
        var special = TLanes.OnesComplement(TLanes.BitwiseAnd(TLanes.GreaterThan(x, TLanes.Create(-1d)), TLanes.LessThan(x, TLanes.Create(double.PositiveInfinity))));
        var (u, c) = TwoSum(TLanes.One, TLanes.ConditionalSelect(special, TLanes.Zero, x));
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
        var zLo = TLanes.Add(TLanes.FusedMultiplyAdd(y, hi, TLanes.Negate(zHi)), TLanes.Multiply(y, lo));
        special = TLanes.BitwiseOr(special, TLanes.OnesComplement(TLanes.LessThanOrEqual(TLanes.Abs(zHi), TLanes.Create(PowExponentLimit))));
        var (n, q, qLo) = ExpReduced(TLanes.ConditionalSelect(special, TLanes.Zero, zHi), zLo);
        var result = ScaledExp(n, q, qLo);
        // An odd integer y is one whose half is not an integer (every float64 beyond 2^53 is even).
        var halfY = TLanes.Multiply(y, TLanes.Create(0.5));
        var odd = TLanes.BitwiseAnd(integer, TLanes.OnesComplement(TLanes.Equal(TLanes.Round(halfY), halfY)));
        result = TLanes.Xor(result, TLanes.BitwiseAnd(TLanes.BitwiseAnd(TLanes.LessThan(x, TLanes.Zero), odd), TLanes.Create(-0d)));
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, y, special, ScalarLaneFunction.Pow);
    }
}
