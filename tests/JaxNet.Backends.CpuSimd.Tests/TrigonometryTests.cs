using System.Runtime.Intrinsics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Vector;
using JaxNet.Backends.CpuSimd.Tests.Codegen;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The vector helpers' sin, cos and tan (VectorMath.Trigonometry.cs) against Math's (the C library's, correctly
/// rounded in practice): worst ulp error over ranges, near multiples of pi/2, tiny and huge arguments and special
/// values; and that a kernel gives the same bits on its vector lanes, its tail and its scalar path (lane
/// independence itself: LaneIndependenceTests).
/// </summary>
public sealed class TrigonometryTests
{
    private static readonly string[] Functions = ["sin", "cos", "tan"];

    public static TheoryData<string, double, double, double> Ranges => new()
    {
        { "sin", -Math.PI / 4, Math.PI / 4, 1 },
        { "sin", -10, 10, 1 },
        { "sin", -1e5, 1e5, 1 },
        { "sin", 1e5, 1.07e9, 1 },
        { "cos", -Math.PI / 4, Math.PI / 4, 1 },
        { "cos", -10, 10, 1 },
        { "cos", -1e5, 1e5, 1 },
        { "cos", -1.07e9, -1e5, 1 },
        { "tan", -Math.PI / 4, Math.PI / 4, 2 },
        { "tan", -10, 10, 2 },
        { "tan", -1e5, 1e5, 2 },
        { "tan", 1e5, 1.07e9, 2 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Float64_worst_error_in_ulp_is_bounded(string function, double lo, double hi, double bound)
    {
        var rng = new Random(11);
        var xs = Enumerable.Range(0, 32 * 1024).Select(_ => lo + rng.NextDouble() * (hi - lo)).ToArray();
        AssertWorstUlp(function, xs, bound);
    }

    [Fact]
    public void Float64_keeps_its_precision_next_to_multiples_of_half_pi()
    {
        // r = x - k pi/2 loses up to 60 bits to cancellation here: only the double-double reduction keeps 1 ulp.
        var rng = new Random(12);
        var xs = new List<double>();
        foreach (var k in Enumerable.Range(0, 4000).Select(i => i < 200 ? i + 1 : rng.Next(1, 600_000_000)))
        {
            var x = k * (Math.PI / 2);
            xs.AddRange([Math.BitDecrement(x), x, Math.BitIncrement(x), -x]);
        }
        foreach (var function in Functions) AssertWorstUlp(function, xs.ToArray(), function == "tan" ? 2 : 1);
    }

    [Fact]
    public void Float64_tiny_and_subnormal_arguments()
    {
        var rng = new Random(13);
        var xs = Enumerable.Range(0, 8192).Select(_ => (rng.Next(2) == 0 ? -1 : 1) * Math.Pow(10, -323 + rng.NextDouble() * 320))
            .Concat([double.Epsilon, -double.Epsilon, 2.2250738585072014e-308, 1e-310]).ToArray();
        foreach (var function in Functions) AssertWorstUlp(function, xs, 1);
        // Below 1e-9 the r^3 and r^2 terms are under half an ulp: sin x = x and tan x = x exactly, cos x = 1.
        foreach (var x in xs.Where(x => Math.Abs(x) < 1e-9))
        {
            Assert.Equal(1d, Apply512("cos", Vector512.Create(x)).GetElement(0));
            Assert.Equal(Bits(x), Bits(Apply512("sin", Vector512.Create(x)).GetElement(0)));
            Assert.Equal(Bits(x), Bits(Apply512("tan", Vector512.Create(x)).GetElement(0)));
        }
    }

    [Theory]
    [InlineData(1.0737418250000000e9)]
    [InlineData(1e10)]
    [InlineData(-3.7e15)]
    [InlineData(1e22)]
    [InlineData(1e300)]
    [InlineData(double.MaxValue)]
    [InlineData(-double.MaxValue)]
    public void Float64_huge_arguments_give_what_Math_gives(double x)
    {
        foreach (var function in Functions)
        {
            var expected = Reference(function, x);
            Assert.True(double.IsFinite(expected));
            Assert.Equal(expected, Apply512(function, Vector512.Create(x)).GetElement(0));
            Assert.Equal(expected, Apply256(function, Vector256.Create(x)).GetElement(0));
        }
    }

    [Theory]
    [InlineData("sin", double.NaN, double.NaN)]
    [InlineData("sin", double.PositiveInfinity, double.NaN)]
    [InlineData("sin", double.NegativeInfinity, double.NaN)]
    [InlineData("sin", -0d, -0d)]
    [InlineData("cos", double.NaN, double.NaN)]
    [InlineData("cos", double.PositiveInfinity, double.NaN)]
    [InlineData("cos", -0d, 1d)]
    [InlineData("tan", double.NaN, double.NaN)]
    [InlineData("tan", double.NegativeInfinity, double.NaN)]
    [InlineData("tan", -0d, -0d)]
    [InlineData("sin", Math.PI / 2, 1d)]
    [InlineData("cos", Math.PI, -1d)]
    public void Special_values(string function, double x, double expected)
    {
        foreach (var got in new[] { Apply512(function, Vector512.Create(x)).GetElement(0), Apply256(function, Vector256.Create(x)).GetElement(0) })
        {
            Assert.Equal(expected, got);
            if (!double.IsNaN(expected)) Assert.Equal(double.IsNegative(expected), double.IsNegative(got));
        }
        var single = Apply512(function, Vector512.Create((float)x)).GetElement(0);
        Assert.Equal((float)expected, single);
        if (!double.IsNaN(expected)) Assert.Equal(double.IsNegative(expected), float.IsNegative(single));
    }

    [Theory]
    [InlineData(-10, 10)]
    [InlineData(-1e4, 1e4)]
    [InlineData(1e5, 3e5)]
    [InlineData(1e8, 1e9)]
    public void Float32_is_within_its_bound_and_the_same_on_both_widths(double lo, double hi)
    {
        var rng = new Random(14);
        var xs = Enumerable.Range(0, 16 * 1024).Select(_ => (float)(lo + rng.NextDouble() * (hi - lo)))
            .Concat([1e20f, -3e38f, float.MaxValue, 1e-40f, -1e-30f, 262144f, -262144f, 262144.03f, float.NaN, float.NegativeInfinity]).ToArray();
        foreach (var function in Functions)
            for (var i = 0; i + 16 <= xs.Length; i += 16)
            {
                var got = Apply512(function, Vector512.Create(xs.AsSpan(i, 16)));
                var got256 = Apply256(function, Vector256.Create(xs.AsSpan(i, 8)));
                for (var j = 0; j < 16; j++)
                {
                    var x = xs[i + j];
                    var error = Float32Ulps(got.GetElement(j), Reference(function, x));
                    Assert.True(error <= Float32Bound(function, x), $"{function}({x:R}) = {got.GetElement(j):R}: {error:F3} ulp");
                    if (j < 8) Assert.Equal(BitConverter.SingleToInt32Bits(got.GetElement(j)), BitConverter.SingleToInt32Bits(got256.GetElement(j)));
                }
            }
    }

    [Theory]
    [InlineData(1f)] // [1, 2): r from the reduction's first step alone for x < pi/4 * 2, then one multiple
    [InlineData(4096f)] // the first binade where q pi/2's leading part and x share a last bit of 2^-11
    [InlineData(131072f)] // the last binade below the float32 route's limit
    public void Float32_sin_and_cos_over_every_value_of_a_binade(float binade)
    {
        // Every float32 in [binade, 2 binade) (2^23 values, on the 512-bit lanes; every 17th without vector hardware,
        // Float32Sweep.Step): the bound the routine's summary states, found by an exhaustive sweep below 2^18.
        var start = BitConverter.SingleToInt32Bits(binade);
        var values = new float[16];
        foreach (var function in new[] { "sin", "cos" })
        {
            var worst = 0.0;
            var visited = Float32Sweep.Visited(1 << 23);
            for (var i = 0; i + 16 <= visited; i += 16)
            {
                for (var j = 0; j < 16; j++) values[j] = BitConverter.UInt32BitsToSingle(Float32Sweep.At((uint)start, i + j));
                var got = Apply512(function, Vector512.Create(values));
                for (var j = 0; j < 16; j++) worst = Math.Max(worst, Float32Ulps(got.GetElement(j), Reference(function, values[j])));
            }
            Assert.True(worst <= 1.55, $"{function} over [{binade}, {2 * binade}): {worst:F3} ulp");
        }
    }

    /// <summary>float32 sin, cos and tan run in float32 lanes up to 2^18 (1.55 ulp, tan 1.06: Float32TanTests); past it
    /// in float64 lanes rounded once from a value 2^-37 off: a hair over half an ulp.</summary>
    private static double Float32Bound(string function, float x) => Math.Abs(x) <= 262144f ? (function == "tan" ? 1.1 : 1.55) : 0.501;

    private static double Float32Ulps(float got, double expected)
    {
        if (double.IsNaN(expected)) return float.IsNaN(got) ? 0 : double.PositiveInfinity;
        var magnitude = MathF.Abs((float)expected);
        var ulp = magnitude == 0 ? float.Epsilon : MathF.BitIncrement(magnitude) - magnitude;
        return Math.Abs(got - expected) / ulp;
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void A_kernel_gives_the_same_bits_on_its_vector_lanes_its_tail_and_its_scalar_path(DType dtype)
    {
        // 661 values, 16-lane vectors and a 5-value tail (8-lane ones and a 5-value tail), the special ones (which
        // switched .NET's vector routines for their neighbours) shuffled among the others.
        var rng = new Random(16);
        double[] special = [-0d, double.NaN, 1e12, 1.5707963267948966, -3.141592653589793, 1e-300, double.NegativeInfinity];
        var values = Enumerable.Range(0, 640).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 10)))
            .Concat(special).Concat(special).Concat(special).OrderBy(_ => rng.Next()).ToArray();
        foreach (var op in new[] { UnaryOp.Sin, UnaryOp.Cos, UnaryOp.Tan })
        {
            var results = new List<long[]>();
            // The same values shifted by one position put each into a tail once and into a vector lane once.
            foreach (var shift in new[] { 0, 1 })
                foreach (var width in new[] { 512, 256, 0 })
                {
                    var shifted = values[shift..].Concat(values[..shift]).ToArray();
                    using var x = NativeTensor.Of(dtype, shifted);
                    using var y = NativeTensor.Empty(dtype, shifted.Length);
                    CodegenRun.Elementwise(CodegenRun.Map1D(shifted.Length, dtype, (b, v) => b.Unary(op, v)), width, x, y);
                    var bits = Enumerable.Range(0, shifted.Length).Select(i => y.Bits(i)).ToArray();
                    results.Add(bits[^shift..].Concat(bits[..^shift]).ToArray());
                }
            foreach (var other in results.Skip(1)) Assert.Equal(results[0], other);
        }
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    private static void AssertWorstUlp(string function, double[] xs, double bound)
    {
        var (worst, at) = WorstUlp(function, xs);
        Assert.True(worst <= bound, $"{function}: {worst:F2} ulp at x = {at:R}");
    }

    /// <summary>The worst error on both widths (which must agree bit for bit), in ulps of Math's result.</summary>
    private static (double Ulp, double At) WorstUlp(string function, double[] xs)
    {
        var (worst, at) = (0.0, 0.0);
        for (var i = 0; i < xs.Length; i += 8)
        {
            var chunk = new double[8];
            xs.AsSpan(i, Math.Min(8, xs.Length - i)).CopyTo(chunk);
            var wide = Apply512(function, Vector512.Create(chunk));
            var narrow = Apply256(function, Vector256.Create(chunk.AsSpan(4))); // lanes 4..7 on the other width
            for (var j = 0; j < 8; j++)
            {
                var got = wide.GetElement(j);
                if (j >= 4) Assert.Equal(Bits(got), Bits(narrow.GetElement(j - 4)));
                var expected = Reference(function, chunk[j]);
                var ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
                var error = Math.Abs(got - expected) / ulp;
                if (!(error <= worst)) (worst, at) = (error, chunk[j]);
            }
        }
        return (worst, at);
    }

    private static double Reference(string function, double x) => function switch
    {
        "sin" => Math.Sin(x),
        "cos" => Math.Cos(x),
        _ => Math.Tan(x),
    };

    private static Vector512<double> Apply512(string function, Vector512<double> x) => function switch
    {
        "sin" => Math512.Sin(x),
        "cos" => Math512.Cos(x),
        _ => Math512.Tan(x),
    };

    private static Vector256<double> Apply256(string function, Vector256<double> x) => function switch
    {
        "sin" => Math256.Sin(x),
        "cos" => Math256.Cos(x),
        _ => Math256.Tan(x),
    };

    private static Vector512<float> Apply512(string function, Vector512<float> x) => function switch
    {
        "sin" => Math512.Sin(x),
        "cos" => Math512.Cos(x),
        _ => Math512.Tan(x),
    };

    private static Vector256<float> Apply256(string function, Vector256<float> x) => function switch
    {
        "sin" => Math256.Sin(x),
        "cos" => Math256.Cos(x),
        _ => Math256.Tan(x),
    };
}
