using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// The plain-double exp, logistic, log, log1p, expm1 and tanh used for float32 and narrower results: rounded to float32 they must
/// agree with System.Math's float64 result rounded to float32 within one float32 ulp (a double rounding can differ
/// by one) on float32 arguments across the range, subnormals included, and give the specials exactly.
/// </summary>
public sealed class DeviceMathNarrowTests
{
    private const int Samples = 100_000;

    public static TheoryData<string> Functions() => new("Exp", "Logistic", "Log", "Log1p", "Expm1", "Tanh");

    [Theory]
    [MemberData(nameof(Functions))]
    public void Rounded_to_float32_they_are_within_one_ulp_of_the_float64_reference(string name)
    {
        var (device, reference) = Pair(name);
        var random = new Random(name.Length * 7919);
        var worst = 0L;
        var differing = 0;
        for (var i = 0; i < Samples; i++)
        {
            var x = (double)Argument(name, random);
            var got = (float)device(x);
            var expected = (float)reference(x);
            if (float.IsNaN(expected))
            {
                Assert.True(float.IsNaN(got), $"{name}({x:R}) = {got}, expected NaN");
                continue;
            }
            var ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(got) - BitConverter.SingleToInt32Bits(expected));
            if (ulps > 0) differing++;
            worst = Math.Max(worst, ulps);
            Assert.True(ulps <= 1, $"{name}({x:R}) = {got:R}, expected {expected:R} ({ulps} ulps)");
        }
        // Double rounding should be rare: a handful per hundred thousand at most.
        Assert.True(differing < Samples / 1000, $"{differing} of {Samples} differ by an ulp");
    }

    [Fact]
    public void Special_values_are_exact()
    {
        Assert.Equal(double.NegativeInfinity, DeviceMath.LogNarrow(0.0));
        Assert.Equal(double.NegativeInfinity, DeviceMath.LogNarrow(-0.0));
        Assert.True(double.IsNaN(DeviceMath.LogNarrow(-1.0)));
        Assert.Equal(double.PositiveInfinity, DeviceMath.LogNarrow(double.PositiveInfinity));
        Assert.Equal(0.0, DeviceMath.LogNarrow(1.0));
        Assert.Equal(double.NegativeInfinity, DeviceMath.Log1pNarrow(-1.0));
        Assert.True(double.IsNegative(DeviceMath.Log1pNarrow(-0.0)));
        Assert.True(double.IsNaN(DeviceMath.Log1pNarrow(-2.0)));
        Assert.True(double.IsNegative(DeviceMath.Expm1Narrow(-0.0)));
        Assert.Equal(-1.0, DeviceMath.Expm1Narrow(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, DeviceMath.Expm1Narrow(double.PositiveInfinity));
        Assert.Equal(1.0, DeviceMath.TanhNarrow(double.PositiveInfinity));
        Assert.Equal(-1.0, DeviceMath.TanhNarrow(double.NegativeInfinity));
        Assert.True(double.IsNegative(DeviceMath.TanhNarrow(-0.0)));
        Assert.Equal(1.0, DeviceMath.ExpNarrow(0.0));
        Assert.Equal(1.0, DeviceMath.ExpNarrow(-0.0));
        Assert.Equal(double.PositiveInfinity, DeviceMath.ExpNarrow(89.5));
        Assert.Equal(0.0, DeviceMath.ExpNarrow(double.NegativeInfinity));
        Assert.Equal(float.Epsilon, (float)DeviceMath.ExpNarrow(-103.27892990343184)); // ln(2^-149)
        Assert.Equal(0.5, DeviceMath.LogisticNarrow(0.0));
        Assert.Equal(0.0, DeviceMath.LogisticNarrow(double.NegativeInfinity));
        Assert.Equal(1.0, DeviceMath.LogisticNarrow(double.PositiveInfinity));
        foreach (var f in new Func<double, double>[] { DeviceMath.ExpNarrow, DeviceMath.LogisticNarrow, DeviceMath.LogNarrow, DeviceMath.Log1pNarrow, DeviceMath.Expm1Narrow, DeviceMath.TanhNarrow })
            Assert.True(double.IsNaN(f(double.NaN)));
    }

    private static (Func<double, double> Device, Func<double, double> Reference) Pair(string name) => name switch
    {
        "Exp" => (DeviceMath.ExpNarrow, Math.Exp),
        "Logistic" => (DeviceMath.LogisticNarrow, x => 1.0 / (1.0 + Math.Exp(-x))),
        "Log" => (DeviceMath.LogNarrow, Math.Log),
        "Log1p" => (DeviceMath.Log1pNarrow, x => DeviceMath.Log1p(x)),
        "Expm1" => (DeviceMath.Expm1Narrow, x => DeviceMath.Expm1(x)),
        _ => (DeviceMath.TanhNarrow, Math.Tanh),
    };

    // Float32 arguments: log-uniform magnitudes over the function's interesting range, subnormals for log.
    private static float Argument(string name, Random random)
    {
        var magnitude = name switch
        {
            "Log" => MathF.Pow(2, random.NextSingle() * 276 - 149),
            // Up to the float32 overflow and down through its subnormal results (e^-103.9 is 2^-150).
            "Exp" => random.Next(4) == 0 ? random.NextSingle() * 105 : MathF.Pow(2, random.NextSingle() * 40 - 36),
            "Logistic" => random.Next(4) == 0 ? random.NextSingle() * 105 : MathF.Pow(2, random.NextSingle() * 40 - 36),
            "Log1p" => random.Next(4) == 0 ? random.NextSingle() : MathF.Pow(2, random.NextSingle() * 60 - 40),
            "Expm1" => random.Next(4) == 0 ? random.NextSingle() * 88 : MathF.Pow(2, random.NextSingle() * 40 - 36),
            _ => random.Next(4) == 0 ? random.NextSingle() * 12 : MathF.Pow(2, random.NextSingle() * 40 - 36),
        };
        var negative = name != "Log" && random.Next(2) == 0;
        if (name == "Log1p" && negative) magnitude = Math.Min(magnitude, 0.999f);
        return negative ? -magnitude : magnitude;
    }
}
