using System.Globalization;
using JaxNet.Backends.Cuda.Numerics;
using Xunit.Abstractions;
using static JaxNet.Backends.Cuda.Tests.DeviceMathReference;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// DeviceMath on the host (its code is plain C#, so the host runs exactly what PTX computes, up to FMA
/// contraction): worst ulp error against System.Math (glibc) over random arguments in several ranges, including
/// log-uniform magnitudes, subnormals and huge trig arguments; special values and signed zeros exactly.
/// </summary>
public sealed class DeviceMathTests(ITestOutputHelper output)
{
    private const int Samples = 20000;

    /// <summary>A unary function under test: its oracle, its ulp bound, and argument generators.</summary>
    private sealed record Unary(
        Func<double, double> Device, Func<double, double> Reference, double MaxUlp, Func<Random, double>[] Ranges);

    private static readonly double Tiny = double.Epsilon;
    private static readonly double MinNormal = 2.2250738585072014E-308;

    // Bounds: measured worst (with these seeds) is 1 ulp everywhere except 2 for sinh/cosh near overflow, tanh and
    // log10, where glibc is the one off (checked against 60-digit decimal references); Cbrt is compared with the
    // exactly nearest cube root and is correctly rounded on every sample.
    private static readonly Dictionary<string, Unary> Functions = new()
    {
        ["Exp"] = new(DeviceMath.Exp, Math.Exp, 2,
        [
            r => Uniform(r, -745.2, 709.8), r => Uniform(r, -1, 1), r => LogUniform(r, 0, 1032, true),
            r => Uniform(r, 705, 709.79), r => Uniform(r, -745.2, -700),
        ]),
        ["Exp2"] = new(DeviceMath.Exp2, x => Math.Pow(2, x), 2,
        [
            r => Uniform(r, -1075, 1024), r => Uniform(r, -1, 1), r => LogUniform(r, 0, 1033, true),
            r => Uniform(r, -1075, -1020),
        ]),
        ["Expm1"] = new(DeviceMath.Expm1, DeviceMathReference.Expm1, 2,
        [
            r => Uniform(r, -2, 2), r => Uniform(r, -0.4, 0.4), r => LogUniform(r, 0, 1023, true),
            r => Uniform(r, -45, 45), r => Uniform(r, 700, 709.78),
        ]),
        ["Log"] = new(DeviceMath.Log, Math.Log, 2,
        [
            r => LogUniform(r, 0, 2046, false), r => Uniform(r, 0.5, 2), r => 1 + Uniform(r, -1e-6, 1e-6),
            r => LogUniform(r, 0, 0, false),
        ]),
        ["Log2"] = new(DeviceMath.Log2, Math.Log2, 2,
        [
            r => LogUniform(r, 0, 2046, false), r => Uniform(r, 0.5, 2), r => 1 + Uniform(r, -1e-6, 1e-6),
            r => LogUniform(r, 0, 0, false),
        ]),
        ["Log10"] = new(DeviceMath.Log10, Math.Log10, 3,
        [
            r => LogUniform(r, 0, 2046, false), r => Uniform(r, 0.5, 2), r => 1 + Uniform(r, -1e-6, 1e-6),
            r => LogUniform(r, 0, 0, false),
        ]),
        ["Log1p"] = new(DeviceMath.Log1p, DeviceMathReference.Log1p, 2,
        [
            r => Uniform(r, -0.5, 0.5), r => LogUniform(r, 0, 1022, true), r => LogUniform(r, 1, 2046, false),
            r => Uniform(r, -1, -0.5),
        ]),
        ["Sin"] = new(DeviceMath.Sin, Math.Sin, 2, TrigRanges()),
        ["Cos"] = new(DeviceMath.Cos, Math.Cos, 2, TrigRanges()),
        ["Tan"] = new(DeviceMath.Tan, Math.Tan, 2, TrigRanges()),
        ["Asin"] = new(DeviceMath.Asin, Math.Asin, 2,
            [r => Uniform(r, -1, 1), r => LogUniform(r, 0, 1022, true), r => 1 - LogUniform(r, 960, 1021, false)]),
        ["Acos"] = new(DeviceMath.Acos, Math.Acos, 2,
            [r => Uniform(r, -1, 1), r => LogUniform(r, 0, 1022, true), r => 1 - LogUniform(r, 960, 1021, false),
             r => -1 + LogUniform(r, 960, 1021, false)]),
        ["Atan"] = new(DeviceMath.Atan, Math.Atan, 2,
            [r => Uniform(r, -4, 4), r => LogUniform(r, 0, 2046, true), r => Uniform(r, 0.35, 0.45)]),
        ["Sinh"] = new(DeviceMath.Sinh, Math.Sinh, 3,
            [r => Uniform(r, -710.4, 710.4), r => Uniform(r, -3, 3), r => LogUniform(r, 0, 1033, true)]),
        ["Cosh"] = new(DeviceMath.Cosh, Math.Cosh, 3,
            [r => Uniform(r, -710.4, 710.4), r => Uniform(r, -3, 3), r => LogUniform(r, 0, 1033, true)]),
        ["Tanh"] = new(DeviceMath.Tanh, Math.Tanh, 3,
            [r => Uniform(r, -25, 25), r => Uniform(r, -1.5, 1.5), r => LogUniform(r, 0, 1030, true)]),
        ["Asinh"] = new(DeviceMath.Asinh, Math.Asinh, 2,
            [r => Uniform(r, -4, 4), r => LogUniform(r, 0, 2046, true)]),
        ["Acosh"] = new(DeviceMath.Acosh, Math.Acosh, 2,
            [r => Uniform(r, 1, 4), r => 1 + LogUniform(r, 960, 2046, false)]),
        ["Atanh"] = new(DeviceMath.Atanh, Math.Atanh, 2,
            [r => Uniform(r, -1, 1), r => LogUniform(r, 0, 1022, true), r => 1 - LogUniform(r, 970, 1021, false)]),
        ["Cbrt"] = new(DeviceMath.Cbrt, DeviceMathReference.Cbrt, 1, [r => LogUniform(r, 0, 2046, true), r => Uniform(r, -10, 10)]),
    };

    private static Func<Random, double>[] TrigRanges() =>
    [
        r => Uniform(r, -10, 10), r => Uniform(r, -1e6, 1e6), r => LogUniform(r, 0, 2046, true),
        r => LogUniform(r, 1030, 1100, true),
        // Next to multiples of pi/2, where the reduction cancels.
        r => r.NextInt64(-1 << 22, 1 << 22) * (Math.PI / 2) * (1 + Uniform(r, -1e-15, 1e-15)),
    ];

    public static TheoryData<string> UnaryNames() => new(Functions.Keys);

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryWorstUlpIsBounded(string name)
    {
        var f = Functions[name];
        var rng = new Random(name.Aggregate(17, (seed, c) => seed * 31 + c));
        double worst = 0, worstArg = 0;
        var count = 0;
        foreach (var range in f.Ranges)
        {
            for (var i = 0; i < Samples; i++)
            {
                var x = range(rng);
                var ulp = UlpDistance(f.Device(x), f.Reference(x));
                count++;
                if (ulp > worst) { worst = ulp; worstArg = x; }
            }
        }
        output.WriteLine($"{name}: worst {worst} ulp at x = {worstArg:R} ({count} arguments)");
        Assert.True(worst <= f.MaxUlp, $"{name}: {worst} ulp at x = {worstArg:R}: {f.Device(worstArg):R} vs {f.Reference(worstArg):R}");
    }

    private static readonly double[] SpecialArguments =
    [
        0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, Tiny, -Tiny, MinNormal, -MinNormal,
        MinNormal / 3, -MinNormal / 7, double.MaxValue, -double.MaxValue, 1, -1, 0.5, -0.5, 2, -2, 1e-300, -1e-300,
        1e-9, -1e-9, 1e-17, 709.782712893384, 709.7827128933841, 710.4758600739439, 710.475860073944, -745.1332191019411,
        -745.1332191019412, -708.3964185322641, -708.4, 1024, -1074, -1075, -1076, 1023.9999999999999, 40, -40,
        Math.PI, -Math.PI, Math.PI / 2, Math.PI / 4, 3 * Math.PI / 4, 1e22, 1e300,
        1048576, 1048575.9999999999, 22, -22, 268435456, 0.35, -0.35, 1 - 1e-16, -1 + 1e-16, 1 + 2.220446049250313e-16,
    ];

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnarySpecialValuesMatchSystemMath(string name)
    {
        var f = Functions[name];
        foreach (var x in SpecialArguments)
        {
            var expected = f.Reference(x);
            var actual = f.Device(x);
            if (double.IsNaN(expected) || expected == 0 || double.IsInfinity(expected))
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
                    $"{name}({x:R}) = {actual:R}, expected {expected:R}");
            else
                Assert.True(UlpDistance(actual, expected) <= f.MaxUlp, $"{name}({x:R}) = {actual:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void ExactResults()
    {
        Assert.Equal(1.0, DeviceMath.Exp(0));
        Assert.Equal(1.0, DeviceMath.Cos(0));
        Assert.Equal(0.0, DeviceMath.Log(1));
        for (var k = -1074; k <= 1023; k++)
        {
            Assert.Equal(Math.ScaleB(1, k), DeviceMath.Exp2(k));
            Assert.Equal(k, DeviceMath.Log2(Math.ScaleB(1, k)));
        }
        for (var k = -20; k <= 20; k++)
        {
            Assert.Equal(k * k * (double)k, DeviceMath.Pow(k, 3));
            Assert.Equal(k, DeviceMath.Cbrt(k * k * (double)k));
        }
        Assert.Equal(Math.ScaleB(1, -1074), DeviceMath.Pow(2, -1074));
        Assert.Equal(Math.ScaleB(1, 1023), DeviceMath.Pow(2, 1023));
        Assert.Equal(Math.ScaleB(1, -358), DeviceMath.Cbrt(Math.ScaleB(1, -1074)));
        for (var k = 0; k <= 22; k++) Assert.Equal(k, DeviceMath.Log10(double.Parse("1e" + k, CultureInfo.InvariantCulture))); // exact powers of ten
        Assert.Equal(Math.PI, DeviceMath.PI);
        Assert.Equal(Math.E, DeviceMath.E);
    }

    [Fact]
    public void TrigOfTheDoubleClosestToAMultipleOfPiOver2()
    {
        // x = 6381956970095103 2^797 is within 4.7e-19 of a multiple of pi/2 (k = 1 mod 4): the hardest reduction
        // of all doubles. The expected values come from x - k pi/2 in exact rational arithmetic with 2000 bits of
        // pi (glibc's cos here is off by about 17 ulp, so System.Math cannot be the oracle).
        var x = 6381956970095103.0 * Math.Pow(2, 797);
        const double r = 4.687165924254628e-19;
        Assert.Equal(1.0, DeviceMath.Sin(x));
        Assert.Equal(-r, DeviceMath.Cos(x));
        Assert.Equal(-2.133485385753704e18, DeviceMath.Tan(x));
        Assert.Equal(-1.0, DeviceMath.Sin(-x));
        Assert.Equal(-r, DeviceMath.Cos(-x));
    }

    [Fact]
    public void Atan2MatchesOverQuadrantsMagnitudesAndSpecials()
    {
        var rng = new Random(77);
        double worst = 0, wy = 0, wx = 0;
        for (var i = 0; i < 3 * Samples; i++)
        {
            double y, x;
            switch (i % 3)
            {
                case 0: y = Uniform(rng, -3, 3); x = Uniform(rng, -3, 3); break;
                case 1: y = LogUniform(rng, 0, 2046, true); x = LogUniform(rng, 0, 2046, true); break;
                default: y = LogUniform(rng, 0, 60, true); x = LogUniform(rng, 0, 60, true); break;
            }
            var ulp = UlpDistance(DeviceMath.Atan2(y, x), Math.Atan2(y, x));
            if (ulp > worst) { worst = ulp; wy = y; wx = x; }
        }
        output.WriteLine($"Atan2: worst {worst} ulp at ({wy:R}, {wx:R})");
        Assert.True(worst <= 2, $"Atan2: {worst} ulp at ({wy:R}, {wx:R})");
        double[] specials = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1, -1, Tiny, -Tiny, double.MaxValue, -double.MaxValue];
        foreach (var y in specials)
            foreach (var x in specials)
                AssertClose(Math.Atan2(y, x), DeviceMath.Atan2(y, x), 1, $"Atan2({y:R}, {x:R})");
    }

    [Fact]
    public void PowMatchesOverMagnitudesAndSpecials()
    {
        var rng = new Random(99);
        double worst = 0, wx = 0, wy = 0;
        for (var i = 0; i < 4 * Samples; i++)
        {
            double x, y;
            switch (i % 4)
            {
                case 0: x = LogUniform(rng, 1, 2046, false); y = Uniform(rng, -1, 1) * 740 / Math.Abs(Math.Log(x)); break;
                case 1: x = Uniform(rng, 0, 4); y = Uniform(rng, -40, 40); break;
                case 2: x = 1 + Uniform(rng, -1e-6, 1e-6); y = Uniform(rng, -7e8, 7e8); break;
                default: x = -Uniform(rng, 0.1, 10); y = rng.Next(-300, 300); break;
            }
            var ulp = UlpDistance(DeviceMath.Pow(x, y), Math.Pow(x, y));
            if (ulp > worst) { worst = ulp; wx = x; wy = y; }
        }
        output.WriteLine($"Pow: worst {worst} ulp at ({wx:R}, {wy:R})");
        Assert.True(worst <= 2, $"Pow: {worst} ulp at ({wx:R}, {wy:R})");
        double[] specials = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1, -1, 2, -2, 0.5, -0.5, 3, -3, 1e300, -1e300, Tiny, -Tiny, 1074, -1075, 9007199254740993.0, double.MaxValue];
        foreach (var x in specials)
            foreach (var y in specials)
                AssertClose(Math.Pow(x, y), DeviceMath.Pow(x, y), 1, $"Pow({x:R}, {y:R})");
    }

    [Fact]
    public void ScaleBMatchesSystemMathBitForBit()
    {
        var rng = new Random(3);
        double[] specials = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, Tiny, -Tiny, MinNormal, 1.5, -3, double.MaxValue];
        int[] shifts = [0, 1, -1, 1023, -1074, -1075, 2100, -2100, int.MaxValue, int.MinValue, 52, -52];
        foreach (var x in specials)
            foreach (var n in shifts)
                AssertBits(Math.ScaleB(x, n), DeviceMath.ScaleB(x, n), $"ScaleB({x:R}, {n})");
        for (var i = 0; i < Samples; i++)
        {
            var x = LogUniform(rng, 0, 2046, true);
            var n = rng.Next(-2200, 2200);
            AssertBits(Math.ScaleB(x, n), DeviceMath.ScaleB(x, n), $"ScaleB({x:R}, {n})");
        }
    }

    [Fact]
    public void RoundingCopySignMaxMinMatchSystemMathBitForBit()
    {
        var rng = new Random(5);
        var values = new List<double>
        {
            0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, Tiny, -Tiny, 0.5, -0.5, 1.5, -1.5,
            2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 4503599627370495.5, -4503599627370495.5, 4503599627370497,
            9007199254740993, double.MaxValue, -double.MaxValue, MinNormal, 1, -1,
        };
        for (var i = 0; i < Samples; i++)
        {
            values.Add(Uniform(rng, -100, 100));
            values.Add(Math.Round(Uniform(rng, -100, 100)) + 0.5);
            values.Add(LogUniform(rng, 0, 2046, true));
        }
        foreach (var x in values)
        {
            AssertBits(Math.Floor(x), DeviceMath.Floor(x), $"Floor({x:R})");
            AssertBits(Math.Ceiling(x), DeviceMath.Ceiling(x), $"Ceiling({x:R})");
            AssertBits(Math.Truncate(x), DeviceMath.Truncate(x), $"Truncate({x:R})");
            AssertBits(Math.Round(x, MidpointRounding.AwayFromZero), DeviceMath.RoundHalfAway(x), $"RoundHalfAway({x:R})");
            AssertBits(Math.Round(x, MidpointRounding.ToEven), DeviceMath.RoundHalfEven(x), $"RoundHalfEven({x:R})");
            AssertBits(Math.Round(x), DeviceMath.Round(x), $"Round({x:R})");
            AssertBits(Math.Sqrt(x), DeviceMath.Sqrt(x), $"Sqrt({x:R})");
            AssertBits(Math.Abs(x), DeviceMath.Abs(x), $"Abs({x:R})");
        }
        for (var i = 0; i < values.Count; i += 7)
            for (var j = 0; j < values.Count; j += 97)
            {
                var (x, y) = (values[i], values[j]);
                AssertBits(Math.CopySign(x, y), DeviceMath.CopySign(x, y), $"CopySign({x:R}, {y:R})");
                AssertBits(Math.Max(x, y), DeviceMath.Max(x, y), $"Max({x:R}, {y:R})");
                AssertBits(Math.Min(x, y), DeviceMath.Min(x, y), $"Min({x:R}, {y:R})");
            }
        foreach (var x in new[] { 0.0, -0.0, double.NaN, 1.0 })
            foreach (var y in new[] { 0.0, -0.0, double.NaN, 1.0 })
            {
                AssertBits(Math.Max(x, y), DeviceMath.Max(x, y), $"Max({x:R}, {y:R})");
                AssertBits(Math.Min(x, y), DeviceMath.Min(x, y), $"Min({x:R}, {y:R})");
            }
    }

    private static void AssertBits(double expected, double actual, string what)
    {
        var same = double.IsNaN(expected)
            ? double.IsNaN(actual)
            : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);
        Assert.True(same, $"{what} = {actual:R}, expected {expected:R}");
    }

    /// <summary>Zeros, infinities and NaN must match exactly (sign included); other values within the bound.</summary>
    private static void AssertClose(double expected, double actual, double maxUlp, string what)
    {
        if (double.IsNaN(expected) || expected == 0 || double.IsInfinity(expected)) AssertBits(expected, actual, what);
        else Assert.True(UlpDistance(actual, expected) <= maxUlp, $"{what} = {actual:R}, expected {expected:R}");
    }
}
