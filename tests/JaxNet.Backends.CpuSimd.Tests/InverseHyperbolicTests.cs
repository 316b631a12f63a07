using System.Runtime.Intrinsics;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The vector asinh, acosh and atanh (VectorMath.InverseHyperbolic.cs) against a double-double reference: float64 within
/// 1 ulp from subnormal to the largest finite arguments (atanh: up to 1 - 2^-53); the edges (NaN, ±inf, ±0,
/// subnormals, asinh's switch to log 2|x| at 2^28, double.MaxValue, acosh's 1 and below, atanh's ±1 and beyond) and
/// both widths agree bit for bit. float32's own routines are tested in Float32InverseHyperbolicTests.
/// </summary>
public sealed class InverseHyperbolicTests
{
    public static TheoryData<double, double> AsinhMagnitudes => new()
    {
        { -320, -300 },
        { -30, -6 },
        { -6, -1 },
        { -1, 0 },
        { 0, 2 },
        { 2, 10 },
        { 8, 9 },
        { 10, 308 },
    };

    [Theory]
    [MemberData(nameof(AsinhMagnitudes))]
    public void Float64_asinh_is_within_one_ulp_of_the_exact_value(double lo, double hi) =>
        AssertWorst("asinh", WorstUlp(Math512.Asinh, Math256.Asinh, DoubleDoubleReference.Asinh, LogUniform(41, 32 * 1024, lo, hi, bothSigns: true)), 1);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.MaxValue)]
    [InlineData(-double.MaxValue)]
    [InlineData(5e-324)]
    [InlineData(-5e-324)]
    [InlineData(2.2250738585072014e-308)]
    [InlineData(1e-200)]
    public void Asinh_edges_keep_their_value_class(double x)
    {
        var got = AsinhOf(x);
        var expected = Math.Asinh(x);
        if (double.IsNaN(expected) || double.IsInfinity(expected) || Math.Abs(x) < 1e-100) Assert.Equal(Bits(expected), Bits(got));
        else Assert.True(Ulps(got, DoubleDoubleReference.Asinh(x)) <= 1, $"asinh({x:R}) = {got:R}");
    }

    [Fact]
    public void Asinh_of_minus_zero_is_minus_zero() => Assert.Equal(Bits(-0d), Bits(AsinhOf(-0d))); // xUnit folds -0 and 0 in InlineData

    [Fact]
    public void Asinh_is_continuous_across_the_switch_to_log_two_x()
    {
        var switchPoint = 268435456d;
        foreach (var x in new[] { Math.BitDecrement(switchPoint), switchPoint, Math.BitIncrement(switchPoint), -switchPoint })
            Assert.True(Ulps(AsinhOf(x), DoubleDoubleReference.Asinh(x)) <= 1, $"asinh({x:R})");
        Assert.True(AsinhOf(Math.BitDecrement(switchPoint)) <= AsinhOf(switchPoint));
    }

    public static TheoryData<double, double> AcoshAboveOne => new()
    {
        { -16, -8 },
        { -8, -2 },
        { -2, 0 },
        { 0, 9 },
        { 8, 9 },
        { 9, 308 },
    };

    /// <summary>x - 1 log-uniform over [10^lo, 10^hi]: acosh's arguments from just above 1 to the largest.</summary>
    [Theory]
    [MemberData(nameof(AcoshAboveOne))]
    public void Float64_acosh_is_within_one_ulp_of_the_exact_value(double lo, double hi)
    {
        var xs = LogUniform(47, 32 * 1024, lo, hi, bothSigns: false).Select(d => 1 + d).ToArray();
        AssertWorst("acosh", WorstUlp(Math512.Acosh, Math256.Acosh, DoubleDoubleReference.Acosh, xs), 1);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1d)]
    [InlineData(0.9999999999999999)]
    [InlineData(0d)]
    [InlineData(-1d)]
    [InlineData(-5e-324)]
    [InlineData(-double.MaxValue)]
    public void Acosh_edges_give_the_C_librarys_bits(double x) => Assert.Equal(Bits(Math.Acosh(x)), Bits(AcoshOf(x)));

    [Fact]
    public void Acosh_is_accurate_at_the_largest_argument_just_above_one_and_across_the_switch()
    {
        foreach (var x in new[] { double.MaxValue, 1.0000000000000002, 1.0000000000000004, Math.BitDecrement(268435456d), 268435456d })
            Assert.True(Ulps(AcoshOf(x), DoubleDoubleReference.Acosh(x)) <= 1, $"acosh({x:R}) = {AcoshOf(x):R}");
    }

    private static double AcoshOf(double x) => Of(Math512.Acosh, Math256.Acosh, x);

    public static TheoryData<double, double> AtanhMagnitudes => new()
    {
        { -320, -300 },
        { -30, -6 },
        { -6, -0.9 },
        { -0.9, -0.3 },
        { -0.3, 0 },
    };

    [Theory]
    [MemberData(nameof(AtanhMagnitudes))]
    public void Float64_atanh_is_within_one_ulp_of_the_exact_value(double lo, double hi) =>
        AssertWorst("atanh", WorstUlp(Math512.Atanh, Math256.Atanh, DoubleDoubleReference.Atanh, LogUniform(43, 32 * 1024, lo, hi, bothSigns: true)), 1);

    [Fact]
    public void Float64_atanh_near_one_is_within_one_ulp()
    {
        var xs = LogUniform(44, 32 * 1024, -16, -0.3, bothSigns: true).Select(d => Math.CopySign(1 - Math.Abs(d), d)).ToArray();
        AssertWorst("atanh", WorstUlp(Math512.Atanh, Math256.Atanh, DoubleDoubleReference.Atanh, xs), 1);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1d)]
    [InlineData(-1d)]
    [InlineData(1.0000000000000002)]
    [InlineData(-1.0000000000000002)]
    [InlineData(2d)]
    [InlineData(double.MaxValue)]
    [InlineData(5e-324)]
    [InlineData(-5e-324)]
    [InlineData(1e-200)]
    public void Atanh_edges_give_the_C_librarys_bits(double x) => Assert.Equal(Bits(Math.Atanh(x)), Bits(AtanhOf(x)));

    [Fact]
    public void Atanh_just_below_one_is_finite_and_accurate()
    {
        foreach (var x in new[] { 0.9999999999999999, -0.9999999999999999, 0.99999999999999989, 0.125, Math.BitDecrement(0.125) })
            Assert.True(Ulps(AtanhOf(x), DoubleDoubleReference.Atanh(x)) <= 1, $"atanh({x:R}) = {AtanhOf(x):R}");
    }

    [Fact]
    public void Atanh_of_minus_zero_is_minus_zero() => Assert.Equal(Bits(-0d), Bits(AtanhOf(-0d)));

    private static double AtanhOf(double x) => Of(Math512.Atanh, Math256.Atanh, x);

    private static double AsinhOf(double x) => Of(Math512.Asinh, Math256.Asinh, x);
}
