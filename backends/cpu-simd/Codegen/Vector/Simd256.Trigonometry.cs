using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
/// float32 runs in float64 lanes with a two-part reduction and degree-3 polynomials (2^-37 and 2^-43), then rounds.
/// </para>
/// Lanes beyond 2^30, infinite or NaN are computed one by one with Math's (which reduces any size exactly), so they
/// too depend on their value alone. Measured against Math (tests/JaxNet.Backends.CpuSimd.Tests/TrigonometryTests.cs):
/// float64 sin and cos within 1 ulp, tan within 2; float32 within 0.501 ulp of the exact value.
/// SimdNNN.Trigonometry.cs exist for 256 and 256 bits: keep the two in step.
/// </summary>
internal static unsafe partial class Simd256
{
    // Up to here k is exact and the reduction keeps its precision (Math takes the rest).
    private const double TrigonometryLimit = 1073741824d; // 2^30

    // Adding 1.5 2^52 rounds a product to an integer k, held in the sum's low bits: no float-to-int conversion,
    // which AVX2 lacks for 64-bit lanes.
    private const double RoundingShift = 6755399441055744d;

    [MethodImpl(Inline)]
    public static Vector256<double> Sin(Vector256<double> x) =>
        WithLargeLanes(SinOf(SinCosOfReduced(x, out var large), x), x, large, Math.Sin);

    [MethodImpl(Inline)]
    public static Vector256<double> Cos(Vector256<double> x) =>
        WithLargeLanes(CosOf(SinCosOfReduced(x, out var large)), x, large, Math.Cos);

    [MethodImpl(Inline)]
    public static Vector256<double> Tan(Vector256<double> x) =>
        WithLargeLanes(TanOf(SinCosOfReduced(x, out var large), x), x, large, Math.Tan);

    [MethodImpl(Inline)]
    public static Vector256<float> Sin(Vector256<float> x) =>
        Vector256.Narrow(SinOfSingle(Vector256.WidenLower(x)), SinOfSingle(Vector256.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector256<float> Cos(Vector256<float> x) =>
        Vector256.Narrow(CosOfSingle(Vector256.WidenLower(x)), CosOfSingle(Vector256.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector256<float> Tan(Vector256<float> x) =>
        Vector256.Narrow(TanOfSingle(Vector256.WidenLower(x)), TanOfSingle(Vector256.WidenUpper(x)));

    [MethodImpl(Inline)]
    private static Vector256<double> SinOfSingle(Vector256<double> x) =>
        WithLargeLanes(SinOf(SinCosOfReducedSingle(x, out var large), x), x, large, Math.Sin);

    [MethodImpl(Inline)]
    private static Vector256<double> CosOfSingle(Vector256<double> x) =>
        WithLargeLanes(CosOf(SinCosOfReducedSingle(x, out var large)), x, large, Math.Cos);

    [MethodImpl(Inline)]
    private static Vector256<double> TanOfSingle(Vector256<double> x) =>
        WithLargeLanes(TanOf(SinCosOfReducedSingle(x, out var large), x), x, large, Math.Tan);

    /// <summary><paramref name="result"/> with the lanes marked large replaced by <paramref name="f"/> of their input.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> WithLargeLanes(Vector256<double> result, Vector256<double> x, Vector256<double> large, Func<double, double> f) =>
        large.AsUInt64() == Vector256<ulong>.Zero ? result : OneByOne(result, x, large, f);

    // ---- quadrants: |x| = k pi/2 + r ----

    /// <summary>sin |x| is sin r, cos r, -sin r, -cos r for k mod 4 = 0..3; sin x takes x's sign.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> SinOf((Vector256<double> Sin, Vector256<double> Cos, Vector256<long> K) reduced, Vector256<double> x)
    {
        var result = Vector256.ConditionalSelect(OddQuadrant(reduced.K), reduced.Cos, reduced.Sin);
        return result ^ ((reduced.K << 62).AsDouble() & Vector256.Create(-0d)) ^ (x & Vector256.Create(-0d));
    }

    /// <summary>cos |x| is cos r, -sin r, -cos r, sin r for k mod 4 = 0..3.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> CosOf((Vector256<double> Sin, Vector256<double> Cos, Vector256<long> K) reduced)
    {
        var result = Vector256.ConditionalSelect(OddQuadrant(reduced.K), reduced.Sin, reduced.Cos);
        return result ^ (((reduced.K + Vector256<long>.One) << 62).AsDouble() & Vector256.Create(-0d));
    }

    /// <summary>tan |x| is tan r for even k and -cot r for odd k; tan x takes x's sign.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> TanOf((Vector256<double> Sin, Vector256<double> Cos, Vector256<long> K) reduced, Vector256<double> x)
    {
        var odd = OddQuadrant(reduced.K);
        var result = Vector256.ConditionalSelect(odd, reduced.Cos, reduced.Sin) / Vector256.ConditionalSelect(odd, reduced.Sin, reduced.Cos);
        return result ^ (odd & Vector256.Create(-0d)) ^ (x & Vector256.Create(-0d));
    }

    [MethodImpl(Inline)]
    private static Vector256<double> OddQuadrant(Vector256<long> k) =>
        Vector256.Equals(k & Vector256<long>.One, Vector256<long>.One).AsDouble();

    /// <summary>
    /// |x| reduced to [-pi/4, pi/4]: the magnitude (0 in lanes beyond the limit, which are marked in
    /// <paramref name="large"/>), k as a float64 and k in the low bits of an int64.
    /// </summary>
    [MethodImpl(Inline)]
    private static (Vector256<double> Magnitude, Vector256<double> K, Vector256<long> KBits) Quadrant(Vector256<double> x, out Vector256<double> large)
    {
        var magnitude = Vector256.Abs(x);
        large = ~Vector256.LessThanOrEqual(magnitude, Vector256.Create(TrigonometryLimit));
        magnitude = Vector256.AndNot(magnitude, large);
        var shifted = magnitude * Vector256.Create(0.6366197723675814) + Vector256.Create(RoundingShift); // 2/pi
        return (magnitude, shifted - Vector256.Create(RoundingShift), shifted.AsInt64());
    }

    // ---- float64 ----

    /// <summary>sin r, cos r and k for |x| = k pi/2 + r, to float64 precision.</summary>
    [MethodImpl(Inline)]
    private static (Vector256<double> Sin, Vector256<double> Cos, Vector256<long> K) SinCosOfReduced(Vector256<double> x, out Vector256<double> large)
    {
        var (magnitude, k, kBits) = Quadrant(x, out large);
        var (r, rr) = ReduceByHalfPi(magnitude, k);
        var z = r * r;
        // sin(r + rr) = sin r + rr cos r, with cos r = 1 - z/2 here.
        var sin = r + Vector256.FusedMultiplyAdd(r * z, SinPolynomial(z), Vector256.FusedMultiplyAdd(z * Vector256.Create(-0.5), rr, rr));
        // cos(r + rr) = cos r - r rr. 1 - z/2 is summed as w + ((1 - w) - z/2) (both exact), so its rounding,
        // z's own (zLo) and the tail enter once, at the end.
        var halfZ = z * Vector256.Create(0.5);
        var w = Vector256<double>.One - halfZ;
        var zLo = Vector256.FusedMultiplyAdd(r, r, -z);
        var tail = Vector256.FusedMultiplyAdd(z * z, CosPolynomial(z), Vector256.FusedMultiplyAdd(-r, rr, zLo * Vector256.Create(-0.5)));
        var cos = w + ((Vector256<double>.One - w - halfZ) + tail);
        return (sin, cos, kBits);
    }

    /// <summary>
    /// m - k pi/2 as a double-double, pi/2 = P1 + P2 + P3 to 2^-164. m - k P1 is exact with one FMA (both are
    /// multiples of m's or P1's last place and the difference is below 1); k P2 is split exactly with an FMA and
    /// subtracted with a two-sum, so only k P3 and the last additions round.
    /// </summary>
    [MethodImpl(Inline)]
    private static (Vector256<double> R, Vector256<double> Rr) ReduceByHalfPi(Vector256<double> m, Vector256<double> k)
    {
        var p2 = Vector256.Create(6.123233995736766e-17);
        var r1 = Vector256.FusedMultiplyAdd(-k, Vector256.Create(1.5707963267948966), m);
        var t = k * p2;
        var tLo = Vector256.FusedMultiplyAdd(k, p2, -t);
        var hi = r1 - t;
        var v = hi - r1;
        var error = (r1 - (hi - v)) - (t + v);
        var lo = error - Vector256.FusedMultiplyAdd(k, Vector256.Create(-1.4973849048591698e-33), tLo);
        var r = hi + lo;
        return (r, lo - (r - hi));
    }

    /// <summary>(sin r - r) / r^3 in z = r^2 on |r| &lt;= pi/4.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> SinPolynomial(Vector256<double> z) =>
        Horner(z, PolynomialCoefficients.Sin);

    /// <summary>(cos r - 1 + r^2/2) / r^4 in z = r^2 on |r| &lt;= pi/4.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> CosPolynomial(Vector256<double> z) =>
        Horner(z, PolynomialCoefficients.Cos);

    // ---- float32 (in float64 lanes) ----

    /// <summary>
    /// sin r, cos r and k for a float32 |x| in float64: r = |x| - k P1 - k P2 (the first step exact, the second
    /// off by 2^-53 r at most) and polynomials accurate to 2^-37, far below a float32 ulp.
    /// </summary>
    [MethodImpl(Inline)]
    private static (Vector256<double> Sin, Vector256<double> Cos, Vector256<long> K) SinCosOfReducedSingle(Vector256<double> x, out Vector256<double> large)
    {
        var (magnitude, k, kBits) = Quadrant(x, out large);
        var r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(1.5707963267948966), magnitude);
        r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(6.123233995736766e-17), r);
        var z = r * r;
        var s = Vector256.FusedMultiplyAdd(Vector256.Create(2.718311666102703e-06), z, Vector256.Create(-0.0001983933485389049));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(0.008333329385943762));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(-0.16666666641626982));
        var c = Vector256.FusedMultiplyAdd(Vector256.Create(-2.72102382369895e-07), z, Vector256.Create(2.479952001388517e-05));
        c = Vector256.FusedMultiplyAdd(c, z, Vector256.Create(-0.001388888375342646));
        c = Vector256.FusedMultiplyAdd(c, z, Vector256.Create(0.0416666666228282));
        c = Vector256.FusedMultiplyAdd(c, z, Vector256.Create(-0.5));
        return (Vector256.FusedMultiplyAdd(r * z, s, r), Vector256.FusedMultiplyAdd(c, z, Vector256<double>.One), kBits);
    }

    /// <summary>The marked lanes of <paramref name="result"/> replaced by <paramref name="f"/> of their input.</summary>
    private static Vector256<double> OneByOne(Vector256<double> result, Vector256<double> x, Vector256<double> marked, Func<double, double> f)
    {
        for (var i = 0; i < Vector256<double>.Count; i++)
            if (marked.AsUInt64()[i] != 0) result = result.WithElement(i, f(x[i]));
        return result;
    }
}
