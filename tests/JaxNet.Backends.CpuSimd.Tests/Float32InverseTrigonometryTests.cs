using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float32 atan, atan2, asin and acos in float32 lanes (VectorMath.Float32InverseTrigonometry.cs) against Math in
/// float64: whole binades swept value by value (both signs), |x| = 1 and its neighbours, atan2 in every quadrant and
/// on the axes with signed zeros and infinities, and both widths bit for bit.
/// </summary>
public sealed class Float32InverseTrigonometryTests
{
    // Sweeps run once outside the tests, both signs: every float32 for atan (at most 1.09 ulp), asin and acos (1.06);
    // 10^8 random pairs for atan2 (1.52: the quotient's rounding, up to an ulp of the result, and the final one).
    private static readonly Dictionary<string, (Func<Vector512<float>, Vector512<float>> Wide, Func<Vector256<float>, Vector256<float>> Narrow, Func<double, double> Reference, double Bound)> Unary = new()
    {
        ["atan"] = (Math512.Atan, Math256.Atan, Math.Atan, 1.1),
        ["asin"] = (Math512.Asin, Math256.Asin, Math.Asin, 1.1),
        ["acos"] = (Math512.Acos, Math256.Acos, Math.Acos, 1.1),
    };

    private const double Atan2Bound = 1.6;

    [Theory]
    [InlineData("atan", 0x3F000000)] // [0.5, 1): b = |x|, no division
    [InlineData("atan", 0x3F800000)] // [1, 2): b = 1 / |x|, pi/2 - atan b
    [InlineData("atan", 0x4B800000)] // [2^24, 2^25): b below 2^-24, atan x rounds to pi/2
    [InlineData("asin", 0x3E800000)] // [0.25, 0.5): the polynomial on |x| itself
    [InlineData("asin", 0x3F000000)] // [0.5, 1): pi/2 - 2 asin sqrt((1 - |x|) / 2)
    [InlineData("acos", 0x3E800000)] // [0.25, 0.5): pi/2 -+ asin |x|
    [InlineData("acos", 0x3F000000)] // [0.5, 1): 2 asin s, or pi - 2 asin s for negative x
    public void Over_every_value_of_a_binade_of_both_signs(string function, uint first)
    {
        var (wide, _, reference, bound) = Unary[function];
        var values = new float[16];
        var (worst, at) = (0.0, 0f);
        var visited = Float32Sweep.Visited(1 << 23);
        for (var i = 0; i + 8 <= visited; i += 8)
        {
            for (var j = 0; j < 8; j++)
            {
                values[j] = BitConverter.UInt32BitsToSingle(Float32Sweep.At(first, i + j));
                values[j + 8] = -values[j];
            }
            var got = wide(Vector512.Create(values));
            for (var j = 0; j < 16; j++)
            {
                var error = Ulps(got.GetElement(j), reference(values[j]));
                if (error > worst) (worst, at) = (error, values[j]);
            }
        }
        Assert.True(worst <= bound, $"{function}: {worst:F3} ulp at {at:R}");
    }

    [Fact]
    public void Random_arguments_give_the_same_bits_on_both_widths_within_the_bound()
    {
        var rng = new Random(23);
        var xs = Enumerable.Range(0, 32 * 1024)
            .Select(i => i % 2 == 0 ? (float)(2 * rng.NextDouble() - 1) : (float)((rng.Next(2) * 2 - 1) * Math.Pow(10, rng.NextDouble() * 76 - 38)))
            .ToArray();
        foreach (var (function, (wide, narrow, reference, bound)) in Unary)
            for (var i = 0; i < xs.Length; i += 16)
            {
                var got = wide(Vector512.Create(xs.AsSpan(i, 16)));
                var other = narrow(Vector256.Create(xs.AsSpan(i + 8, 8)));
                for (var j = 0; j < 16; j++)
                {
                    var error = Ulps(got.GetElement(j), reference(xs[i + j]));
                    Assert.True(error <= bound, $"{function}({xs[i + j]:R}) = {got.GetElement(j):R}: {error:F3} ulp");
                    if (j >= 8) Assert.Equal(Bits(got.GetElement(j)), Bits(other.GetElement(j - 8)));
                }
            }
    }

    [Theory]
    [InlineData("atan", -0f, -0f)]
    [InlineData("atan", -1e-45f, -1e-45f)] // subnormals and tiny values: the result is x
    [InlineData("atan", 1e-40f, 1e-40f)]
    [InlineData("atan", 1f, 0.7853982f)]
    [InlineData("atan", float.PositiveInfinity, 1.5707964f)]
    [InlineData("atan", float.NegativeInfinity, -1.5707964f)]
    [InlineData("atan", float.MaxValue, 1.5707964f)]
    [InlineData("atan", float.NaN, float.NaN)]
    [InlineData("asin", -0f, -0f)]
    [InlineData("asin", 1e-45f, 1e-45f)]
    [InlineData("asin", -1e-40f, -1e-40f)]
    [InlineData("asin", 0.5f, 0.5235988f)]
    [InlineData("asin", 1f, 1.5707964f)]
    [InlineData("asin", -1f, -1.5707964f)]
    [InlineData("asin", 0.99999994f, 1.570451f)] // the largest float32 below 1: s = 2^-12.5
    [InlineData("asin", 1.0000001f, float.NaN)]
    [InlineData("asin", -1.0000001f, float.NaN)]
    [InlineData("asin", float.PositiveInfinity, float.NaN)]
    [InlineData("asin", float.NaN, float.NaN)]
    [InlineData("acos", -0f, 1.5707964f)]
    [InlineData("acos", 1e-45f, 1.5707964f)]
    [InlineData("acos", 0.5f, 1.0471976f)]
    [InlineData("acos", -0.5f, 2.0943952f)]
    [InlineData("acos", 1f, 0f)]
    [InlineData("acos", -1f, 3.1415927f)]
    [InlineData("acos", 0.99999994f, 0.00034526698f)]
    [InlineData("acos", -0.99999994f, 3.1412473f)]
    [InlineData("acos", 1.0000001f, float.NaN)]
    [InlineData("acos", float.NegativeInfinity, float.NaN)]
    [InlineData("acos", float.NaN, float.NaN)]
    public void Edges_are_correctly_rounded(string function, float x, float expected)
    {
        var (wide, narrow, _, _) = Unary[function];
        // Each value beside ordinary neighbours on both widths.
        var lanes = Enumerable.Range(0, 16).Select(i => i == 5 ? x : 0.0625f * i).ToArray();
        var got = wide(Vector512.Create(lanes)).GetElement(5);
        if (float.IsNaN(expected)) Assert.True(float.IsNaN(got), $"{function}({x:R}) = {got:R}");
        else Assert.Equal(Bits(expected), Bits(got));
        Assert.Equal(Bits(got), Bits(narrow(Vector256.Create(lanes.AsSpan(0, 8))).GetElement(5)));
    }

    [Fact]
    public void Atan2_of_zeros_infinities_and_NaN_match_Math_in_every_quadrant()
    {
        float[] values = [0f, -0f, 1e-45f, -1e-45f, 1e-40f, 1f, -1f, 3f, -3f, float.MaxValue, -float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        foreach (var y in values)
            foreach (var x in values)
            {
                var expected = (float)Math.Atan2(y, x);
                var got = Math512.Atan2(Vector512.Create(y), Vector512.Create(x)).GetElement(0);
                if (float.IsNaN(expected)) Assert.True(float.IsNaN(got), $"atan2({y:R}, {x:R}) = {got:R}");
                else Assert.True(Ulps(got, Math.Atan2(y, x)) <= Atan2Bound && float.IsNegative(got) == float.IsNegative(expected), $"atan2({y:R}, {x:R}) = {got:R}, expected {expected:R}");
                // The axes, the origin and the diagonals of infinities come out exactly.
                if (!float.IsNaN(expected) && (y == 0 || x == 0 || float.IsInfinity(y) || float.IsInfinity(x))) Assert.Equal(Bits(expected), Bits(got));
                Assert.Equal(Bits(got), Bits(Math256.Atan2(Vector256.Create(y), Vector256.Create(x)).GetElement(0)));
            }
    }

    [Fact]
    public void Atan2_over_all_four_quadrants_and_next_to_the_diagonal()
    {
        // Random exponents over the whole range, quotients that neither underflow nor round to 1, and pairs within
        // 2^-20 of the diagonal, where the division's rounding matters most.
        var rng = new Random(24);
        var ys = new float[64 * 1024];
        var xs = new float[ys.Length];
        for (var i = 0; i < ys.Length; i++)
        {
            var x = (float)((rng.NextDouble() + 0.5) * Math.Pow(2, rng.Next(-126, 126)));
            var ratio = (i % 3) switch
            {
                0 => Math.Pow(2, rng.Next(-140, 140) + rng.NextDouble()),
                1 => Math.Pow(2, (rng.NextDouble() - 0.5) * 40),
                _ => 1 + (rng.NextDouble() - 0.5) * 1e-6,
            };
            xs[i] = rng.Next(2) == 0 ? x : -x;
            ys[i] = (float)(x * ratio) * (rng.Next(2) == 0 ? 1 : -1);
        }
        var (worst, at) = (0.0, (0f, 0f));
        for (var i = 0; i < ys.Length; i += 16)
        {
            var got = Math512.Atan2(Vector512.Create(ys.AsSpan(i, 16)), Vector512.Create(xs.AsSpan(i, 16)));
            var other = Math256.Atan2(Vector256.Create(ys.AsSpan(i, 8)), Vector256.Create(xs.AsSpan(i, 8)));
            for (var j = 0; j < 16; j++)
            {
                var error = Ulps(got.GetElement(j), Math.Atan2(ys[i + j], xs[i + j]));
                if (error > worst) (worst, at) = (error, (ys[i + j], xs[i + j]));
                if (j < 8) Assert.Equal(Bits(got.GetElement(j)), Bits(other.GetElement(j)));
            }
        }
        Assert.True(worst <= Atan2Bound, $"atan2: {worst:F3} ulp at {at}");
    }

    private static int Bits(float x) => BitConverter.SingleToInt32Bits(x);

    private static double Ulps(float got, double expected)
    {
        if (double.IsNaN(expected)) return float.IsNaN(got) ? 0 : double.PositiveInfinity;
        var magnitude = MathF.Abs((float)expected);
        var ulp = magnitude == 0 ? float.Epsilon : MathF.BitIncrement(magnitude) - magnitude;
        return Math.Abs(got - expected) / ulp;
    }
}
