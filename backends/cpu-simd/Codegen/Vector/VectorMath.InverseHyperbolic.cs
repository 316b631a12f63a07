using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// asinh, acosh and atanh in vector lanes (they were Math's lane by lane). asinh |x| = log(|x| + sqrt(x^2 + 1)) with the sum carried
/// as a double-double into <see cref="LogOfPair"/>: x^2 split exactly by an FMA, the root corrected by its residual,
/// which keeps about 2^-100 of the sum: the log is within an ulp. Below 1/8 the log's final roundings would cost an ulp
/// of a result near x (asinh of 1e-16 came out an ulp off x), so there x + x^3 P(x^2) with P asinh's Taylor series
/// (tiny and subnormal x come out as x). From 2^28 up x^2 + 1 is x^2 to the last bit, and the form log |x| + ln 2 avoids x^2's overflow. The sign is
/// x's (so -0 stays -0); infinite and NaN lanes are Math.Asinh's one by one (float32 has its own routines,
/// VectorMath.Float32InverseHyperbolic.cs). acosh x = log(x + sqrt(x^2 - 1)) the same way (x^2 - 1 is exact as a
/// double-double, so x just above 1 keeps its few bits), log x + ln 2 from 2^28 up; x &lt;= 1 (0 at 1, NaN below),
/// +inf and NaN lanes are
/// Math.Acosh's one by one. atanh |x| = log((1 + |x|) / (1 - |x|)) / 2, each sum exact as a double-double (two-sum) and the
/// quotient carried as a double-double into LogOfPair (one log and two divisions, where a log of each sum took six), below 1/8
/// its Taylor series for the same reason as asinh's; |x| >= 1 (±inf at ±1, NaN beyond) and NaN lanes are Math.Atanh's
/// one by one. Measured against a double-double reference (InverseHyperbolicTests.cs, LogCoreTests.cs): asinh, acosh and
/// atanh at most 0.53 ulp on the log core of VectorMath.LogReduced.cs (0.50 seen for asinh and atanh).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // Beyond it sqrt(x^2 + 1) and |x| agree to 2^-57 relatively: log(2|x|) is asinh |x| to well below an ulp.
    private const double LargeHyperbolicArgument = 268435456d; // 2^28
    private const double SmallHyperbolicArgument = 0.125;

    [MethodImpl(Inline)]
    public static TDouble Asinh(TDouble x)
    {
        var a = TLanes.Abs(x);
        var special = TLanes.OnesComplement(TLanes.LessThan(a, TLanes.Create(double.PositiveInfinity))); // NaN too
        var large = TLanes.AndNot(TLanes.GreaterThanOrEqual(a, TLanes.Create(LargeHyperbolicArgument)), special);
        var (sum, sumLo) = SumWithRoot(TLanes.ConditionalSelect(TLanes.BitwiseOr(large, special), TLanes.Zero, a), TLanes.One);
        var result = LogOfSum(TLanes.ConditionalSelect(large, a, sum), TLanes.ConditionalSelect(large, TLanes.Zero, sumLo), large);
        result = WithSeriesNearZero(x, a, PolynomialCoefficients.AsinhSmall, result);
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, ScalarLaneFunction.Asinh);
    }

    [MethodImpl(Inline)]
    public static TDouble Acosh(TDouble x)
    {
        var special = TLanes.OnesComplement(TLanes.BitwiseAnd(TLanes.GreaterThan(x, TLanes.One), TLanes.LessThan(x, TLanes.Create(double.PositiveInfinity))));
        var large = TLanes.AndNot(TLanes.GreaterThanOrEqual(x, TLanes.Create(LargeHyperbolicArgument)), special);
        var (sum, sumLo) = SumWithRoot(TLanes.ConditionalSelect(TLanes.BitwiseOr(large, special), TLanes.Create(2d), x), TLanes.Create(-1d));
        var result = LogOfSum(TLanes.ConditionalSelect(large, x, sum), TLanes.ConditionalSelect(large, TLanes.Zero, sumLo), large);
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, ScalarLaneFunction.Acosh);
    }

    [MethodImpl(Inline)]
    public static TDouble Atanh(TDouble x)
    {
        var a = TLanes.Abs(x);
        var special = TLanes.OnesComplement(TLanes.LessThan(a, TLanes.One)); // ±1, beyond, NaN
        // Fast two-sums: |a| < 1 in the lanes that are kept (the special ones run through and are replaced).
        var (up, upLo) = FastTwoSum(TLanes.One, a);
        var down = TLanes.Subtract(TLanes.One, a);
        var downLo = TLanes.Subtract(TLanes.Subtract(TLanes.One, down), a); // the fast two-sum of 1 and -a, negation-free
        // (1 + a) / (1 - a) as q + qLo: q from the reciprocal of 1 - a, what it misses from the FMA residual.
        var reciprocal = TLanes.Divide(TLanes.One, down);
        var q = TLanes.Multiply(up, reciprocal);
        var residual = TLanes.Add(TLanes.NegatedMultiplyAdd(q, down, up), TLanes.NegatedMultiplyAdd(q, downLo, upLo));
        var (hi, lo) = LogOfPair(q, TLanes.Multiply(residual, reciprocal));
        var result = TLanes.Multiply(TLanes.Add(hi, lo), TLanes.Create(0.5));
        result = WithSeriesNearZero(x, a, PolynomialCoefficients.AtanhSmall, result);
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, ScalarLaneFunction.Atanh);
    }

    /// <summary>x + x^3 P(x^2) where |x| &lt; 1/8, the result elsewhere, with x's sign (so -0 stays -0).</summary>
    [MethodImpl(Inline)]
    private static TDouble WithSeriesNearZero(TDouble x, TDouble a, ReadOnlySpan<double> coefficients, TDouble result)
    {
        var z = TLanes.Multiply(x, x);
        var series = TLanes.FusedMultiplyAdd(TLanes.Multiply(x, z), Horner(z, coefficients), x);
        return TLanes.CopySign(TLanes.ConditionalSelect(TLanes.LessThan(a, TLanes.Create(SmallHyperbolicArgument)), series, result), x);
    }

    /// <summary>a + sqrt(a^2 + c) as a normalized double-double, for a >= 0 below 2^28 and c = ±1 with a^2 + c > 0 (a > 1 for c = -1).</summary>
    [MethodImpl(Inline)]
    private static (TDouble Hi, TDouble Lo) SumWithRoot(TDouble a, TDouble c)
    {
        var square = TLanes.Multiply(a, a);
        var (radicand, radicandLo) = TwoSum(square, c);
        radicandLo = TLanes.Add(radicandLo, TLanes.FusedMultiplyAdd(a, a, TLanes.Negate(square)));
        var root = TLanes.Sqrt(radicand);
        var rootLo = TLanes.Divide(TLanes.Add(TLanes.FusedMultiplyAdd(TLanes.Negate(root), root, radicand), radicandLo), TLanes.Add(root, root));
        var (hi, lo) = TwoSum(a, root);
        // Renormalized: near acosh's 1 the root is small and its correction many ulps of the sum, more than the log
        // core takes as a tail.
        return FastTwoSum(hi, TLanes.Add(lo, rootLo));
    }

    /// <summary>log(v + vLo), plus ln 2 in the lanes marked <paramref name="withLn2"/>, for a positive normal finite v.</summary>
    [MethodImpl(Inline)]
    private static TDouble LogOfSum(TDouble v, TDouble vLo, TDouble withLn2)
    {
        // log 2v = log v + ln 2: one more in the exponent that the log core multiplies by ln 2.
        var (m, eAsDouble, index, eShifted) = SplitForLogTable(v);
        var (hi, lo) = LogFromTable(m, ScaledLikeM(vLo, eShifted), TLanes.Add(eAsDouble, TLanes.BitwiseAnd(withLn2, TLanes.One)), index);
        return TLanes.Add(hi, lo);
    }
}
