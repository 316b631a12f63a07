using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float32 asinh, acosh and atanh in float32 lanes (VectorMath.Float32InverseHyperbolic.cs) against Math's float64
/// routines: whole binades swept value by value on both widths (which must agree bit for bit), the switch to log 2|x|
/// at 2^12, the ends of each domain, tiny and subnormal arguments, and the special values beside ordinary neighbours.
/// </summary>
public sealed class Float32InverseHyperbolicTests
{
    // The binade sweeps and random arguments below found asinh 0.79 ulp at most, acosh 0.995 (at 1.03, the float32
    // log1p's own worst) and atanh 0.73.
    private const double Bound = 1.0;

    [Theory]
    [InlineData(0x39800000u)] // [2^-12, 2^-11): results a hair below x
    [InlineData(0x3F000000u)] // [0.5, 1)
    [InlineData(0x3F800000u)] // [1, 2)
    [InlineData(0xC0000000u)] // [-4, -2)
    [InlineData(0x45000000u)] // [2048, 4096): the last binade before log 2|x|
    [InlineData(0x45800000u)] // [4096, 8192): log 2|x|
    [InlineData(0x7F000000u)] // [2^127, 2^128): 2|x| would overflow
    [InlineData(0x00000001u)] // subnormals
    public void Asinh_over_every_value_of_a_binade(uint first) =>
        AssertFloat32("asinh", Math512.Asinh, Math256.Asinh, Math.Asinh, Consecutive(first, first == 0x7F000000u ? (1 << 23) - 1 : 1 << 23), Bound);

    [Theory]
    [InlineData(0x3F800000u)] // [1, 2): results from 0, where x - 1 carries every bit
    [InlineData(0x40000000u)] // [2, 4)
    [InlineData(0x45000000u)] // [2048, 4096)
    [InlineData(0x45800000u)] // [4096, 8192): log 2x
    [InlineData(0x7F000000u)] // [2^127, 2^128)
    public void Acosh_over_every_value_of_a_binade(uint first) =>
        AssertFloat32("acosh", Math512.Acosh, Math256.Acosh, Math.Acosh, Consecutive(first, first == 0x7F000000u ? (1 << 23) - 1 : 1 << 23), Bound);

    [Theory]
    [InlineData(0x3F000000u)] // [0.5, 1): up to 1 - 2^-24, where 2|x| / (1 - |x|) is 2^25
    [InlineData(0xBF000000u)] // (-1, -0.5]
    [InlineData(0x3E800000u)] // [0.25, 0.5)
    [InlineData(0x3B800000u)] // [2^-8, 2^-7)
    [InlineData(0x30800000u)] // [2^-30, 2^-29): results x to the last bit
    [InlineData(0x80000001u)] // negative subnormals
    public void Atanh_over_every_value_of_a_binade(uint first) =>
        AssertFloat32("atanh", Math512.Atanh, Math256.Atanh, Math.Atanh, Consecutive(first, 1 << 23), Bound);

    [Fact]
    public void Zeros_keep_their_sign() // xUnit folds -0 and 0 in InlineData
    {
        var zeros = Vector512.Create(-0f, 0f, -0f, 0f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f);
        foreach (var routine in new Func<Vector512<float>, Vector512<float>>[] { Math512.Asinh, Math512.Atanh })
        {
            var got = routine(zeros);
            Assert.True(got[0] == 0 && float.IsNegative(got[0]) && got[1] == 0 && !float.IsNegative(got[1]));
        }
        Assert.True(float.IsNegative(Math256.Asinh(Vector256.Create(-0f))[0]) && float.IsNegative(Math256.Atanh(Vector256.Create(-0f))[0]));
    }

    [Theory]
    [InlineData("asinh", float.PositiveInfinity)]
    [InlineData("asinh", float.NegativeInfinity)]
    [InlineData("asinh", float.NaN)]
    [InlineData("asinh", float.MaxValue)]
    [InlineData("asinh", -float.MaxValue)]
    [InlineData("asinh", 1e-45f)]
    [InlineData("asinh", 4096f)]
    [InlineData("asinh", -2e-4f)] // one tiny or large lane: the vector takes the rare formula's branch
    [InlineData("asinh", 5000f)]
    [InlineData("acosh", 1f)]
    [InlineData("acosh", 1.00000012f)]
    [InlineData("acosh", 0.99999994f)]
    [InlineData("acosh", 0f)]
    [InlineData("acosh", -2f)]
    [InlineData("acosh", float.PositiveInfinity)]
    [InlineData("acosh", float.NegativeInfinity)]
    [InlineData("acosh", float.NaN)]
    [InlineData("acosh", float.MaxValue)]
    [InlineData("acosh", 4096f)]
    [InlineData("acosh", 1e30f)]
    [InlineData("atanh", 1f)]
    [InlineData("atanh", -1f)]
    [InlineData("atanh", 0.99999994f)]
    [InlineData("atanh", -0.99999994f)]
    [InlineData("atanh", 1.00000012f)]
    [InlineData("atanh", -3f)]
    [InlineData("atanh", float.PositiveInfinity)]
    [InlineData("atanh", float.NaN)]
    [InlineData("atanh", -1e-45f)]
    [InlineData("atanh", 2e-4f)]
    public void Domain_ends_and_special_values_beside_ordinary_neighbours(string function, float x)
    {
        var (wide, narrow, reference) = function switch
        {
            "asinh" => ((Func<Vector512<float>, Vector512<float>>)Math512.Asinh, (Func<Vector256<float>, Vector256<float>>)Math256.Asinh, (Func<double, double>)Math.Asinh),
            "acosh" => (Math512.Acosh, Math256.Acosh, Math.Acosh),
            _ => (Math512.Atanh, Math256.Atanh, Math.Atanh),
        };
        // Neighbours inside every domain: acosh's from 1.1 up, atanh's within (-1, 1).
        var lanes = Enumerable.Range(0, 16).Select(i => i == 5 ? x : function == "atanh" ? 0.12f * i - 0.9f : 1.1f + 0.7f * i).ToArray();
        var got = wide(Vector512.Create(lanes));
        var gotNarrow = narrow(Vector256.Create(lanes.AsSpan(0, 8)));
        Assert.Equal(BitConverter.SingleToInt32Bits(got[5]), BitConverter.SingleToInt32Bits(gotNarrow[5]));
        var expected = reference(x);
        if (double.IsNaN(expected) || double.IsInfinity(expected) || expected == 0)
            Assert.Equal(BitConverter.SingleToInt32Bits((float)expected), BitConverter.SingleToInt32Bits(got[5]));
        for (var i = 0; i < 16; i++)
            Assert.True(FloatUlps(got[i], reference(lanes[i])) <= Bound, $"{function}({lanes[i]:R}) beside {x:R}: {got[i]:R}");
    }

    [Fact]
    public void Asinh_over_random_magnitudes_from_subnormal_to_the_largest() =>
        AssertFloat32("asinh", Math512.Asinh, Math256.Asinh, DoubleDoubleReference.Asinh,
            LogUniform(42, 64 * 1024, -46, 38.5, bothSigns: true).Select(x => (float)x).Concat([1e-45f, -1e-45f, float.MaxValue, -float.MaxValue, 1f, -1f]).ToArray(), Bound);

    [Fact]
    public void Acosh_over_random_arguments_from_just_above_one_to_the_largest() =>
        AssertFloat32("acosh", Math512.Acosh, Math256.Acosh, DoubleDoubleReference.Acosh,
            LogUniform(48, 64 * 1024, -7.2, 38.5, bothSigns: false).Select(d => (float)(1 + d)).Concat([1f, 1.0000001f, float.MaxValue]).ToArray(), Bound);

    [Fact]
    public void Atanh_over_random_magnitudes_and_near_one() =>
        AssertFloat32("atanh", Math512.Atanh, Math256.Atanh, DoubleDoubleReference.Atanh,
            LogUniform(45, 64 * 1024, -46, 0, bothSigns: true).Select(x => (float)x).Where(x => Math.Abs(x) < 1)
                .Concat(LogUniform(46, 16 * 1024, -7.2, -0.3, bothSigns: true).Select(d => (float)Math.CopySign(1 - Math.Abs(d), d)))
                .Concat([1e-45f, -1e-45f, 0.99999994f, -0.99999994f]).ToArray(), Bound);

    /// <summary>Lanes whose float64 result is NaN, infinite or zero (domain ends, specials) and tiny arguments, whose
    /// results are x itself, give Math's bits exactly; the other lanes are within the bound.</summary>
    [Theory]
    [InlineData("asinh", new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0, 1e-45f, -1e-45f, float.MaxValue, -float.MaxValue, 1, -1, 0.5f, 2, 1e-30f, -3e30f, 268435456f, 4096f })]
    [InlineData("acosh", new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0, 1e-45f, 1, -1, 1.0000001f, 0.99999994f, 2, 10, float.MaxValue, 1.5f, 268435456f, 3e30f, 4096f })]
    [InlineData("atanh", new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0, 1e-45f, -1e-45f, 1, -1, 1.0000001f, -1.0000001f, 2, 0.5f, -0.5f, 0.99999994f, 1e-30f, -0.99999994f })]
    public void Edges_of_every_class_at_once(string function, float[] xs)
    {
        var (wide, reference) = function switch
        {
            "asinh" => ((Func<Vector512<float>, Vector512<float>>)Math512.Asinh, (Func<double, double>)Math.Asinh),
            "acosh" => (Math512.Acosh, Math.Acosh),
            _ => (Math512.Atanh, Math.Atanh),
        };
        var got = wide(Vector512.Create(xs));
        for (var j = 0; j < xs.Length; j++)
        {
            var expected = reference(xs[j]);
            if (double.IsNaN(expected) || double.IsInfinity(expected) || expected == 0 || Math.Abs(xs[j]) < 1e-20f)
                Assert.Equal(BitConverter.SingleToInt32Bits((float)expected), BitConverter.SingleToInt32Bits(got[j]));
            else
                Assert.True(FloatUlps(got[j], expected) <= Bound, $"{function}({xs[j]:R}) = {got[j]:R}");
        }
    }
}
