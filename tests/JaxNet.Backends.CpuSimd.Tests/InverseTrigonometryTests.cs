using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The vector helpers' float64 atan, asin, acos and atan2 (VectorMath.InverseTrigonometry.cs) against Math's: worst ulp
/// error over ranges, next to the branch points (|x| = 1 for asin and acos, the diagonal and the negative x axis for
/// atan2), tiny, huge and special values; both widths give the same bits.
/// </summary>
public sealed class InverseTrigonometryTests
{
    private static readonly Dictionary<string, (Func<Vector512<double>, Vector512<double>> Wide, Func<Vector256<double>, Vector256<double>> Narrow, Func<double, double> Reference)> Unary = new()
    {
        ["atan"] = (Math512.Atan, Math256.Atan, Math.Atan),
        ["asin"] = (Math512.Asin, Math256.Asin, Math.Asin),
        ["acos"] = (Math512.Acos, Math256.Acos, Math.Acos),
    };

    public static TheoryData<string, double, double, double> Ranges => new()
    {
        { "atan", -1, 1, 1 },
        { "atan", -20, 20, 1 },
        { "atan", -1e300, 1e300, 1 },
        { "asin", -1, 1, 2 },
        { "asin", -0.01, 0.01, 2 },
        { "asin", 0.999, 1, 2 },
        { "acos", -1, 1, 2 },
        { "acos", -1, -0.999, 2 },
        { "acos", 0.999, 1, 2 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Float64_worst_error_in_ulp_is_bounded(string function, double lo, double hi, double bound)
    {
        var (wide, narrow, reference) = Unary[function];
        AssertWorst(function, WorstUlp(wide, narrow, reference, Uniform(31, 32 * 1024, lo, hi)), bound);
    }

    [Fact]
    public void Next_to_the_branch_points_and_tiny_arguments()
    {
        var nearOne = Enumerable.Range(1, 500).SelectMany(i => new[] { 1 - i * Math.Pow(2, -53), -1 + i * Math.Pow(2, -53), 1, -1 }).ToArray();
        var tiny = LogUniform(32, 4096, -323, -5, bothSigns: true);
        foreach (var (function, (wide, narrow, reference)) in Unary)
        {
            AssertWorst(function, WorstUlp(wide, narrow, reference, nearOne), 2);
            AssertWorst(function, WorstUlp(wide, narrow, reference, tiny), function == "atan" ? 1 : 2);
        }
        // Below 2^-27 atan and asin round to x itself.
        foreach (var x in tiny.Where(x => Math.Abs(x) < 1e-9))
        {
            Assert.Equal(Bits(x), Bits(Math512.Atan(Vector512.Create(x)).GetElement(0)));
            Assert.Equal(Bits(x), Bits(Math512.Asin(Vector512.Create(x)).GetElement(0)));
        }
    }

    [Fact]
    public void Atan2_over_all_four_quadrants_the_diagonal_and_the_axes()
    {
        var rng = new Random(33);
        var ys = new List<double>();
        var xs = new List<double>();
        for (var i = 0; i < 32 * 1024; i++)
        {
            var scale = Math.Pow(10, rng.Next(-300, 300));
            var y = (rng.NextDouble() - 0.5) * scale;
            var x = i % 4 == 0 ? (rng.Next(2) == 0 ? y : -y) * (1 + (rng.NextDouble() - 0.5) * 1e-12) : (rng.NextDouble() - 0.5) * scale * Math.Pow(10, rng.Next(-5, 5));
            ys.Add(y);
            xs.Add(x);
        }
        AssertWorst("atan2", WorstUlp(Math512.Atan2, Math256.Atan2, Math.Atan2, ys.ToArray(), xs.ToArray()), 2);
    }

    [Fact]
    public void Atan2_special_values_match_Math_bit_for_bit()
    {
        double[] values = [0, -0d, 1, -1, 1e-310, -1e-310, 1e308, -1e308, double.PositiveInfinity, double.NegativeInfinity, double.NaN];
        foreach (var y in values)
            foreach (var x in values)
            {
                var expected = Math.Atan2(y, x);
                var got = Math512.Atan2(Vector512.Create(y), Vector512.Create(x)).GetElement(0);
                Assert.True(Ulps(got, expected) <= 1, $"atan2({y:R}, {x:R}) = {got:R}, expected {expected:R}");
                Assert.Equal(double.IsNegative(expected), double.IsNegative(got));
                Assert.Equal(Bits(got), Bits(Math256.Atan2(Vector256.Create(y), Vector256.Create(x)).GetElement(0)));
            }
    }

    [Theory]
    [InlineData("atan", double.NaN, double.NaN)]
    [InlineData("atan", double.PositiveInfinity, Math.PI / 2)]
    [InlineData("atan", double.NegativeInfinity, -Math.PI / 2)]
    [InlineData("atan", -0d, -0d)]
    [InlineData("atan", 1d, Math.PI / 4)]
    [InlineData("asin", -0d, -0d)]
    [InlineData("asin", 1d, Math.PI / 2)]
    [InlineData("asin", -1d, -Math.PI / 2)]
    [InlineData("asin", 1.0000000000000002, double.NaN)]
    [InlineData("asin", double.NegativeInfinity, double.NaN)]
    [InlineData("asin", double.NaN, double.NaN)]
    [InlineData("acos", 1d, 0d)]
    [InlineData("acos", -1d, Math.PI)]
    [InlineData("acos", 0d, Math.PI / 2)]
    [InlineData("acos", -1.5, double.NaN)]
    [InlineData("acos", double.PositiveInfinity, double.NaN)]
    [InlineData("acos", double.NaN, double.NaN)]
    public void Special_values(string function, double x, double expected)
    {
        var (wide, narrow, _) = Unary[function];
        foreach (var got in new[] { wide(Vector512.Create(x)).GetElement(0), narrow(Vector256.Create(x)).GetElement(0) })
        {
            Assert.Equal(expected, got);
            if (!double.IsNaN(expected)) Assert.Equal(double.IsNegative(expected), double.IsNegative(got));
        }
        var single = function switch
        {
            "atan" => Math512.Atan(Vector512.Create((float)x)),
            "asin" => Math512.Asin(Vector512.Create((float)x)),
            _ => Math512.Acos(Vector512.Create((float)x)),
        };
        if ((float)x == x || double.IsNaN(x)) Assert.Equal((float)expected, single.GetElement(0));
    }
}
