using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 atan, atan2, asin and acos whose every lane depends on that lane's input alone (they were computed lane by
/// lane with Math). All four are <see cref="Angle"/>, the angle of the point (x, |y|): b = min / max of |x| and |y|
/// in [0, 1], c = k/4 nearest to b, atan b = atan c + atan t with t = (b - c) / (1 + b c) in [-1/8, 1/8] and
/// atan t = t + t^3 P(t^2), P a degree-7 minimax polynomial fitted for these routines (relative error 2^-61); then
/// pi/2 - that when |y| &gt; |x| and pi - that when x is negative, the constants and the partial results kept as
/// double-doubles so only the last addition rounds. asin x = atan2(x, sqrt(1 - x^2)), acos x = atan2(sqrt(1 - x^2), x)
/// with sqrt(1 - x^2) as a double-double. atan2 with both operands zero or both infinite, and NaN lanes, are Math's.
/// float32 has its own, in float32 lanes (VectorMath.Float32InverseTrigonometry.cs). Measured against Math
/// (InverseTrigonometryTests.cs).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double HalfPiHi = 1.5707963267948966;
    private const double HalfPiLo = 6.123233995736766e-17;
    private const double PiHi = 3.141592653589793;
    private const double PiLo = 1.2246467991473532e-16;

    [MethodImpl(Inline)]
    public static TDouble Atan(TDouble x) =>
        TLanes.CopySign(SumOf(AngleUpToRight(TLanes.Abs(x), TLanes.Zero, TLanes.One, TLanes.Zero)), x);

    [MethodImpl(Inline)]
    public static TDouble Atan2(TDouble y, TDouble x)
    {
        var ay = TLanes.Abs(y);
        var ax = TLanes.Abs(x);
        var special = TLanes.BitwiseOr(TLanes.BitwiseOr(TLanes.BitwiseAnd(TLanes.Equal(ax, ay), TLanes.BitwiseOr(TLanes.Equal(ax, TLanes.Zero), TLanes.Equal(ax, TLanes.Create(double.PositiveInfinity)))), TLanes.OnesComplement(TLanes.Equal(x, x))), TLanes.OnesComplement(TLanes.Equal(y, y)));
        var result = TLanes.CopySign(Angle(ay, TLanes.Zero, x, TLanes.Zero), y);
        return TLanes.NoneSet(special) ? result : OneByOne(result, y, x, special, ScalarLaneFunction.Atan2);
    }

    [MethodImpl(Inline)]
    public static TDouble Asin(TDouble x)
    {
        var (root, rootLo) = SqrtOneMinusSquare(x);
        return TLanes.CopySign(Angle(TLanes.Abs(x), TLanes.Zero, root, rootLo), x);
    }

    [MethodImpl(Inline)]
    public static TDouble Acos(TDouble x)
    {
        var (root, rootLo) = SqrtOneMinusSquare(x);
        return Angle(root, rootLo, x, TLanes.Zero);
    }

    /// <summary>sqrt(1 - x^2) as root + rootLo: 1 - x^2 exactly as a double-double, the root's residual by an FMA.</summary>
    [MethodImpl(Inline)]
    private static (TDouble Root, TDouble RootLo) SqrtOneMinusSquare(TDouble x)
    {
        var square = TLanes.Multiply(x, x);
        var (w, wLo) = TwoSum(TLanes.One, TLanes.Negate(square));
        wLo = TLanes.Subtract(wLo, TLanes.FusedMultiplyAdd(x, x, TLanes.Negate(square)));
        var root = TLanes.Sqrt(w);
        return (root, TLanes.Divide(TLanes.Add(TLanes.FusedMultiplyAdd(TLanes.Negate(root), root, w), wLo), TLanes.Add(root, root)));
    }

    /// <summary>
    /// The angle in [0, pi] of (x + xLo, ay + ayLo) for ay &gt;= 0, not both zero nor both infinite; NaN in, NaN out
    /// (the comparisons that pick a branch are false for NaN, and the NaN reaches the quotient). The quotient's
    /// rounding and the low parts enter as atan(b + bLo) = atan b + bLo / (1 + b^2).
    /// </summary>
    [MethodImpl(Inline)]
    private static TDouble Angle(TDouble ay, TDouble ayLo, TDouble x, TDouble xLo)
    {
        var (hi, lo) = AngleUpToRight(ay, ayLo, x, xLo);
        var negative = TLanes.LessThan(TLanes.AsInt64(x), TLanes.Create(0L)); // -0 too: atan2(+0, -0) = pi
        var (mirrored, mirroredLo) = Subtract(PiHi, PiLo, hi, lo);
        return TLanes.ConditionalSelect(negative, TLanes.Add(mirrored, mirroredLo), SumOf((hi, lo)));
    }

    /// <summary>
    /// The angle in [0, pi/2] of (|x + xLo|, ay + ayLo) as hi + lo: <see cref="Angle"/> before its mirroring for a
    /// negative x. atan calls it directly (its x is 1): the JIT does not see through the generic lanes that the
    /// mirroring would be discarded, and computing it anyway cost atan a tenth of its time.
    /// </summary>
    [MethodImpl(Inline)]
    private static (TDouble Hi, TDouble Lo) AngleUpToRight(TDouble ay, TDouble ayLo, TDouble x, TDouble xLo)
    {
        var ax = TLanes.Abs(x);
        var axLo = TLanes.Xor(xLo, TLanes.BitwiseAnd(x, TLanes.Create(-0d))); // the low part of |x + xLo|
        var steep = TLanes.GreaterThan(ay, ax);
        var numerator = TLanes.ConditionalSelect(steep, ax, ay);
        var denominator = TLanes.ConditionalSelect(steep, ay, ax);
        var b = TLanes.Divide(numerator, denominator);
        var residual = TLanes.Add(TLanes.FusedMultiplyAdd(TLanes.Negate(b), denominator, numerator), TLanes.FusedMultiplyAdd(TLanes.Negate(b), TLanes.ConditionalSelect(steep, ayLo, axLo), TLanes.ConditionalSelect(steep, axLo, ayLo)));
        var bLo = TLanes.Divide(residual, TLanes.FusedMultiplyAdd(TLanes.Multiply(denominator, b), b, denominator));
        var (hi, lo) = AtanOfUnit(b);
        lo = TLanes.Add(lo, TLanes.ConditionalSelect(TLanes.Equal(bLo, bLo), bLo, TLanes.Zero)); // NaN where the denominator is infinite
        var (flipped, flippedLo) = Subtract(HalfPiHi, HalfPiLo, hi, lo);
        hi = TLanes.ConditionalSelect(steep, flipped, hi);
        lo = TLanes.ConditionalSelect(steep, flippedLo, lo);
        return (hi, lo);
    }

    [MethodImpl(Inline)]
    private static TDouble SumOf((TDouble Hi, TDouble Lo) pair) => TLanes.Add(pair.Hi, pair.Lo);

    /// <summary>(cHi + cLo) - (hi + lo) as a pair: cHi - hi is split exactly (|cHi| &gt;= |hi| here), the rest adds the low parts.</summary>
    [MethodImpl(Inline)]
    private static (TDouble Hi, TDouble Lo) Subtract(double cHi, double cLo, TDouble hi, TDouble lo)
    {
        var c = TLanes.Create(cHi);
        var difference = TLanes.Subtract(c, hi);
        return (difference, TLanes.Add(TLanes.Subtract(TLanes.Subtract(c, difference), hi), TLanes.Subtract(TLanes.Create(cLo), lo)));
    }

    /// <summary>atan b for b in [0, 1] as hi + lo (lo not normalized): atan(k/4) from a double-double table plus atan t.</summary>
    [MethodImpl(Inline)]
    private static (TDouble Hi, TDouble Lo) AtanOfUnit(TDouble b)
    {
        var k = TLanes.Subtract(TLanes.FusedMultiplyAdd(b, TLanes.Create(4d), TLanes.Create(RoundingShift)), TLanes.Create(RoundingShift));
        var c = TLanes.Multiply(k, TLanes.Create(0.25));
        var t = TLanes.Divide(TLanes.Subtract(b, c), TLanes.FusedMultiplyAdd(b, c, TLanes.One)); // b - c is exact
        var z = TLanes.Multiply(t, t);
        var atanT = TLanes.FusedMultiplyAdd(TLanes.Multiply(t, z), AtanPolynomial(z), t);
        var hi = TLanes.Zero;
        var lo = TLanes.Zero;
        ReadOnlySpan<double> his = [0.24497866312686414, 0.4636476090008061, 0.6435011087932844, 0.7853981633974483];
        ReadOnlySpan<double> los = [1.0698755618734451e-17, 2.2698777452961687e-17, 1.5834785051444286e-17, 3.061616997868383e-17];
        for (var i = 0; i < 4; i++)
        {
            var at = TLanes.Equal(k, TLanes.Create(i + 1d));
            hi = TLanes.ConditionalSelect(at, TLanes.Create(his[i]), hi);
            lo = TLanes.ConditionalSelect(at, TLanes.Create(los[i]), lo);
        }
        return (hi, TLanes.Add(lo, atanT));
    }

    /// <summary>(atan t - t) / t^3 in z = t^2 for |t| &lt;= 1/8 (minimax: PolynomialCoefficients).</summary>
    [MethodImpl(Inline)]
    private static TDouble AtanPolynomial(TDouble z) =>
        Horner(z, PolynomialCoefficients.Atan);
}
