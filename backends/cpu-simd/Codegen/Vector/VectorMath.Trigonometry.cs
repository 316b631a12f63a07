using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// sin, cos and tan whose every lane depends on that lane's input alone (.NET's vector sin and cos switch the whole
/// vector to another routine when one lane is large or NaN, or when all are small, so a lane's bits changed with its
/// neighbours, and <see cref="Scalar.VectorLane"/> needs the bits a lone value gets).
/// <para>
/// float64: |x| = k pi/2 + r by Cody-Waite with pi/2 in three parts and FMA, r kept as a double-double (r, rr) so
/// that arguments next to a multiple of pi/2 keep their precision; sin r = r + r^3 S(r^2) and
/// cos r = 1 - r^2/2 + r^4 C(r^2) with degree-5 minimax polynomials on |r| &lt;= pi/4 (fitted for these routines by a
/// Remez exchange: weighted error 2^-58 for sin, 2^-64 for cos). k mod 4 picks sin or cos and the sign, and the odd
/// functions take x's sign back (so sin(-0) = -0); tan is sin r / cos r, or -cos r / sin r in odd quadrants.
/// float32 sin, cos and tan past 2^18 (below it they run in float32 lanes: VectorMath.Float32Trigonometry.cs)
/// run in float64 lanes with a two-part reduction, then round: sin and cos
/// reduce by pi (cos by odd multiples of pi/2) into one degree-11 polynomial for sin on |r| &lt;= pi/2 (2^-43), tan
/// by pi/2 into degree-3 polynomials for sin and cos (2^-37 and 2^-43).
/// </para>
/// Lanes beyond 2^30, infinite or NaN are computed one by one with Math's (which reduces any size exactly), so they
/// too depend on their value alone. Measured against Math (tests/JaxNet.Backends.CpuSimd.Tests/TrigonometryTests.cs):
/// float64 sin and cos within 1 ulp, tan within 2; float32 sin, cos and tan past 2^18 within 0.501 ulp of the exact
/// value.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // Up to here k is exact and the reduction keeps its precision (Math takes the rest).
    private const double TrigonometryLimit = 1073741824d; // 2^30

    // The float32 sin and cos reduce by pi (and by pi/2: PiHi, PiLo, HalfPiHi, HalfPiLo in VectorMath.InverseTrigonometry.cs).
    private const double InversePi = 0.3183098861837907;

    [MethodImpl(Inline)]
    public static TDouble Sin(TDouble x)
    {
        var result = SinOf(SinCosOfReduced(x, out var large), x);
        return TLanes.NoneSet(large) ? result : OneByOne(result, x, large, ScalarLaneFunction.Sin);
    }

    [MethodImpl(Inline)]
    public static TDouble Cos(TDouble x)
    {
        var result = CosOf(SinCosOfReduced(x, out var large));
        return TLanes.NoneSet(large) ? result : OneByOne(result, x, large, ScalarLaneFunction.Cos);
    }

    [MethodImpl(Inline)]
    public static TDouble Tan(TDouble x)
    {
        var result = TanOf(SinCosOfReduced(x, out var large), x);
        return TLanes.NoneSet(large) ? result : OneByOne(result, x, large, ScalarLaneFunction.Tan);
    }

    /// <summary>float32 tan past 2^18 (the float32 route's limit, VectorMath.Float32Trigonometry.cs), in float64 lanes.</summary>
    [MethodImpl(Inline)]
    private static TDouble TanOfSingle(TDouble x)
    {
        var result = TanOf(SinCosOfReducedSingle(x, out var large), x);
        return TLanes.NoneSet(large) ? result : OneByOne(result, x, large, ScalarLaneFunction.Tan);
    }

    // ---- quadrants: |x| = k pi/2 + r ----

    /// <summary>sin |x| is sin r, cos r, -sin r, -cos r for k mod 4 = 0..3; sin x takes x's sign.</summary>
    [MethodImpl(Inline)]
    private static TDouble SinOf((TDouble Sin, TDouble Cos, TLong K) reduced, TDouble x)
    {
        var result = TLanes.ConditionalSelect(OddQuadrant(reduced.K), reduced.Cos, reduced.Sin);
        return TLanes.Xor(TLanes.Xor(result, TLanes.BitwiseAnd(TLanes.AsDouble(TLanes.ShiftLeft(reduced.K, 62)), TLanes.Create(-0d))), TLanes.BitwiseAnd(x, TLanes.Create(-0d)));
    }

    /// <summary>cos |x| is cos r, -sin r, -cos r, sin r for k mod 4 = 0..3.</summary>
    [MethodImpl(Inline)]
    private static TDouble CosOf((TDouble Sin, TDouble Cos, TLong K) reduced)
    {
        var result = TLanes.ConditionalSelect(OddQuadrant(reduced.K), reduced.Sin, reduced.Cos);
        return TLanes.Xor(result, TLanes.BitwiseAnd(TLanes.AsDouble(TLanes.ShiftLeft(TLanes.Add(reduced.K, TLanes.Create(1L)), 62)), TLanes.Create(-0d)));
    }

    /// <summary>tan |x| is tan r for even k and -cot r for odd k; tan x takes x's sign.</summary>
    [MethodImpl(Inline)]
    private static TDouble TanOf((TDouble Sin, TDouble Cos, TLong K) reduced, TDouble x)
    {
        var odd = OddQuadrant(reduced.K);
        var result = TLanes.Divide(TLanes.ConditionalSelect(odd, reduced.Cos, reduced.Sin), TLanes.ConditionalSelect(odd, reduced.Sin, reduced.Cos));
        return TLanes.Xor(TLanes.Xor(result, TLanes.BitwiseAnd(odd, TLanes.Create(-0d))), TLanes.BitwiseAnd(x, TLanes.Create(-0d)));
    }

    [MethodImpl(Inline)]
    private static TDouble OddQuadrant(TLong k) =>
        TLanes.Equal(TLanes.BitwiseAnd(k, TLanes.Create(1L)), TLanes.Create(1L));

    /// <summary>
    /// |x| reduced to [-pi/4, pi/4]: the magnitude, k as a float64 and k in the low bits of an int64; lanes beyond the
    /// limit (or NaN) are marked in <paramref name="large"/>.
    /// </summary>
    [MethodImpl(Inline)]
    private static (TDouble Magnitude, TDouble K, TLong KBits) Quadrant(TDouble x, out TDouble large)
    {
        var magnitude = TLanes.Abs(x);
        // The large lanes' k and r are garbage (no operation traps), and OneByOne replaces their results.
        large = TLanes.OnesComplement(TLanes.LessThanOrEqual(magnitude, TLanes.Create(TrigonometryLimit)));
        // k rounds m (2/pi) itself (one FMA, not a product rounded first): either way |r| stays within a hair of pi/4.
        var shifted = TLanes.FusedMultiplyAdd(magnitude, TLanes.Create(0.6366197723675814), TLanes.Create(RoundingShift)); // 2/pi
        return (magnitude, TLanes.Subtract(shifted, TLanes.Create(RoundingShift)), TLanes.AsInt64(shifted));
    }

    // ---- float64 ----

    /// <summary>sin r, cos r and k for |x| = k pi/2 + r, to float64 precision.</summary>
    [MethodImpl(Inline)]
    private static (TDouble Sin, TDouble Cos, TLong K) SinCosOfReduced(TDouble x, out TDouble large)
    {
        var (magnitude, k, kBits) = Quadrant(x, out large);
        var (r, rr) = ReduceByHalfPi(magnitude, k);
        var z = TLanes.Multiply(r, r);
        // sin(r + rr) = sin r + rr cos r, with cos r = 1 - z/2 here.
        var sin = TLanes.Add(r, TLanes.FusedMultiplyAdd(TLanes.Multiply(r, z), SinPolynomial(z), TLanes.FusedMultiplyAdd(TLanes.Multiply(z, TLanes.Create(-0.5)), rr, rr)));
        // cos(r + rr) = cos r - r rr. 1 - z/2 is summed as w + ((1 - w) - z/2) (both exact), so its rounding,
        // z's own (zLo) and the tail enter once, at the end.
        var halfZ = TLanes.Multiply(z, TLanes.Create(0.5));
        var w = TLanes.Subtract(TLanes.One, halfZ);
        var zLo = TLanes.MultiplySubtract(r, r, z);
        var tail = TLanes.FusedMultiplyAdd(TLanes.Multiply(z, z), CosPolynomial(z), TLanes.NegatedMultiplyAdd(r, rr, TLanes.Multiply(zLo, TLanes.Create(-0.5))));
        var cos = TLanes.Add(w, TLanes.Add(TLanes.Subtract(TLanes.Subtract(TLanes.One, w), halfZ), tail));
        return (sin, cos, kBits);
    }

    /// <summary>
    /// m - k pi/2 as a double-double, pi/2 = P1 + P2 + P3 to 2^-164. m - k P1 is exact with one FMA (both are
    /// multiples of m's or P1's last place and the difference is below 1); k P2 is split exactly with an FMA and
    /// subtracted with a fast two-sum, so only k P3 and the last additions round. The fast two-sum is exact here even
    /// where k P2 outweighs m - k P1 (next to a multiple of pi/2): for k >= 1, m - k P1 is a multiple of 2^-53 (m is
    /// at least pi/4, k P1 a multiple of P1's last place 2^-52), and k P2 is below 2^30 P2 &lt; 2^-23, so its last
    /// place divides 2^-53; a sum whose first term is a multiple of the second's last place is exact to within one
    /// rounding that the second subtraction recovers. For k = 0, k P2 is 0. (Knuth's two-sum took three operations more.)
    /// The negations sit in the constants, where an FMA takes them for free. The pair is left unnormalized (R the
    /// two-sum's head, Rr its error plus k P3 and the product's tail): |Rr| is at most half an ulp of R plus 2^-76, and
    /// sin and cos use it to first order only (sin(R + Rr) = sin R + Rr cos R), so what they neglect, Rr^2 / 2, is
    /// below 2^-108 (|R| &lt;= pi/4) or 2^-150 (where R is small), normalized or not; renormalizing took three operations.
    /// </summary>
    [MethodImpl(Inline)]
    private static (TDouble R, TDouble Rr) ReduceByHalfPi(TDouble m, TDouble k)
    {
        var p2 = TLanes.Create(6.123233995736766e-17);
        var r1 = TLanes.FusedMultiplyAdd(k, TLanes.Create(-1.5707963267948966), m);
        var minusT = TLanes.Multiply(k, TLanes.Create(-6.123233995736766e-17));
        var tLo = TLanes.FusedMultiplyAdd(k, p2, minusT);
        var hi = TLanes.Add(r1, minusT);
        var error = TLanes.Subtract(minusT, TLanes.Subtract(hi, r1));
        return (hi, TLanes.Subtract(error, TLanes.FusedMultiplyAdd(k, TLanes.Create(-1.4973849048591698e-33), tLo)));
    }

    /// <summary>(sin r - r) / r^3 in z = r^2 on |r| &lt;= pi/4.</summary>
    [MethodImpl(Inline)]
    private static TDouble SinPolynomial(TDouble z) =>
        Horner(z, PolynomialCoefficients.Sin);

    /// <summary>(cos r - 1 + r^2/2) / r^4 in z = r^2 on |r| &lt;= pi/4.</summary>
    [MethodImpl(Inline)]
    private static TDouble CosPolynomial(TDouble z) =>
        Horner(z, PolynomialCoefficients.Cos);

    // ---- float32 (in float64 lanes) ----

    /// <summary>
    /// sin |x| = (-1)^k sin r with |x| = k pi + r, |r| &lt;= pi/2: one polynomial, where a reduction by pi/2 needs sin
    /// and cos of r and a choice between them. x's sign, so sin(-0) = -0.
    /// </summary>
    [MethodImpl(Inline)]
    private static TDouble SinOfSingle(TDouble x)
    {
        var magnitude = TLanes.Abs(x);
        var large = TLanes.OnesComplement(TLanes.LessThanOrEqual(magnitude, TLanes.Create(TrigonometryLimit)));
        magnitude = TLanes.AndNot(magnitude, large);
        var shifted = TLanes.FusedMultiplyAdd(magnitude, TLanes.Create(InversePi), TLanes.Create(RoundingShift));
        var k = TLanes.Subtract(shifted, TLanes.Create(RoundingShift));
        var r = TLanes.FusedMultiplyAdd(TLanes.Negate(k), TLanes.Create(PiHi), magnitude);
        r = TLanes.FusedMultiplyAdd(TLanes.Negate(k), TLanes.Create(PiLo), r);
        var sign = TLanes.Xor(TLanes.AsDouble(TLanes.ShiftLeft(TLanes.AsInt64(shifted), 63)), TLanes.BitwiseAnd(x, TLanes.Create(-0d)));
        var result = TLanes.Xor(SinOnHalfPi(r), sign);
        return TLanes.NoneSet(large) ? result : OneByOne(result, x, large, ScalarLaneFunction.Sin);
    }

    /// <summary>
    /// cos |x| = (-1)^(k+1) sin r with |x| = (2k + 1) pi/2 + r, |r| &lt;= pi/2: the polynomial of
    /// <see cref="SinOfSingle"/>, the odd multiple of pi/2 taken off as float64 sin and cos take multiples off.
    /// </summary>
    [MethodImpl(Inline)]
    private static TDouble CosOfSingle(TDouble x)
    {
        var magnitude = TLanes.Abs(x);
        var large = TLanes.OnesComplement(TLanes.LessThanOrEqual(magnitude, TLanes.Create(TrigonometryLimit)));
        magnitude = TLanes.AndNot(magnitude, large);
        var shifted = TLanes.Add(TLanes.FusedMultiplyAdd(magnitude, TLanes.Create(InversePi), TLanes.Create(-0.5)), TLanes.Create(RoundingShift));
        var odd = TLanes.FusedMultiplyAdd(TLanes.Subtract(shifted, TLanes.Create(RoundingShift)), TLanes.Create(2d), TLanes.One);
        var r = TLanes.FusedMultiplyAdd(TLanes.Negate(odd), TLanes.Create(HalfPiHi), magnitude);
        r = TLanes.FusedMultiplyAdd(TLanes.Negate(odd), TLanes.Create(HalfPiLo), r);
        var sign = TLanes.AsDouble(TLanes.ShiftLeft(TLanes.Add(TLanes.AsInt64(shifted), TLanes.Create(1L)), 63));
        var result = TLanes.Xor(SinOnHalfPi(r), sign);
        return TLanes.NoneSet(large) ? result : OneByOne(result, x, large, ScalarLaneFunction.Cos);
    }

    /// <summary>
    /// sin r = r + r^3 P(r^2) on |r| &lt;= pi/2 (P of degree 5 fitted here by Lawson iterations in mpmath: relative
    /// error 2^-43, far below a float32 ulp).
    /// </summary>
    [MethodImpl(Inline)]
    private static TDouble SinOnHalfPi(TDouble r)
    {
        var z = TLanes.Multiply(r, r);
        var p = TLanes.FusedMultiplyAdd(TLanes.Create(1.5409534718326303e-10), z, TLanes.Create(-2.5030197409153557e-08));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(2.755695312672093e-06));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-0.00019841266729919553));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(0.00833333332108846));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-0.1666666666650463));
        return TLanes.FusedMultiplyAdd(TLanes.Multiply(r, z), p, r);
    }

    /// <summary>
    /// tan's sin r, cos r and k for a float32 |x| in float64: r = |x| - k P1 - k P2 (the first step exact, the second
    /// off by 2^-53 r at most) and polynomials accurate to 2^-37, far below a float32 ulp.
    /// </summary>
    [MethodImpl(Inline)]
    private static (TDouble Sin, TDouble Cos, TLong K) SinCosOfReducedSingle(TDouble x, out TDouble large)
    {
        var (magnitude, k, kBits) = Quadrant(x, out large);
        var r = TLanes.FusedMultiplyAdd(TLanes.Negate(k), TLanes.Create(1.5707963267948966), magnitude);
        r = TLanes.FusedMultiplyAdd(TLanes.Negate(k), TLanes.Create(6.123233995736766e-17), r);
        var z = TLanes.Multiply(r, r);
        var s = TLanes.FusedMultiplyAdd(TLanes.Create(2.718311666102703e-06), z, TLanes.Create(-0.0001983933485389049));
        s = TLanes.FusedMultiplyAdd(s, z, TLanes.Create(0.008333329385943762));
        s = TLanes.FusedMultiplyAdd(s, z, TLanes.Create(-0.16666666641626982));
        var c = TLanes.FusedMultiplyAdd(TLanes.Create(-2.72102382369895e-07), z, TLanes.Create(2.479952001388517e-05));
        c = TLanes.FusedMultiplyAdd(c, z, TLanes.Create(-0.001388888375342646));
        c = TLanes.FusedMultiplyAdd(c, z, TLanes.Create(0.0416666666228282));
        c = TLanes.FusedMultiplyAdd(c, z, TLanes.Create(-0.5));
        return (TLanes.FusedMultiplyAdd(TLanes.Multiply(r, z), s, r), TLanes.FusedMultiplyAdd(c, z, TLanes.One), kBits);
    }
}
