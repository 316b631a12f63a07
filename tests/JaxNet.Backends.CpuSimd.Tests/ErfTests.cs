using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;
using JaxNet.Backends.CpuSimd.Codegen.Vector;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The vector helpers' float64 erf (VectorMath.Erf.cs) against a double-double series up to 2.5 and against
/// 1 - erfc by SpecialFunctions' continued fraction beyond (where erfc's own error is below 2^-11 of an ulp of erf):
/// worst ulp error over ranges and across the interval boundaries, tiny and special values; both widths agree.
/// </summary>
public sealed class ErfTests
{
    private static double Reference(double x) =>
        Math.Abs(x) <= 2.5 ? DoubleDoubleReference.Erf(x) : Math.CopySign(1 - SpecialFunctions.ErfcContinuedFraction(Math.Abs(x)), x);

    [Theory]
    [InlineData(-0.875, 0.875)]
    [InlineData(-3, 3)]
    [InlineData(0.8, 1)]
    [InlineData(2.5, 7)]
    public void Float64_worst_error_in_ulp_is_bounded(double lo, double hi) =>
        AssertWorst("erf", WorstUlp(Math512.Erf, Math256.Erf, Reference, Uniform(41, 32 * 1024, lo, hi)), 1);

    [Fact]
    public void Either_side_of_each_interval_boundary()
    {
        var xs = Enumerable.Range(0, 8).Select(i => 0.875 + 0.75 * i)
            .SelectMany(b => Enumerable.Range(-20, 41).Select(k => b + k * 1e-15)).Concat([5.9, 5.95, 6, 6.01]).ToArray();
        AssertWorst("erf", WorstUlp(Math512.Erf, Math256.Erf, Reference, xs), 1);
    }

    [Fact]
    public void Tiny_arguments_give_2_over_sqrt_pi_x()
    {
        foreach (var x in LogUniform(42, 4096, -300, -9, bothSigns: true))
            Assert.True(Ulps(Math512.Erf(Vector512.Create(x)).GetElement(0), 1.1283791670955126 * x) <= 1);
        Assert.Equal(0d, Math512.Erf(Vector512.Create(5e-324)).GetElement(0) - 5e-324); // 2/sqrt(pi) x rounds to x there
    }

    [Theory]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(double.PositiveInfinity, 1d)]
    [InlineData(double.NegativeInfinity, -1d)]
    [InlineData(-0d, -0d)]
    [InlineData(7d, 1d)]
    [InlineData(-1e300, -1d)]
    public void Special_values(double x, double expected)
    {
        foreach (var got in new[] { Math512.Erf(Vector512.Create(x)).GetElement(0), Math256.Erf(Vector256.Create(x)).GetElement(0), VectorLane.Erf(x) })
        {
            Assert.Equal(expected, got);
            if (!double.IsNaN(expected)) Assert.Equal(double.IsNegative(expected), double.IsNegative(got));
        }
        Assert.Equal((float)expected, Math512.Erf(Vector512.Create((float)x)).GetElement(0));
    }
}
