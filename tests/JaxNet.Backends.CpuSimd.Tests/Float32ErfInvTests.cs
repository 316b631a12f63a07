using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float32 erfinv in float32 lanes (VectorMath.Float32ErfInv.cs) against the float64 routine: whole binades swept
/// value by value, both widths bit for bit, and the edges that take the float64 route beside ordinary lanes.
/// </summary>
public sealed class Float32ErfInvTests
{
    private const double Bound = 2.5;

    [Theory]
    [InlineData(0x3F000000, 1 << 23)] // [0.5, 1): the central polynomial's far end and the whole tail (w >= 5 from 0.9966)
    [InlineData(0x3E800000, 1 << 23)] // [0.25, 0.5)
    [InlineData(0x3D800000, 1 << 23)] // [1/16, 1/8): where the central polynomial's terms cancel most
    [InlineData(0x33800000, 1 << 23)] // [2^-24, 2^-23): (1 - a)(1 + a) rounds to 1, w = 0
    [InlineData(0x00000001, 1 << 20)] // the first subnormals
    public void Over_every_value_of_a_binade(uint first, int count)
    {
        var (worst, at) = Float32Sweep.Worst(first, count, Math512.ErfInv, x => SpecialFunctions.ErfInv(x));
        Assert.True(worst <= Bound, $"erfinv: {worst:F3} ulp at {at:R}");
    }

    [Fact]
    public void Random_arguments_give_the_same_bits_on_both_widths_and_the_scalar_path()
    {
        var rng = new Random(31);
        var xs = Enumerable.Range(0, 32 * 1024)
            .Select(i => i % 2 == 0 ? (float)(-1 + 2 * rng.NextDouble()) : (float)((rng.Next(2) * 2 - 1) * (1 - Math.Pow(2, -24 * rng.NextDouble()))))
            .ToArray();
        for (var i = 0; i < xs.Length; i += 16)
        {
            var wide = Math512.ErfInv(Vector512.Create(xs.AsSpan(i, 16)));
            var narrow = Math256.ErfInv(Vector256.Create(xs.AsSpan(i + 8, 8)));
            for (var j = 0; j < 16; j++)
            {
                Assert.True(Float32Sweep.Ulps(wide.GetElement(j), SpecialFunctions.ErfInv(xs[i + j])) <= Bound, $"erfinv({xs[i + j]:R}) = {wide.GetElement(j):R}");
                // Without vector hardware the kernels are scalar only and VectorLane is .NET's routine.
                if (CpuIsa.HasVector256)
                    Assert.Equal(BitConverter.SingleToInt32Bits(wide.GetElement(j)), BitConverter.SingleToInt32Bits(VectorLane.ErfInv(xs[i + j])));
                if (j >= 8) Assert.Equal(BitConverter.SingleToInt32Bits(wide.GetElement(j)), BitConverter.SingleToInt32Bits(narrow.GetElement(j - 8)));
            }
        }
    }

    [Theory]
    [InlineData(1e-45f, 1e-45f)]
    [InlineData(-0f, -0f)]
    [InlineData(1f, float.PositiveInfinity)]
    [InlineData(-1f, float.NegativeInfinity)]
    [InlineData(1.0000001f, float.NaN)]
    [InlineData(-2f, float.NaN)]
    [InlineData(float.PositiveInfinity, float.NaN)]
    [InlineData(float.NaN, float.NaN)]
    public void Edges_and_the_float64_route(float x, float expected)
    {
        // Each value beside ordinary neighbours, so lanes that take the float64 route share a vector with ones that do not.
        var lanes = Enumerable.Range(0, 16).Select(i => i == 5 ? x : 0.0625f * i - 0.5f).ToArray();
        var got = Math512.ErfInv(Vector512.Create(lanes));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(got.GetElement(5)));
        Assert.True(Float32Sweep.Ulps(got.GetElement(1), SpecialFunctions.ErfInv(lanes[1])) <= Bound);
    }
}
