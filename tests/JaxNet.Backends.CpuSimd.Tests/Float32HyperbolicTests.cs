using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;
using JaxNet.Backends.CpuSimd.Codegen.Vector;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float32 sinh and cosh in float32 lanes (VectorMath.Float32ExpFamily.cs) against the float64 routines (within 2
/// ulp of Math's, ExpLogFamilyTests): whole binades swept value by value on both widths, which must agree bit for bit,
/// sinh's split, the overflow threshold, and the special values beside ordinary neighbours.
/// </summary>
public sealed class Float32HyperbolicTests
{
    // An exhaustive sweep of every float32 found 1.52 ulp for sinh (just past its split at 2) and 1.47 for cosh.
    private const double Bound = 1.55;

    [Theory]
    [InlineData(0x3F800000u)] // [1, 2): sinh's polynomial up to its split
    [InlineData(0x40000000u)] // [2, 4): sinh's h - 1/(4h) from the split on
    [InlineData(0xC0000000u)] // [-4, -2)
    [InlineData(0x42800000u)] // [64, 128): overflow at 89.4
    [InlineData(0x3A800000u)] // [2^-10, 2^-9)
    public void Over_every_value_of_a_binade(uint first)
    {
        var xs = Consecutive(first, 1 << 23);
        AssertFloat32("sinh", Math512.Sinh, Math256.Sinh, VectorLane.Sinh, xs, Bound);
        AssertFloat32("cosh", Math512.Cosh, Math256.Cosh, VectorLane.Cosh, xs, Bound);
    }

    [Fact]
    public void Zeros_give_a_zero_of_their_sign_and_one() // xUnit folds -0 and 0 in InlineData
    {
        var zeros = Vector512.Create(-0f, 0f, -0f, 0f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f);
        var sinh = Math512.Sinh(zeros);
        var cosh = Math512.Cosh(zeros);
        Assert.True(sinh[0] == 0 && float.IsNegative(sinh[0]) && sinh[1] == 0 && !float.IsNegative(sinh[1]));
        Assert.True(cosh[0] == 1 && cosh[1] == 1);
        Assert.True(float.IsNegative(VectorLane.Sinh(-0f)) && VectorLane.Cosh(-0f) == 1);
    }

    [Theory]
    [InlineData("sinh", 1e-45f, 1e-45f)]
    [InlineData("sinh", -1e-40f, -1e-40f)]
    [InlineData("sinh", float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData("sinh", float.NegativeInfinity, float.NegativeInfinity)]
    [InlineData("sinh", float.NaN, float.NaN)]
    [InlineData("sinh", 89.5f, float.PositiveInfinity)]
    [InlineData("sinh", -89.5f, float.NegativeInfinity)]
    [InlineData("cosh", 1e-45f, 1f)]
    [InlineData("cosh", float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData("cosh", float.NegativeInfinity, float.PositiveInfinity)]
    [InlineData("cosh", float.NaN, float.NaN)]
    [InlineData("cosh", -89.5f, float.PositiveInfinity)]
    [InlineData("cosh", float.MaxValue, float.PositiveInfinity)]
    public void Special_values_beside_ordinary_neighbours(string function, float x, float expected)
    {
        var (wide, narrow, reference) = function == "sinh"
            ? ((Func<Vector512<float>, Vector512<float>>)Math512.Sinh, (Func<Vector256<float>, Vector256<float>>)Math256.Sinh, (Func<double, double>)VectorLane.Sinh)
            : (Math512.Cosh, Math256.Cosh, VectorLane.Cosh);
        var lanes = Enumerable.Range(0, 16).Select(i => i == 5 ? x : 0.7f * i - 3).ToArray();
        var got = wide(Vector512.Create(lanes));
        var gotNarrow = narrow(Vector256.Create(lanes.AsSpan(0, 8)));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(got.GetElement(5)));
        Assert.Equal(BitConverter.SingleToInt32Bits(got.GetElement(5)), BitConverter.SingleToInt32Bits(gotNarrow.GetElement(5)));
        for (var i = 0; i < 16; i++)
            if (i != 5) Assert.True(FloatUlps(got.GetElement(i), reference(lanes[i])) <= Bound, $"{function}({lanes[i]:R}) beside {x:R}");
    }
}
