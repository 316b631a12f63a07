using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float32 tan in float32 lanes (VectorMath.Float32Trigonometry.cs) against Math.Tan in float64: whole binades swept
/// value by value, the float32 values nearest each odd multiple of pi/2 below the route's limit (where tan is -1 / tan r
/// of a tiny r), both widths bit for bit, and the lanes that take the float64 route beside ones that do not.
/// </summary>
public sealed class Float32TanTests
{
    // An exhaustive sweep of every float32 below 2^18, run once outside the tests, finds at most 1.05 ulp.
    private const double Bound = 1.1;

    private const float Limit = 262144f; // 2^18: above it the float64 route, within 0.501 ulp

    [Theory]
    [InlineData(0x3F000000)] // [0.5, 1): q = 0 and, past pi/4, q = 1
    [InlineData(0x3FC00000)] // [1.5, 2): pi/2 itself, where tan changes sign
    [InlineData(0x48000000)] // [2^17, 2^18): the last binade of the float32 route, q up to 166886
    public void Over_every_value_of_a_binade(uint first)
    {
        var values = new float[16];
        var (worst, at) = (0.0, 0f);
        var visited = Float32Sweep.Visited(1 << 23);
        for (var i = 0; i + 16 <= visited; i += 16)
        {
            for (var j = 0; j < 16; j++) values[j] = BitConverter.UInt32BitsToSingle(Float32Sweep.At(first, i + j)) * (j % 2 == 0 ? 1 : -1);
            var got = Math512.Tan(Vector512.Create(values));
            for (var j = 0; j < 16; j++)
            {
                var error = Ulps(got.GetElement(j), Math.Tan(values[j]));
                if (error > worst) (worst, at) = (error, values[j]);
            }
        }
        Assert.True(worst <= Bound, $"tan: {worst:F3} ulp at {at:R}");
    }

    [Fact]
    public void Next_to_every_odd_multiple_of_half_pi_below_the_limit()
    {
        // The float32 values on either side of (k + 1/2) pi: r is as small as the reduction ever sees, and tan is large.
        var xs = new List<float>();
        for (var k = 0; (k + 0.5) * Math.PI < Limit; k++)
        {
            var nearest = (float)((k + 0.5) * Math.PI);
            xs.AddRange([MathF.BitDecrement(nearest), nearest, MathF.BitIncrement(nearest)]);
        }
        while (xs.Count % 16 != 0) xs.Add(1f);
        var all = xs.ToArray(); // once: copying 250,000 values for each chunk made this test quadratic
        var (worst, at) = (0.0, 0f);
        for (var i = 0; i < all.Length; i += 16)
        {
            var got = Math512.Tan(Vector512.Create(all.AsSpan(i, 16)));
            for (var j = 0; j < 16; j++)
            {
                var expected = Math.Tan(xs[i + j]);
                Assert.Equal(Math.Sign(expected), Math.Sign(got.GetElement(j)));
                var error = Ulps(got.GetElement(j), expected);
                if (error > worst) (worst, at) = (error, xs[i + j]);
            }
        }
        Assert.True(worst <= Bound, $"tan: {worst:F3} ulp at {at:R}");
    }

    [Theory]
    [InlineData(-10, 10)]
    [InlineData(-3e5, 3e5)] // both sides of the limit
    [InlineData(1e8, 1e9)] // the float64 route
    public void Random_arguments_give_the_same_bits_on_both_widths_within_the_bound(double lo, double hi)
    {
        var rng = new Random(22);
        var xs = Enumerable.Range(0, 32 * 1024).Select(_ => (float)(lo + rng.NextDouble() * (hi - lo))).ToArray();
        for (var i = 0; i < xs.Length; i += 16)
        {
            var wide = Math512.Tan(Vector512.Create(xs.AsSpan(i, 16)));
            var narrow = Math256.Tan(Vector256.Create(xs.AsSpan(i + 8, 8)));
            for (var j = 0; j < 16; j++)
            {
                var x = xs[i + j];
                var error = Ulps(wide.GetElement(j), Math.Tan(x));
                Assert.True(error <= (MathF.Abs(x) <= Limit ? Bound : 0.501), $"tan({x:R}) = {wide.GetElement(j):R}: {error:F3} ulp");
                if (j >= 8) Assert.Equal(BitConverter.SingleToInt32Bits(wide.GetElement(j)), BitConverter.SingleToInt32Bits(narrow.GetElement(j - 8)));
            }
        }
    }

    [Theory]
    [InlineData(-0f, -0f)]
    [InlineData(1e-45f, 1e-45f)] // subnormals and tiny values: tan x rounds to x
    [InlineData(-1e-40f, -1e-40f)]
    [InlineData(1e-4f, 1e-4f)]
    [InlineData(float.NaN, float.NaN)]
    [InlineData(float.PositiveInfinity, float.NaN)]
    [InlineData(float.NegativeInfinity, float.NaN)]
    [InlineData(0.785398185f, 1f)] // the float32 nearest pi/4
    [InlineData(1.57079637f, -22877332f)] // the float32 nearest pi/2, just above it
    [InlineData(Limit, 0.0844061f)] // the float32 route's last value
    [InlineData(262144.03f, 0.11597228f)] // the float64 route's first
    [InlineData(float.MaxValue, -0.6117979f)]
    public void Edges_and_the_float64_route(float x, float expected)
    {
        // Each value beside ordinary neighbours, so lanes that take the float64 route share a vector with ones that do not.
        var lanes = Enumerable.Range(0, 16).Select(i => i == 5 ? x : 0.25f * i).ToArray();
        var got = Math512.Tan(Vector512.Create(lanes));
        Assert.True(Ulps(got.GetElement(5), expected) <= Bound, $"tan({x:R}) = {got.GetElement(5):R}, expected {expected:R}");
        if (!float.IsNaN(expected)) Assert.Equal(float.IsNegative(expected), float.IsNegative(got.GetElement(5)));
        Assert.Equal(BitConverter.SingleToInt32Bits(got.GetElement(5)),
            BitConverter.SingleToInt32Bits(Math256.Tan(Vector256.Create(lanes.AsSpan(0, 8))).GetElement(5)));
        Assert.True(Ulps(got.GetElement(1), Math.Tan(0.25)) <= Bound);
    }

    private static double Ulps(float got, double expected)
    {
        if (double.IsNaN(expected)) return float.IsNaN(got) ? 0 : double.PositiveInfinity;
        var magnitude = MathF.Abs((float)expected);
        var ulp = magnitude == 0 ? float.Epsilon : MathF.BitIncrement(magnitude) - magnitude;
        return Math.Abs(got - expected) / ulp;
    }
}
