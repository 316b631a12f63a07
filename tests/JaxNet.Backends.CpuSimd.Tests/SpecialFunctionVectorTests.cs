using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The vector cbrt, erfinv, lgamma and digamma (VectorMath.Cbrt.cs, ErfInv.cs, Gamma.cs), both widths bit-equal:
/// cbrt within 1 ulp of a double-double reference (float32 within 0.501 ulp); erfinv within 2 ulps of the scalar
/// routine up to |y| = 0.9999 and of a Newton-corrected reference near ±1; lgamma and digamma within 4 ulps of the
/// scalar routines (whose formulas they share), counted in ulps of 1 where the value is below 1 (near the zeros the
/// scalar routines themselves are only about 1e-15 absolute). The edges (NaN, ±inf, ±0, subnormals, ±1 and beyond
/// for erfinv, poles for lgamma and digamma) give the scalar routines' bits.
/// </summary>
public sealed class SpecialFunctionVectorTests
{
    public static TheoryData<double, double> CbrtMagnitudes => new()
    {
        { -307.6, -300 },
        { -30, -1 },
        { -1, 1 },
        { 1, 30 },
        { 300, 308.2 },
    };

    [Theory]
    [MemberData(nameof(CbrtMagnitudes))]
    public void Float64_cbrt_is_within_one_ulp_of_the_exact_root(double lo, double hi) =>
        AssertWorst("cbrt", WorstUlp(Math512.Cbrt, Math256.Cbrt, DoubleDoubleReference.Cbrt, LogUniform(61, 32 * 1024, lo, hi, bothSigns: true)), 1);

    [Fact]
    public void Cbrt_of_a_perfect_cube_is_exact()
    {
        foreach (var n in Enumerable.Range(-1000, 2001))
            Assert.Equal((double)n, Of(Math512.Cbrt, Math256.Cbrt, (double)n * n * n));
        Assert.Equal(Math.ScaleB(1, -340), Of(Math512.Cbrt, Math256.Cbrt, Math.ScaleB(1, -1020)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(0d)]
    [InlineData(5e-324)]
    [InlineData(-5e-324)]
    [InlineData(2.2250738585072009e-308)]
    [InlineData(-1e-310)]
    public void Cbrt_edges_give_the_C_librarys_bits(double x) => Assert.Equal(Bits(Math.Cbrt(x)), Bits(Of(Math512.Cbrt, Math256.Cbrt, x)));

    [Fact]
    public void Cbrt_keeps_the_sign_of_zero_and_reaches_the_largest_values()
    {
        Assert.Equal(Bits(-0d), Bits(Of(Math512.Cbrt, Math256.Cbrt, -0d)));
        foreach (var x in new[] { double.MaxValue, -double.MaxValue, 2.2250738585072014e-308, -1d, 8d })
            Assert.True(Ulps(Of(Math512.Cbrt, Math256.Cbrt, x), DoubleDoubleReference.Cbrt(x)) <= 1, $"cbrt({x:R})");
    }

    [Fact]
    public void Float32_cbrt_is_within_half_an_ulp_and_a_hair()
    {
        var xs = LogUniform(62, 64 * 1024, -45, 38.5, bothSigns: true).Select(x => (float)x)
            .Concat([0f, -0f, 1e-45f, -1e-45f, float.MaxValue, -float.MaxValue, 27f, -0.125f]).ToArray();
        AssertFloat32("cbrt", Math512.Cbrt, Math256.Cbrt, x => DoubleDoubleReference.Cbrt(x), xs, 0.501);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(0.5, 0.9)]
    [InlineData(0.9, 0.9999)]
    public void Float64_erfinv_is_within_two_ulps_of_the_exact_value(double lo, double hi)
    {
        var xs = Uniform(63, 32 * 1024, lo, hi).Select((x, i) => i % 2 == 0 ? x : -x).ToArray();
        AssertWorst("erfinv", WorstUlp(Math512.ErfInv, Math256.ErfInv, ErfInvReference, xs), 2);
    }

    [Fact]
    public void Float64_erfinv_of_tiny_values_is_within_two_ulps()
    {
        var xs = LogUniform(64, 16 * 1024, -307, -1, bothSigns: true);
        AssertWorst("erfinv", WorstUlp(Math512.ErfInv, Math256.ErfInv, ErfInvReference, xs), 2);
    }

    /// <summary>Near ±1 (1 - |y| down to 2^-53) the reference is x = erfinv y corrected by a Newton step on (1 - y) - erfc x.</summary>
    [Fact]
    public void Float64_erfinv_near_one_is_within_two_ulps()
    {
        var xs = LogUniform(65, 16 * 1024, -15.95, -4, bothSigns: false).Select(d => 1 - d).ToArray();
        AssertWorst("erfinv", WorstUlp(Math512.ErfInv, Math256.ErfInv, ErfInvNearOne, xs), 2);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1d)]
    [InlineData(-1d)]
    [InlineData(1.0000000000000002)]
    [InlineData(-2d)]
    [InlineData(0d)]
    public void Erfinv_edges_give_the_scalar_routines_bits(double y) =>
        Assert.Equal(Bits(SpecialFunctions.ErfInv(y)), Bits(Of(Math512.ErfInv, Math256.ErfInv, y)));

    [Fact]
    public void Erfinv_keeps_the_sign_of_zero_and_is_finite_just_inside_one()
    {
        Assert.Equal(Bits(-0d), Bits(Of(Math512.ErfInv, Math256.ErfInv, -0d)));
        Assert.True(Ulps(Of(Math512.ErfInv, Math256.ErfInv, 5e-324), 5e-324 * Math.Sqrt(Math.PI) / 2) <= 1);
        foreach (var y in new[] { 0.9999999999999999, -0.9999999999999999 })
            Assert.True(Ulps(Of(Math512.ErfInv, Math256.ErfInv, y), ErfInvNearOne(y)) <= 2, $"erfinv({y:R})");
    }

    [Fact]
    public void Float32_erfinv_is_within_its_bound_of_the_float64_routine()
    {
        // float32 erfinv has its own routine (Float32ErfInvTests sweeps it); here, random lanes against the reference.
        var xs = Uniform(66, 64 * 1024, -1, 1).Select(x => (float)x)
            .Concat([0f, -0f, 1e-45f, -1e-45f, 0.99999994f, -0.99999994f, 1e-30f]).ToArray();
        AssertFloat32("erfinv", Math512.ErfInv, Math256.ErfInv, ErfInvReference, xs, 2.5);
    }

    public static TheoryData<double, double> GammaArguments => new()
    {
        { 0.5, 3 },
        { 3, 100 },
        { 100, 1e6 },
    };

    [Theory]
    [MemberData(nameof(GammaArguments))]
    public void Float64_lgamma_and_digamma_are_within_four_ulps_of_the_scalar_routines(double lo, double hi)
    {
        var xs = Uniform(67, 32 * 1024, lo, hi);
        AssertWorst("lgamma", WorstUlp(Math512.Lgamma, Math256.Lgamma, SpecialFunctions.Lgamma, xs, magnitudeFloor: 1), 4);
        AssertWorst("digamma", WorstUlp(Math512.Digamma, Math256.Digamma, SpecialFunctions.Digamma, xs, magnitudeFloor: 1), 4);
    }

    [Fact]
    public void Float64_lgamma_and_digamma_of_large_and_tiny_arguments_are_within_four_ulps()
    {
        var xs = LogUniform(68, 16 * 1024, 6, 305, bothSigns: false).Concat(LogUniform(69, 16 * 1024, -320, -6, bothSigns: true)).ToArray();
        AssertWorst("lgamma", WorstUlp(Math512.Lgamma, Math256.Lgamma, SpecialFunctions.Lgamma, xs, magnitudeFloor: 1), 4);
        AssertWorst("digamma", WorstUlp(Math512.Digamma, Math256.Digamma, SpecialFunctions.Digamma, xs, magnitudeFloor: 1), 4);
    }

    /// <summary>
    /// Below 1/2 both routines reflect, subtracting log(pi / |sin(pi x)|) (or pi cot(pi x)) and the value at 1 - x, which
    /// cancel to a smaller result: the vector sin's last bit (it is within an ulp of Math.Sin) is magnified there, so the
    /// bound is 16 ulps of max(|value|, 1).
    /// </summary>
    [Theory]
    [InlineData(-170.5, -0.5)]
    [InlineData(-0.5, 0.5)]
    public void Float64_reflected_lgamma_and_digamma_are_within_sixteen_ulps_of_the_scalar_routines(double lo, double hi)
    {
        var xs = Uniform(75, 32 * 1024, lo, hi);
        AssertWorst("lgamma", WorstUlp(Math512.Lgamma, Math256.Lgamma, SpecialFunctions.Lgamma, xs, magnitudeFloor: 1), 16);
        AssertWorst("digamma", WorstUlp(Math512.Digamma, Math256.Digamma, SpecialFunctions.Digamma, xs, magnitudeFloor: 1), 16);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(0d)]
    [InlineData(-1d)]
    [InlineData(-2d)]
    [InlineData(-171d)]
    [InlineData(-4503599627370496d)]
    [InlineData(-1e300)]
    [InlineData(5e-324)]
    [InlineData(-5e-324)]
    [InlineData(1d)]
    [InlineData(2d)]
    [InlineData(1e308)]
    public void Gamma_edges_give_the_scalar_routines_bits(double x)
    {
        Assert.Equal(Bits(SpecialFunctions.Lgamma(x)), Bits(Of(Math512.Lgamma, Math256.Lgamma, x)));
        if (Math.Abs(x) > 1e-300 && x != 1 && x != 2) // digamma's tiny values and 1, 2 are ordinary values, checked within ulps
            Assert.Equal(Bits(SpecialFunctions.Digamma(x)), Bits(Of(Math512.Digamma, Math256.Digamma, x)));
    }

    [Fact]
    public void Float32_lgamma_and_digamma_match_the_rounded_scalar_routines()
    {
        var xs = Uniform(73, 64 * 1024, -40, 40).Select(x => (float)x)
            .Concat(LogUniform(74, 8 * 1024, -38, 36, bothSigns: false).Select(x => (float)x)).Concat([0.5f, 1.5f, 2.5f, -0.5f]).ToArray();
        AssertFloat32("lgamma", Math512.Lgamma, Math256.Lgamma, SpecialFunctions.Lgamma, xs, 0.6);
        AssertFloat32("digamma", Math512.Digamma, Math256.Digamma, SpecialFunctions.Digamma, xs, 0.6);
    }

    [Fact]
    public void Float32_edges_give_the_rounded_scalar_bits()
    {
        float[] xs = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0, -0f, 1e-45f, -1e-45f, 1, -1, 2, -3, 0.5f, 27, float.MaxValue, -float.MaxValue, 1.0000001f];
        var cbrt = Math512.Cbrt(Vector512.Create(xs));
        var erfinv = Math512.ErfInv(Vector512.Create(xs));
        var lgamma = Math512.Lgamma(Vector512.Create(xs));
        for (var j = 0; j < xs.Length; j++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(MathF.Cbrt(xs[j])), BitConverter.SingleToInt32Bits(cbrt[j]));
            if (Math.Abs(xs[j]) >= 1 || float.IsNaN(xs[j]) || xs[j] == 0)
                Assert.Equal(BitConverter.SingleToInt32Bits((float)SpecialFunctions.ErfInv(xs[j])), BitConverter.SingleToInt32Bits(erfinv[j]));
            if (!float.IsFinite(xs[j]) || xs[j] <= 0 && xs[j] == MathF.Floor(xs[j]) || xs[j] == 1 || xs[j] == 2)
                Assert.Equal(BitConverter.SingleToInt32Bits((float)SpecialFunctions.Lgamma(xs[j])), BitConverter.SingleToInt32Bits(lgamma[j]));
        }
    }

    /// <summary>
    /// erfinv y: the scalar routine's value corrected by Newton steps on erf x - |y| with erf in double-double
    /// (DoubleDoubleReference) up to x = 2.5, or <see cref="ErfInvNearOne"/> beyond.
    /// </summary>
    private static double ErfInvReference(double y)
    {
        var a = Math.Abs(y);
        if (a == 0 || a >= 1) return SpecialFunctions.ErfInv(y);
        var x = SpecialFunctions.ErfInv(a);
        if (x > 2.4) return ErfInvNearOne(y);
        for (var i = 0; i < 2; i++)
        {
            var (hi, lo) = DoubleDoubleReference.ErfPair(x);
            x -= ((hi - a) + lo) / (2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x));
        }
        return Math.CopySign(x, y);
    }

    private static double ErfInvNearOne(double y)
    {
        var a = Math.Abs(y);
        var x = SpecialFunctions.ErfInv(Math.Min(a, 0.9999));
        for (var i = 0; i < 60; i++) // Newton from below, on erfc where 1 - a is exact
            x -= ((1 - a) - SpecialFunctions.Erfc(x)) / (2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x));
        return Math.CopySign(x, y);
    }
}
