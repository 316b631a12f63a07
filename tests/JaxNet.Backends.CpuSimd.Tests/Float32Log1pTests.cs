using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float32 log1p in float32 lanes (VectorMath.Float32Log1p.cs) against a float64 reference: whole binades swept value
/// by value, both widths bit for bit, the edges that take the float64 route, and the sign of zero.
/// </summary>
public sealed class Float32Log1pTests
{
    private const double Bound = 1.0;

    [Theory]
    [InlineData(0x3F800000, 1 << 23)] // [1, 2)
    [InlineData(0x3F000000, 1 << 23)] // [0.5, 1): u's exponent changes inside the binade (at sqrt(2) - 1)
    [InlineData(0x38000000, 1 << 23)] // [2^-15, 2^-14): 1 + x rounds, c carries the rest
    [InlineData(0xBF000000, 1 << 23)] // [-1, -0.5): u from 2^-24 to 1/2, k from -24 to -1
    [InlineData(0xBE800000, 1 << 23)] // [-0.5, -0.25): u's exponent changes at sqrt(1/2)
    [InlineData(0x7E800000, 1 << 23)] // [2^126, 2^127): the last binade of the float32 route
    public void Over_every_value_of_a_binade(uint first, int count)
    {
        var (worst, at) = Float32Sweep.Worst(first, count, Math512.Log1p, Reference);
        Assert.True(worst <= Bound, $"log1p: {worst:F3} ulp at {at:R}");
    }

    [Fact]
    public void Random_arguments_give_the_same_bits_on_both_widths_within_the_bound()
    {
        var rng = new Random(21);
        var xs = Enumerable.Range(0, 32 * 1024)
            .Select(i => i % 2 == 0 ? (float)(-1 + 2 * rng.NextDouble()) : (float)Math.Pow(10, rng.NextDouble() * 76 - 38))
            .ToArray();
        for (var i = 0; i < xs.Length; i += 16)
        {
            var wide = Math512.Log1p(Vector512.Create(xs.AsSpan(i, 16)));
            var narrow = Math256.Log1p(Vector256.Create(xs.AsSpan(i + 8, 8)));
            for (var j = 0; j < 16; j++)
            {
                Assert.True(Float32Sweep.Ulps(wide.GetElement(j), Reference(xs[i + j])) <= Bound, $"log1p({xs[i + j]:R}) = {wide.GetElement(j):R}");
                if (j >= 8) Assert.Equal(BitConverter.SingleToInt32Bits(wide.GetElement(j)), BitConverter.SingleToInt32Bits(narrow.GetElement(j - 8)));
            }
        }
    }

    [Theory]
    [InlineData(-0f, -0f)]
    [InlineData(1e-45f, 1e-45f)]
    [InlineData(-1e-40f, -1e-40f)]
    [InlineData(-1f, float.NegativeInfinity)]
    [InlineData(-1.5f, float.NaN)]
    [InlineData(float.NegativeInfinity, float.NaN)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(float.NaN, float.NaN)]
    [InlineData(float.MaxValue, 88.72284f)]
    [InlineData(1.701411733e38f, 88.02969f)]
    public void Edges_and_the_float64_route(float x, float expected)
    {
        // Each value beside ordinary neighbours, so the lanes that take the float64 route share a vector with ones that do not.
        var lanes = Enumerable.Range(0, 16).Select(i => i == 5 ? x : 0.25f * i).ToArray();
        var got = Math512.Log1p(Vector512.Create(lanes));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(got.GetElement(5)));
        Assert.Equal(BitConverter.SingleToInt32Bits((float)Reference(0.25f)), BitConverter.SingleToInt32Bits(got.GetElement(1)));
    }

    /// <summary>log(1 + x) in float64: 1 + x is exact for a float32 x from 2^-29 up; below, the series' first terms.</summary>
    private static double Reference(float x)
    {
        double d = x;
        return Math.Abs(d) < 1.862645149230957e-09 ? d - d * d / 2 : Math.Log(1 + d);
    }
}
