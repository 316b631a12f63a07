using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;
using JaxNet.Backends.CpuSimd.Codegen.Vector;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The vector helpers' float64 expm1, tanh, sinh, cosh, log1p and pow (VectorMath.ExpFamily.cs, VectorMath.LogFamily.cs)
/// against Math's (the C library's, within an ulp) or a double-double series: worst ulp error over
/// ranges, tiny, subnormal and huge arguments, overflow edges and special values; both widths give the same bits.
/// </summary>
public sealed class ExpLogFamilyTests
{
    private static readonly Dictionary<string, (Func<Vector512<double>, Vector512<double>> Wide, Func<Vector256<double>, Vector256<double>> Narrow, Func<double, double> Reference)> Unary = new()
    {
        ["tanh"] = (Math512.Tanh, Math256.Tanh, x => Math.Abs(x) <= 1 ? DoubleDoubleReference.Tanh(x) : Math.Tanh(x)),
        ["sinh"] = (Math512.Sinh, Math256.Sinh, Math.Sinh),
        ["cosh"] = (Math512.Cosh, Math256.Cosh, Math.Cosh),
        ["expm1"] = (Math512.Expm1, Math256.Expm1, x => Math.Abs(x) <= 2 ? DoubleDoubleReference.Expm1(x) : Math.Exp(x) - 1),
        ["log1p"] = (Math512.Log1p, Math256.Log1p, Log1pReference),
    };

    public static TheoryData<string, double, double, double> Ranges => new()
    {
        { "expm1", -2, 2, 1 },
        { "expm1", -1e-5, 1e-5, 1 },
        { "expm1", -40, -2, 1 },
        // Math.Exp(x) - 1 is itself up to half an ulp of e^x off here.
        { "expm1", 2, 709.7, 1.5 },
        { "tanh", -1, 1, 1 },
        { "tanh", -25, 25, 1 },
        { "tanh", -1e-4, 1e-4, 1 },
        { "sinh", -1, 1, 2 },
        { "sinh", -30, 30, 2 },
        { "sinh", -710.4, 710.4, 2 },
        { "cosh", -1, 1, 2 },
        { "cosh", -30, 30, 2 },
        { "cosh", -710.4, 710.4, 2 },
        { "log1p", -0.999, 1, 1 },
        { "log1p", -1e-6, 1e-6, 1 },
        { "log1p", 1, 1e6, 1 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Float64_worst_error_in_ulp_is_bounded(string function, double lo, double hi, double bound)
    {
        var (wide, narrow, reference) = Unary[function];
        var xs = Uniform(21, 32 * 1024, lo, hi);
        if (function == "log1p") xs = xs.Select(ExactlyShiftable).ToArray();
        AssertWorst(function, WorstUlp(wide, narrow, reference, xs), bound);
    }

    [Theory]
    [InlineData("expm1")]
    [InlineData("tanh")]
    [InlineData("sinh")]
    [InlineData("log1p")]
    public void Tiny_and_subnormal_arguments_give_x_itself(string function)
    {
        // Below 2^-54 the x^2 terms are under half an ulp: each of these functions rounds to x.
        var (wide, narrow, _) = Unary[function];
        foreach (var x in LogUniform(22, 4096, -323, -17, bothSigns: true).Concat([double.Epsilon, -double.Epsilon, 2.2250738585072014e-308, -1e-310]))
        {
            Assert.Equal(Bits(x), Bits(wide(Vector512.Create(x)).GetElement(0)));
            Assert.Equal(Bits(x), Bits(narrow(Vector256.Create(x)).GetElement(0)));
        }
        Assert.Equal(1d, Math512.Cosh(Vector512.Create(1e-300)).GetElement(0));
    }

    [Fact]
    public void Log1p_near_minus_one_and_huge()
    {
        var xs = Enumerable.Range(1, 2000).Select(i => -1 + i * Math.Pow(2, -53 + i % 50))
            .Concat(LogUniform(23, 4096, 6, 308, bothSigns: false)).Concat([double.MaxValue]).ToArray();
        AssertWorst("log1p", WorstUlp(Math512.Log1p, Math256.Log1p, Log1pReference, xs.Select(ExactlyShiftable).ToArray()), 1);
    }

    public static TheoryData<double, double, double, double> PowRanges => new()
    {
        { 0.5, 2, -20, 20 },
        { 0, 100, -3, 3 },
        { 0.9, 1.1, -5000, 5000 },
        { 1e-300, 1e300, -1, 1 },
        { 1.5, 2, 500, 1000 },
    };

    [Theory]
    [MemberData(nameof(PowRanges))]
    public void Pow_worst_error_in_ulp_is_bounded(double xLo, double xHi, double yLo, double yHi)
    {
        var xs = Uniform(24, 32 * 1024, xLo, xHi);
        var ys = Uniform(25, 32 * 1024, yLo, yHi);
        AssertWorst("pow", WorstUlp(Math512.Pow, Math256.Pow, Math.Pow, xs, ys), 1);
    }

    [Fact]
    public void Pow_of_negative_bases_integer_exponents_and_edges_match_Math()
    {
        double[] bases = [-2, -0.5, -1, -3.7, -1e-310, -0d, 0, 1, 2, 0.5, 1e-310, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 10, 7.1e-300];
        double[] exponents = [0, -0d, 1, 2, 3, -1, -2, -3, 0.5, -0.5, 1.5, 1e20, -1e20, 9007199254740993, 1025, -1080, 307.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        var pairs = bases.SelectMany(x => exponents.Select(y => (x, y))).ToArray();
        var (worst, at) = WorstUlp(Math512.Pow, Math256.Pow, Math.Pow, pairs.Select(p => p.x).ToArray(), pairs.Select(p => p.y).ToArray());
        Assert.True(worst <= 1, $"pow: {worst:F2} ulp at x = {at:R}");
        foreach (var (x, y) in pairs)
        {
            var expected = Math.Pow(x, y);
            var got = Math512.Pow(Vector512.Create(x), Vector512.Create(y)).GetElement(0);
            if (expected == 0 || double.IsInfinity(expected) || double.IsNaN(expected)) Assert.Equal(Bits(expected), Bits(got));
        }
    }

    [Theory]
    [InlineData("expm1", double.NaN, double.NaN)]
    [InlineData("expm1", double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData("expm1", double.NegativeInfinity, -1d)]
    [InlineData("expm1", 709.79, double.PositiveInfinity)]
    [InlineData("expm1", -0d, -0d)]
    [InlineData("expm1", -50, -1d)]
    [InlineData("tanh", double.NaN, double.NaN)]
    [InlineData("tanh", double.PositiveInfinity, 1d)]
    [InlineData("tanh", double.NegativeInfinity, -1d)]
    [InlineData("tanh", -0d, -0d)]
    [InlineData("tanh", -1e300, -1d)]
    [InlineData("sinh", double.NegativeInfinity, double.NegativeInfinity)]
    [InlineData("sinh", 710.5, double.PositiveInfinity)]
    [InlineData("sinh", -0d, -0d)]
    [InlineData("sinh", double.NaN, double.NaN)]
    [InlineData("cosh", double.NegativeInfinity, double.PositiveInfinity)]
    [InlineData("cosh", -710.5, double.PositiveInfinity)]
    [InlineData("cosh", -0d, 1d)]
    [InlineData("cosh", double.NaN, double.NaN)]
    [InlineData("log1p", -1d, double.NegativeInfinity)]
    [InlineData("log1p", -1.5, double.NaN)]
    [InlineData("log1p", double.NegativeInfinity, double.NaN)]
    [InlineData("log1p", double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData("log1p", -0d, -0d)]
    [InlineData("log1p", double.NaN, double.NaN)]
    public void Special_values(string function, double x, double expected)
    {
        var (wide, narrow, _) = Unary[function];
        foreach (var got in new[] { wide(Vector512.Create(x)).GetElement(0), narrow(Vector256.Create(x)).GetElement(0), VectorLaneOf(function, x) })
        {
            Assert.Equal(expected, got);
            if (!double.IsNaN(expected)) Assert.Equal(double.IsNegative(expected), double.IsNegative(got));
        }
    }

    private static double VectorLaneOf(string function, double x) => function switch
    {
        "expm1" => VectorLane.Expm1(x),
        "tanh" => VectorLane.Tanh(x),
        "sinh" => VectorLane.Sinh(x),
        "cosh" => VectorLane.Cosh(x),
        _ => VectorLane.Log1p(x),
    };

    /// <summary>x moved to the nearest value for which 1 + x is exact, so Math.Log(1 + x) is log1p's reference (tiny x stay as they are).</summary>
    private static double ExactlyShiftable(double x) => Math.Abs(x) < 1e-6 ? x : (1 + x) - 1;

    /// <summary>log1p x: Math.Log(1 + x) where 1 + x is exact, x - x^2/2 + x^3/3 below 1e-6 (the next term is 2^-80 x).</summary>
    private static double Log1pReference(double x)
    {
        if (Math.Abs(x) >= 1e-6 || !double.IsFinite(x)) return Math.Log(1 + x);
        return x + x * x * (x / 3 - 0.5);
    }
}
