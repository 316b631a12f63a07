using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;
using JaxNet.Backends.CpuSimd.Codegen.Vector;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The table-driven float64 log core (VectorMath.LogReduced.cs, LogTable.cs) and the routines on it, against a
/// double-double reference: the table's claims (r = m/c - 1 exact in one FMA, the heads e ln 2 + log c either 0 or
/// above every |r| of their interval, log c to 2^-100), log1p's measured worst ulp over random magnitudes, across
/// every interval boundary and near 0 and -1, and its edges; atanh, asinh, acosh and pow with the bounds measured
/// after the change. Both widths give the same bits (WorstUlp checks every lane), and the scalar path (VectorLane) the
/// 512-bit one's.
/// </summary>
public sealed class LogCoreTests
{
    private const double IntervalWidth = 1d / (1 << LogTable.IndexBits);

    /// <summary>m's interval i: [1 - w/4, 1 + w/2) for i = 0, [1 + w/2 + (i - 1) w, 1 + w/2 + i w) above.</summary>
    private static (double Start, double End) Interval(int i) => i == 0
        ? (1 - IntervalWidth / 4, 1 + IntervalWidth / 2)
        : (1 + IntervalWidth / 2 + (i - 1) * IntervalWidth, 1 + IntervalWidth / 2 + i * IntervalWidth);

    private static IEnumerable<double> SamplesOf(int i)
    {
        var (start, end) = Interval(i);
        var rng = new Random(100 + i);
        yield return start;
        yield return Math.BitDecrement(end);
        for (var k = 0; k < 2000; k++) yield return start + rng.NextDouble() * (end - start);
    }

    [Fact]
    public void Each_intervals_r_is_exact_in_one_fma()
    {
        for (var i = 0; i < 1 << LogTable.IndexBits; i++)
        {
            var inverse = LogTable.InverseCentre[i];
            foreach (var m in SamplesOf(i))
            {
                var product = m * inverse;
                var productLo = Math.FusedMultiplyAdd(m, inverse, -product);
                // product - 1 is exact (product is within [1/2, 2]); r is exact when it carries productLo whole.
                var r = Math.FusedMultiplyAdd(m, inverse, -1);
                Assert.Equal(productLo, r - (product - 1));
                Assert.True(Math.Abs(r) < IntervalWidth * 0.75, $"interval {i}: r = {r} at m = {m:R}");
            }
        }
    }

    [Fact]
    public void Each_head_is_zero_or_above_its_intervals_r()
    {
        for (var i = 0; i < 1 << LogTable.IndexBits; i++)
        {
            var largestR = SamplesOf(i).Max(m => Math.Abs(Math.FusedMultiplyAdd(m, LogTable.InverseCentre[i], -1)));
            foreach (var e in new[] { -1d, 0d })
            {
                var head = Math.FusedMultiplyAdd(e, LogTable.Ln2Hi, LogTable.LogCentreHi[i]);
                Assert.True(head == 0 || Math.Abs(head) > largestR, $"interval {i}, e = {e}: head {head} vs |r| {largestR}");
                Assert.Equal(0d, head % Math.ScaleB(1d, -32)); // on the 2^-32 grid: e ln 2 + log c is exact
            }
        }
    }

    [Fact]
    public void The_tables_logs_are_accurate_to_2_to_the_minus_100()
    {
        for (var i = 0; i < 1 << LogTable.IndexBits; i++)
        {
            var (hi, lo) = DoubleDoubleReference.Log((LogTable.InverseCentre[i], 0));
            var error = Math.Abs(LogTable.LogCentreHi[i] + hi + (LogTable.LogCentreLo[i] + lo));
            Assert.True(error <= Math.ScaleB(1d, -100), $"interval {i}: log c off by {error:E3}");
        }
        Assert.True(Math.Abs(LogTable.Ln2Hi - DoubleDoubleReference.Log((2, 0)).Hi + (LogTable.Ln2Lo - DoubleDoubleReference.Log((2, 0)).Lo)) <= Math.ScaleB(1d, -100));
    }

    public static TheoryData<double, double, double> Log1pMagnitudes => new()
    {
        // log10 |x| from, to; both signs (the negative ones kept above -1). Bounds: the worst measured, rounded up.
        { -320, -20, 0.5 },
        { -20, -3, 0.53 },
        { -3, 0, 0.53 },
        { 0, 3, 0.53 },
        { 3, 308, 0.53 },
    };

    [Theory]
    [MemberData(nameof(Log1pMagnitudes))]
    public void Log1p_worst_ulp_over_magnitudes(double lo, double hi, double bound)
    {
        var xs = LogUniform(61, 32 * 1024, lo, hi, bothSigns: true).Select(x => x <= -1 ? -1 / (1 - x) : x).ToArray();
        AssertWorst("log1p", WorstUlpAgainstPair(Math512.Log1p, Math256.Log1p, DoubleDoubleReference.Log1pPair, xs), bound);
    }

    [Fact]
    public void Log1p_around_two_to_the_53_where_the_sum_with_1_starts_to_round_away()
    {
        // log1p splits 1 + x by a fast two-sum, exact below 2^53; above, its error term can miss the 1 (a change of
        // the log below 2^-53, a 64th of its ulp there). Integers and half-integers next to 2^53, and random values
        // over 2^50 .. 2^60: 0.51 ulp measured (0.50 with Knuth's two-sum).
        var near = Enumerable.Range(-64, 128).SelectMany(k => new[] { Math.ScaleB(1d, 53) + 2 * k, Math.ScaleB(1d, 52) + k + 0.5 });
        var xs = near.Concat(LogUniform(62, 16 * 1024, 15, 18, bothSigns: false)).ToArray();
        AssertWorst("log1p", WorstUlpAgainstPair(Math512.Log1p, Math256.Log1p, DoubleDoubleReference.Log1pPair, xs[..(xs.Length / 8 * 8)]), 0.53);
    }

    [Fact]
    public void Log1p_across_every_interval_boundary_and_near_minus_one()
    {
        var xs = new List<double>();
        for (var i = 0; i < 1 << LogTable.IndexBits; i++)
            foreach (var scale in new[] { 0.25, 0.5, 1, 2, 4, 1024, Math.ScaleB(1d, 200) })
            {
                var boundary = Interval(i).Start * scale;
                var x = boundary - 1;
                for (var k = 0; k < 4; k++)
                {
                    xs.Add(x);
                    xs.Add(Math.BitDecrement(Math.BitDecrement(x)));
                    x = Math.BitIncrement(x);
                }
            }
        xs.AddRange(Enumerable.Range(1, 400).Select(k => -1 + k * Math.ScaleB(1d, -53 + k % 52)));
        AssertWorst("log1p", WorstUlpAgainstPair(Math512.Log1p, Math256.Log1p, DoubleDoubleReference.Log1pPair, xs.Where(x => x > -1).ToArray()), 0.53);
    }

    [Theory]
    [InlineData(-1d)]
    [InlineData(-1.5)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(0d)]
    [InlineData(double.Epsilon)]
    [InlineData(-double.Epsilon)]
    [InlineData(2.2250738585072014e-308)]
    [InlineData(-1.5e-310)]
    [InlineData(double.MaxValue)]
    [InlineData(1.7976931348623157e308 / 2)]
    [InlineData(-0.9999999999999999)]
    [InlineData(1e-17)]
    public void Log1p_edges_are_the_references_within_half_an_ulp(double x)
    {
        var expected = DoubleDoubleReference.Log1p(x);
        var got = Of(Math512.Log1p, Math256.Log1p, x);
        Assert.True(Ulps(got, expected) <= 0.5, $"log1p({x:R}) = {got:R}, expected {expected:R}");
        if (!double.IsNaN(expected)) Assert.Equal(double.IsNegative(expected), double.IsNegative(got));
        // The scalar path is the vector routine where the machine has vectors, SpecialFunctions.Log1p (Goldberg's formula
        // on Math.Log, a few ulps) where it has none.
        var scalar = VectorLane.Log1p(x);
        if (CpuIsa.HasVector256) Assert.Equal(Bits(got), Bits(scalar));
        else Assert.True(Ulps(scalar, expected) <= 3, $"scalar log1p({x:R}) = {scalar:R}");
    }

    [Fact]
    public void Log1p_of_minus_zero_is_minus_zero() => Assert.Equal(Bits(-0d), Bits(Of(Math512.Log1p, Math256.Log1p, -0d)));

    [Fact]
    public void Atanh_worst_ulp_over_magnitudes_and_near_one()
    {
        var xs = LogUniform(62, 32 * 1024, -12, 0, bothSigns: true).Where(x => Math.Abs(x) < 1)
            .Concat(Enumerable.Range(1, 2000).Select(k => 1 - k * Math.ScaleB(1d, -53 + k % 50)).Where(x => x > 0)).ToArray();
        AssertWorst("atanh", WorstUlpAgainstPair(Math512.Atanh, Math256.Atanh, DoubleDoubleReference.AtanhPair, xs), 0.53);
    }

    [Fact]
    public void Asinh_and_acosh_worst_ulp()
    {
        var xs = LogUniform(63, 32 * 1024, -8, 300, bothSigns: true);
        AssertWorst("asinh", WorstUlpAgainstPair(Math512.Asinh, Math256.Asinh, DoubleDoubleReference.AsinhPair, xs), 0.53);
        var above = LogUniform(64, 32 * 1024, -15, 300, bothSigns: false).Select(x => 1 + x).ToArray();
        AssertWorst("acosh", WorstUlpAgainstPair(Math512.Acosh, Math256.Acosh, DoubleDoubleReference.AcoshPair, above), 0.53);
    }

    [Fact]
    public void Pow_worst_ulp_against_the_C_library()
    {
        // Math.Pow is within about 0.52 ulp of the exact value, so this measures our error plus at most that.
        var xs = Uniform(65, 64 * 1024, 0.1, 10);
        var ys = Uniform(66, 64 * 1024, -300, 300);
        AssertWorst("pow", WorstUlp(Math512.Pow, Math256.Pow, Math.Pow, xs, ys), 1);
    }
}
