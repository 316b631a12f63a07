using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float32 pow in float32 lanes (VectorMath.Float32Pow.cs) against Math.Pow in float64: bases over a whole binade and
/// exponents over ranges, results next to float32's overflow and underflow (where y log2 x must be far more precise
/// than a float32: its head and tail pair is tested hardest at bases near sqrt(2) and sqrt(1/2), the ends of the
/// reduction, with |y log2 x| past 64), negative bases, and the special operands (the float64 route's bits), each
/// beside ordinary lanes; both widths give the same bits.
/// </summary>
public sealed class Float32PowTests
{
    // The sweeps below found 0.869 ulp at most, at x = sqrt(2) with y log2 x = 86 (the float64 core was within 0.5007).
    private const double Bound = 0.9;

    [Theory]
    [InlineData(0x3F800000u, 0.5f)] // x in [1, 2)
    [InlineData(0x3F000000u, -3.7f)] // x in [0.5, 1)
    [InlineData(0x3F000000u, 131f)] // results from 2^-131 (subnormal) to 1
    [InlineData(0x41800000u, 31.5f)] // x in [16, 32): results up to 2^157, past overflow
    [InlineData(0xBF800000u, 3f)] // x in [-2, -1), an odd exponent
    [InlineData(0xC1800000u, -22f)] // x in [-32, -16), an even exponent: subnormal results
    [InlineData(0x3F800000u, 127f)] // x in [1, 2): y log2 x up to 127, overflow at the end
    [InlineData(0x3F800000u, -149f)] // x in [1, 2): results down to 2^-149 and 0
    public void Over_a_binade_of_bases(uint first, float y)
    {
        var xs = Consecutive(first, 1 << 23);
        AssertPow(xs, xs.Select(_ => y).ToArray());
    }

    [Theory]
    [InlineData(1.0001f, 0x49000000u)] // y in [2^19, 2^20): x^y from 1.05e23 past overflow (y log2 x = 128 near 887,000)
    [InlineData(0.9999f, 0x49000000u)] // the same towards underflow
    [InlineData(2f, 0x42C00000u)] // y in [96, 128): results up to 2^128, overflow at the last
    [InlineData(2f, 0xC2C00000u)] // y in [-128, -96)
    [InlineData(-1.5f, 0x42C00000u)] // a negative base: integer y alone give numbers
    [InlineData(1.4142135f, 0x43000000u)] // y in [128, 256): the reduction's top end, y log2 x from 64 past overflow
    [InlineData(0.70710677f, 0x43000000u)] // its bottom end towards underflow
    public void Over_a_binade_of_exponents(float x, uint first)
    {
        var ys = Consecutive(first, 1 << 22);
        AssertPow(ys.Select(_ => x).ToArray(), ys);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0f, -1f)]
    [InlineData(1f, float.NaN)]
    [InlineData(1f, float.PositiveInfinity)]
    [InlineData(float.NaN, 0f)]
    [InlineData(float.NaN, 1f)]
    [InlineData(2f, float.NaN)]
    [InlineData(-2f, 3f)]
    [InlineData(-2f, 0.5f)]
    [InlineData(-8f, 0.33333334f)]
    [InlineData(-1f, float.PositiveInfinity)]
    [InlineData(-1f, float.NegativeInfinity)]
    [InlineData(0.5f, float.PositiveInfinity)]
    [InlineData(0.5f, float.NegativeInfinity)]
    [InlineData(2f, float.NegativeInfinity)]
    [InlineData(float.PositiveInfinity, -1f)]
    [InlineData(float.PositiveInfinity, 0.5f)]
    [InlineData(float.NegativeInfinity, 3f)]
    [InlineData(float.NegativeInfinity, -3f)]
    [InlineData(float.NegativeInfinity, 2f)]
    [InlineData(1e-45f, 0.5f)]
    [InlineData(1e-45f, -1f)]
    [InlineData(1e-30f, 2f)]
    [InlineData(-1e-30f, 3f)]
    [InlineData(1e10f, 4f)]
    [InlineData(-1e10f, 5f)]
    [InlineData(-3f, 33554432f)] // 2^25: even
    [InlineData(float.MaxValue, 1f)]
    [InlineData(float.MaxValue, -1f)]
    [InlineData(2f, 128f)]
    [InlineData(2f, -149f)]
    [InlineData(2f, -150f)]
    [InlineData(1f, 1e30f)] // from here on ordinary lanes whose results are exact: they must be Math.Pow's bits too
    [InlineData(1f, -3.5f)]
    [InlineData(-1f, 1e30f)]
    [InlineData(-1f, 3f)]
    [InlineData(-1f, -4f)]
    [InlineData(3.7f, 0f)]
    [InlineData(-3.7f, 0f)]
    [InlineData(-2f, 127f)]
    [InlineData(-2f, 129f)]
    [InlineData(-0.5f, 149f)]
    [InlineData(-0.5f, 151f)]
    [InlineData(-0.5f, 1e30f)]
    [InlineData(-2f, 1e30f)]
    [InlineData(1.5f, -1e38f)]
    [InlineData(0.5f, 3e38f)]
    [InlineData(1.17549435e-38f, -1f)]
    public void Special_operands_give_Math_Pow_bits_beside_ordinary_lanes(float x, float y)
    {
        var xs = Enumerable.Range(0, 16).Select(i => i == 11 ? x : 0.4f * i + 0.1f).ToArray();
        var ys = Enumerable.Range(0, 16).Select(i => i == 11 ? y : 2.5f - 0.6f * i).ToArray();
        var wide = Math512.Pow(Vector512.Create(xs), Vector512.Create(ys));
        var narrow = Math256.Pow(Vector256.Create(xs.AsSpan(8)), Vector256.Create(ys.AsSpan(8)));
        Assert.Equal(BitConverter.SingleToInt32Bits((float)Math.Pow(x, y)), BitConverter.SingleToInt32Bits(wide.GetElement(11)));
        Assert.Equal(BitConverter.SingleToInt32Bits(wide.GetElement(11)), BitConverter.SingleToInt32Bits(narrow.GetElement(3)));
        for (var i = 0; i < 16; i++)
            if (i != 11) Assert.True(FloatUlps(wide.GetElement(i), Math.Pow(xs[i], ys[i])) <= Bound, $"pow({xs[i]:R}, {ys[i]:R}) beside ({x:R}, {y:R})");
    }

    [Fact]
    public void Negative_zero_bases_give_Math_Pow_bits() // xUnit folds -0 and 0 in InlineData
    {
        float[] ys = [-3f, 3f, 0.5f, -0.5f, 2f, -2f, 0f, 1f];
        var got = Math256.Pow(Vector256.Create(-0f), Vector256.Create(ys));
        for (var i = 0; i < ys.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits((float)Math.Pow(-0d, ys[i])), BitConverter.SingleToInt32Bits(got[i]));
    }

    [Fact]
    public void Random_operands_over_the_whole_range()
    {
        var rng = new Random(37);
        var xs = Enumerable.Range(0, 64 * 1024).Select(i => (i % 5 == 0 ? -1 : 1) * (float)Math.Pow(2, rng.NextDouble() * 270 - 145)).ToArray();
        var ys = Enumerable.Range(0, xs.Length).Select(i => i % 5 == 0 ? rng.Next(-40, 40) : (float)(rng.NextDouble() * 8 - 4)).ToArray();
        AssertPow(xs, ys);
    }

    private static void AssertPow(float[] xs, float[] ys)
    {
        var (worst, at) = (0d, (0f, 0f));
        for (var i = 0; i + 16 <= xs.Length; i += 16)
        {
            var wide = Math512.Pow(Vector512.Create(xs.AsSpan(i, 16)), Vector512.Create(ys.AsSpan(i, 16)));
            var narrow = Math256.Pow(Vector256.Create(xs.AsSpan(i + 8, 8)), Vector256.Create(ys.AsSpan(i + 8, 8)));
            for (var j = 0; j < 16; j++)
            {
                if (j >= 8) Assert.Equal(BitConverter.SingleToInt32Bits(wide[j]), BitConverter.SingleToInt32Bits(narrow[j - 8]));
                var error = FloatUlps(wide[j], Math.Pow(xs[i + j], ys[i + j]));
                if (!(error <= worst)) (worst, at) = (error, (xs[i + j], ys[i + j]));
            }
        }
        Assert.True(worst <= Bound, $"float32 pow: {worst:F4} ulp at ({at.Item1:R}, {at.Item2:R})");
    }
}
