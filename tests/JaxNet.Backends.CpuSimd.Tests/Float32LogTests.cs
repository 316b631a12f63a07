using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float32 log in float32 lanes (VectorMath.Float32Log.cs) against Math.Log in float64: whole binades swept value by
/// value, both widths and the scalar path bit for bit, and the lanes that keep .NET's logarithm.
/// </summary>
public sealed class Float32LogTests
{
    private const double Bound = 1.0;

    [Theory]
    [InlineData(0x3F800000, 1 << 23)] // [1, 2): k = 0 below sqrt(2), 1 above
    [InlineData(0x3F000000, 1 << 23)] // [0.5, 1): k = -1 below sqrt(1/2), 0 above, where log x and f nearly agree
    [InlineData(0x00800000, 1 << 23)] // [2^-126, 2^-125): the smallest normals
    [InlineData(0x7F000000, (1 << 23) - 1)] // [2^127, MaxValue]
    [InlineData(0x4B000000, 1 << 23)] // [2^23, 2^24)
    public void Over_every_value_of_a_binade(uint first, int count)
    {
        var (worst, at) = Float32Sweep.Worst(first, count, Math512.Log, x => Math.Log(x));
        Assert.True(worst <= Bound, $"log: {worst:F3} ulp at {at:R}");
    }

    [Fact]
    public void Random_arguments_give_the_same_bits_on_both_widths_and_the_scalar_path()
    {
        var rng = new Random(41);
        var xs = Enumerable.Range(0, 32 * 1024).Select(_ => (float)Math.Pow(2, rng.NextDouble() * 256 - 128)).ToArray();
        for (var i = 0; i < xs.Length; i += 16)
        {
            var wide = Math512.Log(Vector512.Create(xs.AsSpan(i, 16)));
            var narrow = Math256.Log(Vector256.Create(xs.AsSpan(i + 8, 8)));
            for (var j = 0; j < 16; j++)
            {
                Assert.True(Float32Sweep.Ulps(wide.GetElement(j), Math.Log(xs[i + j])) <= Bound, $"log({xs[i + j]:R}) = {wide.GetElement(j):R}");
                // Without vector hardware the kernels are scalar only and VectorLane is .NET's routine.
                if (CpuIsa.HasVector256)
                    Assert.Equal(BitConverter.SingleToInt32Bits(wide.GetElement(j)), BitConverter.SingleToInt32Bits(VectorLane.Log(xs[i + j])));
                if (j >= 8) Assert.Equal(BitConverter.SingleToInt32Bits(wide.GetElement(j)), BitConverter.SingleToInt32Bits(narrow.GetElement(j - 8)));
            }
        }
    }

    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(0f, float.NegativeInfinity)]
    [InlineData(-1f, float.NaN)]
    [InlineData(float.NegativeInfinity, float.NaN)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(float.NaN, float.NaN)]
    [InlineData(1e-45f, -103.27893f)]
    [InlineData(1e-39f, -89.80082f)]
    [InlineData(float.MaxValue, 88.72284f)]
    public void Edges_beside_ordinary_lanes(float x, float expected)
    {
        var lanes = Enumerable.Range(0, 16).Select(i => i == 5 ? x : 0.75f + i).ToArray();
        var got = Math512.Log(Vector512.Create(lanes));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(got.GetElement(5)));
        Assert.True(Float32Sweep.Ulps(got.GetElement(1), Math.Log(lanes[1])) <= Bound);
    }

    [Fact]
    public void Zeros_of_either_sign_give_minus_infinity()
    {
        var got = Math512.Log(Vector512.Create([0f, -0f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f]));
        Assert.Equal(float.NegativeInfinity, got.GetElement(0));
        Assert.Equal(float.NegativeInfinity, got.GetElement(1));
    }
}
