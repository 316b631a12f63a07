using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;
using JaxNet.Backends.CpuSimd.Codegen.Vector;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float32 erf in float32 lanes (VectorMath.Float32Erf.cs) against the float64 routine (itself within an ulp of a
/// double-double series, ErfTests): whole binades swept value by value on both widths, which must agree bit for bit,
/// the split between the two formulas, saturation, and the special values beside ordinary neighbours.
/// </summary>
public sealed class Float32ErfTests
{
    // The sweep of every float32 found 1.16 ulp at most (just below the split at 1.25).
    private const double Bound = 1.2;

    [Theory]
    [InlineData(0x3F800000u)] // [1, 2): both formulas, the split at 1.25
    [InlineData(0xBF800000u)] // [-2, -1)
    [InlineData(0x3F000000u)] // [0.5, 1)
    [InlineData(0x40000000u)] // [2, 4): up to saturation
    [InlineData(0x3C000000u)] // [2^-7, 2^-6)
    [InlineData(0x00400000u)] // the upper half of the subnormals
    public void Over_every_value_of_a_binade(uint first) =>
        AssertFloat32("erf", Math512.Erf, Math256.Erf, VectorLane.Erf, Consecutive(first, first == 0x00400000u ? 1 << 22 : 1 << 23), Bound);

    [Fact]
    public void Either_side_of_the_split_and_of_saturation()
    {
        var xs = new[] { 1.25f, 4f, 3.9192059f }.SelectMany(b => Enumerable.Range(-512, 1024).Select(k => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(b) + k)))
            .SelectMany(x => new[] { x, -x }).ToArray();
        AssertFloat32("erf", Math512.Erf, Math256.Erf, VectorLane.Erf, xs, Bound);
    }

    [Fact]
    public void Zeros_keep_their_sign() // xUnit folds -0 and 0 in InlineData
    {
        var got = Math512.Erf(Vector512.Create(-0f, 0f, -0f, 0f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f));
        Assert.Equal([-0f, 0f, -0f, 0f], [got[0], got[1], got[2], got[3]]);
        Assert.True(float.IsNegative(got[0]) && !float.IsNegative(got[1]) && float.IsNegative(VectorLane.Erf(-0f)));
    }

    [Theory]
    [InlineData(1e-45f, 1e-45f)] // 2/sqrt(pi) of the smallest subnormal rounds to it
    [InlineData(-3e-45f, -3e-45f)]
    [InlineData(float.PositiveInfinity, 1f)]
    [InlineData(float.NegativeInfinity, -1f)]
    [InlineData(float.NaN, float.NaN)]
    [InlineData(float.MaxValue, 1f)]
    [InlineData(-4f, -1f)]
    [InlineData(3.95f, 1f)]
    [InlineData(3.9f, 0.99999994f)]
    public void Special_values_beside_ordinary_neighbours(float x, float expected)
    {
        var lanes = Enumerable.Range(0, 16).Select(i => i == 5 ? x : 0.3f * i).ToArray();
        var wide = Math512.Erf(Vector512.Create(lanes));
        var narrow = Math256.Erf(Vector256.Create(lanes.AsSpan(0, 8)));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(wide.GetElement(5)));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(narrow.GetElement(5)));
        for (var i = 0; i < 16; i++)
            if (i != 5) Assert.True(FloatUlps(wide.GetElement(i), VectorLane.Erf((double)lanes[i])) <= Bound, $"erf({lanes[i]:R}) beside {x:R}");
    }
}
