using JaxNet.Backends.Cuda.Numerics;
using JaxNet.Backends.Shared.Numerics;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// The float32 exp, exp2, logistic, log, log1p, expm1, cbrt, the hyperbolic and trig functions and their inverses,
/// erf, erfinv, atan2 and pow of the single register class: on float32 arguments across their range, subnormals included, they
/// must stay within a few float32 ulps of the float64 result rounded to float32 (the conformance bound for
/// transcendentals is about 30), sin and cos near their zeros too, and give the special values exactly.
/// </summary>
public sealed class DeviceMathSingleTests
{
    private const int Samples = 200_000;

    public static TheoryData<string, int> Functions() => new()
    {
        { "Exp", 1 }, { "Logistic", 2 }, { "Log", 1 }, { "Log1p", 2 }, { "Expm1", 2 }, { "Tanh", 2 }, { "Erf", 2 }, { "ErfInv", 3 }, { "Sin", 2 }, { "Cos", 2 },
        { "Tan", 3 }, { "Atan", 3 }, { "Asin", 4 }, { "Acos", 3 }, { "Exp2", 1 }, { "Sinh", 2 }, { "Cosh", 2 },
        { "Cbrt", 2 }, { "Asinh", 2 }, { "Acosh", 3 }, { "Atanh", 3 },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void They_are_within_a_few_ulps_of_the_float64_reference(string name, int maxUlps)
    {
        var (device, reference) = Pair(name);
        var random = new Random(name.Length * 7919);
        var worst = 0L;
        var worstAt = 0f;
        for (var i = 0; i < Samples; i++)
        {
            var x = Argument(name, random);
            var got = device(x);
            var expected = (float)reference(x);
            if (float.IsNaN(expected))
            {
                Assert.True(float.IsNaN(got), $"{name}({x:R}) = {got}, expected NaN");
                continue;
            }
            var ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(got) - BitConverter.SingleToInt32Bits(expected));
            if (ulps > worst) (worst, worstAt) = (ulps, x);
        }
        Assert.True(worst <= maxUlps, $"{name}: {worst} ulps at {worstAt:R}");
    }

    [Fact]
    public void Special_values_are_exact()
    {
        Assert.Equal(float.NegativeInfinity, DeviceMath.LogF(0f));
        Assert.Equal(float.NegativeInfinity, DeviceMath.LogF(-0f));
        Assert.True(float.IsNaN(DeviceMath.LogF(-1f)));
        Assert.Equal(float.PositiveInfinity, DeviceMath.LogF(float.PositiveInfinity));
        Assert.Equal(0f, DeviceMath.LogF(1f));
        Assert.Equal(float.NegativeInfinity, DeviceMath.Log1pF(-1f));
        Assert.True(float.IsNegative(DeviceMath.Log1pF(-0f)));
        Assert.True(float.IsNaN(DeviceMath.Log1pF(-2f)));
        Assert.Equal(float.PositiveInfinity, DeviceMath.Log1pF(float.PositiveInfinity));
        Assert.True(float.IsNegative(DeviceMath.Expm1F(-0f)));
        Assert.Equal(-1f, DeviceMath.Expm1F(float.NegativeInfinity));
        Assert.Equal(float.PositiveInfinity, DeviceMath.Expm1F(float.PositiveInfinity));
        Assert.Equal(1f, DeviceMath.TanhF(float.PositiveInfinity));
        Assert.Equal(-1f, DeviceMath.TanhF(float.NegativeInfinity));
        Assert.True(float.IsNegative(DeviceMath.TanhF(-0f)));
        Assert.Equal(1f, DeviceMath.ExpF(0f));
        Assert.Equal(1f, DeviceMath.ExpF(-0f));
        Assert.Equal(float.PositiveInfinity, DeviceMath.ExpF(88.73f));
        Assert.InRange(DeviceMath.ExpF(88.72283f), 3.4027e38f, float.MaxValue); // e^88.72283 is just below the float32 maximum
        Assert.Equal(0f, DeviceMath.ExpF(float.NegativeInfinity));
        Assert.Equal(float.Epsilon, DeviceMath.ExpF(-103.27893f)); // ln(2^-149)
        Assert.Equal(0.5f, DeviceMath.LogisticF(0f));
        Assert.Equal(0f, DeviceMath.LogisticF(float.NegativeInfinity));
        Assert.Equal(1f, DeviceMath.LogisticF(float.PositiveInfinity));
        Assert.True(float.IsNaN(DeviceMath.SinF(float.PositiveInfinity)) && float.IsNaN(DeviceMath.CosF(float.NegativeInfinity)));
        Assert.True(float.IsNegative(DeviceMath.SinF(-0f)));
        Assert.Equal(1f, DeviceMath.CosF(-0f));
        Assert.Equal(MathF.PI / 2, DeviceMath.AtanF(float.PositiveInfinity));
        Assert.Equal(-MathF.PI / 2, DeviceMath.AsinF(-1f));
        Assert.Equal(MathF.PI, DeviceMath.AcosF(-1f));
        Assert.Equal(0f, DeviceMath.AcosF(1f));
        Assert.True(float.IsNaN(DeviceMath.AsinF(1.0000001f)) && float.IsNaN(DeviceMath.AcosF(-1.0000001f)));
        Assert.True(float.IsNaN(DeviceMath.TanF(float.PositiveInfinity)));
        Assert.Equal(float.PositiveInfinity, DeviceMath.SinhF(89.5f));
        Assert.Equal(float.NegativeInfinity, DeviceMath.SinhF(float.NegativeInfinity));
        Assert.Equal(float.PositiveInfinity, DeviceMath.CoshF(float.NegativeInfinity));
        Assert.Equal(1f, DeviceMath.CoshF(-0f));
        Assert.True(float.IsNegative(DeviceMath.SinhF(-0f)) && float.IsNegative(DeviceMath.AtanF(-0f)) && float.IsNegative(DeviceMath.TanF(-0f)));
        Assert.Equal(float.PositiveInfinity, DeviceMath.Exp2F(128f));
        Assert.Equal(float.Epsilon, DeviceMath.Exp2F(-149f));
        Assert.Equal(0.5f, DeviceMath.Exp2F(-1f));
        Assert.Equal(-2f, DeviceMath.CbrtF(-8f));
        Assert.True(float.IsNegative(DeviceMath.CbrtF(-0f)) && DeviceMath.CbrtF(float.NegativeInfinity) == float.NegativeInfinity);
        Assert.Equal(float.PositiveInfinity, DeviceMath.AsinhF(float.PositiveInfinity));
        Assert.Equal(0f, DeviceMath.AcoshF(1f));
        Assert.True(float.IsNaN(DeviceMath.AcoshF(0.999f)) && float.IsNaN(DeviceMath.AtanhF(-1.0000001f)));
        Assert.Equal(float.NegativeInfinity, DeviceMath.AtanhF(-1f));
        Assert.True(float.IsNegative(DeviceMath.AsinhF(-0f)) && float.IsNegative(DeviceMath.AtanhF(-0f)));
        Assert.Equal(1f, DeviceMath.ErfF(float.PositiveInfinity));
        Assert.Equal(-1f, DeviceMath.ErfF(float.NegativeInfinity));
        Assert.True(float.IsNegative(DeviceMath.ErfF(-0f)));
        Assert.Equal(float.PositiveInfinity, DeviceMath.ErfInvF(1f));
        Assert.Equal(float.NegativeInfinity, DeviceMath.ErfInvF(-1f));
        Assert.True(float.IsNegative(DeviceMath.ErfInvF(-0f)));
        Assert.True(float.IsNaN(DeviceMath.ErfInvF(1.0000001f)));
        foreach (var f in new Func<float, float>[] { DeviceMath.ExpF, DeviceMath.LogisticF, DeviceMath.LogF, DeviceMath.Log1pF, DeviceMath.Expm1F, DeviceMath.TanhF, DeviceMath.ErfF, DeviceMath.ErfInvF, DeviceMath.SinF, DeviceMath.CosF, DeviceMath.TanF, DeviceMath.AtanF, DeviceMath.AsinF, DeviceMath.AcosF, DeviceMath.Exp2F, DeviceMath.SinhF, DeviceMath.CoshF, DeviceMath.CbrtF, DeviceMath.AsinhF, DeviceMath.AcoshF, DeviceMath.AtanhF })
            Assert.True(float.IsNaN(f(float.NaN)));
    }

    [Fact]
    public void Integer_powers_stay_within_a_few_ulps_and_keep_pows_special_cases()
    {
        var random = new Random(64);
        var worst = 0L;
        for (var i = 0; i < Samples; i++)
        {
            var n = random.Next(-12, 13); // -2 to 4 by multiplying, the rest through 2^(n log2 x)
            var x = (random.Next(2) == 0 ? -1 : 1) * MathF.Pow(2, random.NextSingle() * 8 - 4);
            var expected = (float)Math.Pow(x, n);
            var ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(DeviceMath.PowF(x, n)) - BitConverter.SingleToInt32Bits(expected));
            worst = Math.Max(worst, ulps);
        }
        Assert.True(worst <= 2, $"{worst} ulps");
        Assert.Equal(float.PositiveInfinity, DeviceMath.PowF(0f, -1f));
        Assert.Equal(float.NegativeInfinity, DeviceMath.PowF(-0f, -3f));
        Assert.Equal(float.PositiveInfinity, DeviceMath.PowF(-0f, -2f));
        Assert.Equal(MathF.Pow(2, -140), DeviceMath.PowF(1048576f, -7f)); // a subnormal the reciprocal of 2^140 would lose
        Assert.Equal(1f, DeviceMath.PowF(float.NaN, 0f));
        Assert.True(float.IsNaN(DeviceMath.PowF(-8f, 1f / 3)));
        Assert.Equal(3f, DeviceMath.PowF(9f, 0.5f));
        Assert.Equal(-27f, DeviceMath.PowF(-3f, 3f));
    }

    [Fact]
    public void General_powers_are_within_one_ulp_across_the_range()
    {
        // y log2 x spread over the whole range of results, subnormal and overflowing ones included: x of every
        // magnitude with moderate y, and x near 1 with large y (where log2 x must be accurate far below float32's ulp).
        var random = new Random(1729);
        var worst = 0L;
        var worstAt = (0f, 0f);
        for (var i = 0; i < Samples; i++)
        {
            float x, y;
            if (i % 2 == 0)
            {
                x = MathF.Pow(2, random.NextSingle() * 276 - 149) * (1 + random.NextSingle());
                y = (random.NextSingle() * 2 - 1) * MathF.Min(300, 160 / MathF.Max(0.1f, MathF.Abs(MathF.Log2(x))));
            }
            else
            {
                x = 1 + (random.NextSingle() * 2 - 1) * MathF.Pow(2, -random.Next(1, 24));
                y = (random.NextSingle() * 2 - 1) * 150 / MathF.Max(1e-30f, MathF.Abs(MathF.Log2(x)));
            }
            if (i % 7 == 0) x = -x;
            if (i % 7 == 0 && i % 3 == 0) y = MathF.Round(y);
            var expected = (float)Math.Pow(x, y);
            var got = DeviceMath.PowF(x, y);
            if (float.IsNaN(expected))
            {
                Assert.True(float.IsNaN(got), $"pow({x:R}, {y:R}) = {got}, expected NaN");
                continue;
            }
            var ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(got) - BitConverter.SingleToInt32Bits(expected));
            if (ulps > worst) (worst, worstAt) = (ulps, (x, y));
        }
        Assert.True(worst <= 1, $"pow: {worst} ulps at {worstAt.Item1:R}, {worstAt.Item2:R}");
    }

    [Fact]
    public void Atan2_is_within_a_few_ulps_in_every_quadrant_and_gives_the_special_values()
    {
        var random = new Random(2718);
        var worst = 0L;
        var worstAt = (0f, 0f);
        for (var i = 0; i < Samples; i++)
        {
            // Magnitudes from subnormal to near overflow, each sign, and ratios far from 1 as well as near it.
            var y = (random.Next(2) == 0 ? -1 : 1) * MathF.Pow(2, random.NextSingle() * 270 - 145);
            var x = (random.Next(2) == 0 ? -1 : 1) * (i % 3 == 0 ? MathF.Abs(y) * (0.5f + random.NextSingle()) : MathF.Pow(2, random.NextSingle() * 270 - 145));
            var expected = (float)Math.Atan2(y, x);
            var ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(DeviceMath.Atan2F(y, x)) - BitConverter.SingleToInt32Bits(expected));
            if (ulps > worst) (worst, worstAt) = (ulps, (y, x));
        }
        Assert.True(worst <= 3, $"atan2: {worst} ulps at {worstAt.Item1:R}, {worstAt.Item2:R}");

        float[] values = [0f, -0f, 1f, -1f, 2.5f, -3f, float.Epsilon, -float.Epsilon, float.MaxValue, float.PositiveInfinity,
            float.NegativeInfinity, float.NaN];
        foreach (var y in values)
            foreach (var x in values)
            {
                var expected = (float)Math.Atan2(y, x);
                var got = DeviceMath.Atan2F(y, x);
                var ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(got) - BitConverter.SingleToInt32Bits(expected));
                Assert.True(ulps <= 1 || (float.IsNaN(got) && float.IsNaN(expected)), $"atan2({y:R}, {x:R}) = {got:R}, expected {expected:R}");
            }
    }

    [Fact]
    public void Pow_gives_the_special_values_of_IEEE_754()
    {
        float[] values = [0f, -0f, 1f, -1f, 0.5f, -0.5f, 2f, -2f, 3f, -3f, 2.5f, float.PositiveInfinity, float.NegativeInfinity,
            float.NaN, float.Epsilon, 16777216f, -16777217f, float.MaxValue, 0.99999994f, 1.0000001f];
        foreach (var x in values)
            foreach (var y in values)
            {
                var expected = (float)Math.Pow(x, y);
                var got = DeviceMath.PowF(x, y);
                var ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(got) - BitConverter.SingleToInt32Bits(expected));
                // Zeros (with their signs), infinities, NaN and 1 exactly; ordinary results within 2 ulps.
                var ordinary = float.IsFinite(expected) && expected != 0 && Math.Abs(expected) != 1;
                Assert.True(ulps == 0 || (float.IsNaN(got) && float.IsNaN(expected)) || (ordinary && ulps <= 2),
                    $"pow({x:R}, {y:R}) = {got:R}, expected {expected:R}");
            }
    }

    [Theory]
    [InlineData(2.5f)]
    [InlineData(-2.5f)]
    [InlineData(3.5f)]
    [InlineData(-0.4f)]
    [InlineData(0.5f)]
    [InlineData(-0.5f)]
    [InlineData(1.7f)]
    [InlineData(-1.7f)]
    [InlineData(8388607.5f)]
    [InlineData(16777216f)]
    [InlineData(1e-40f)]
    [InlineData(float.PositiveInfinity)]
    public void Rounding_max_and_min_match_System_Math(float x)
    {
        Same(MathF.Floor(x), DeviceMath.FloorF(x));
        Same(MathF.Ceiling(x), DeviceMath.CeilingF(x));
        Same(MathF.Truncate(x), DeviceMath.TruncateF(x));
        Same(MathF.Round(x, MidpointRounding.AwayFromZero), DeviceMath.RoundHalfAwayF(x));
        Same(MathF.Round(x), DeviceMath.RoundHalfEvenF(x));
        Same(MathF.Max(x, -x), DeviceMath.MaxF(x, -x));
        Same(MathF.Min(x, -x), DeviceMath.MinF(x, -x));
        Same(0f, DeviceMath.MaxF(-0f, 0f));
        Same(-0f, DeviceMath.MinF(0f, -0f));
        Assert.True(float.IsNaN(DeviceMath.MaxF(x, float.NaN)) && float.IsNaN(DeviceMath.MinF(float.NaN, x)));
    }

    private static void Same(float expected, float got) =>
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(got));

    private static (Func<float, float> Device, Func<double, double> Reference) Pair(string name) => name switch
    {
        "Exp" => (DeviceMath.ExpF, Math.Exp),
        "Logistic" => (DeviceMath.LogisticF, x => 1.0 / (1.0 + Math.Exp(-x))),
        "Log" => (DeviceMath.LogF, Math.Log),
        "Log1p" => (DeviceMath.Log1pF, x => DeviceMath.Log1p(x)),
        "Expm1" => (DeviceMath.Expm1F, x => DeviceMath.Expm1(x)),
        "Erf" => (DeviceMath.ErfF, SpecialFunctions.Erf),
        "Sin" => (DeviceMath.SinF, Math.Sin),
        "Cos" => (DeviceMath.CosF, Math.Cos),
        "Tan" => (DeviceMath.TanF, Math.Tan),
        "Atan" => (DeviceMath.AtanF, Math.Atan),
        "Asin" => (DeviceMath.AsinF, Math.Asin),
        "Acos" => (DeviceMath.AcosF, Math.Acos),
        "Exp2" => (DeviceMath.Exp2F, x => Math.Pow(2, x)),
        "Sinh" => (DeviceMath.SinhF, Math.Sinh),
        "Cosh" => (DeviceMath.CoshF, Math.Cosh),
        "Cbrt" => (DeviceMath.CbrtF, Math.Cbrt),
        "Asinh" => (DeviceMath.AsinhF, Math.Asinh),
        "Acosh" => (DeviceMath.AcoshF, Math.Acosh),
        "Atanh" => (DeviceMath.AtanhF, Math.Atanh),
        "ErfInv" => (DeviceMath.ErfInvF, SpecialFunctions.ErfInv),
        _ => (DeviceMath.TanhF, Math.Tanh),
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
            // Up to the float32 reduction's limit, beyond it (the float64 reduction), and small.
            "Asin" or "Acos" => random.Next(4) == 0 ? 1f - MathF.Pow(2, -random.Next(1, 25)) : random.NextSingle(),
            "Atan" or "Asinh" => MathF.Pow(2, random.NextSingle() * 80 - 40),
            "Cbrt" => MathF.Pow(2, random.NextSingle() * 276 - 149),
            "Acosh" => 1f + MathF.Pow(2, random.NextSingle() * 60 - 23),
            "Atanh" => random.Next(4) == 0 ? 1f - MathF.Pow(2, -random.Next(1, 25)) : MathF.Pow(2, random.NextSingle() * 30 - 30),
            "Exp2" => random.Next(4) == 0 ? random.NextSingle() * 150 : MathF.Pow(2, random.NextSingle() * 40 - 36),
            "Sinh" or "Cosh" => random.Next(4) == 0 ? random.NextSingle() * 90 : MathF.Pow(2, random.NextSingle() * 40 - 36),
            "Sin" or "Cos" or "Tan" => random.Next(8) == 0 ? random.NextSingle() * 1e6f : random.Next(2) == 0 ? random.NextSingle() * 8192
                : MathF.Pow(2, random.NextSingle() * 40 - 38),
            "Erf" => random.Next(4) == 0 ? random.NextSingle() * 4.5f : MathF.Pow(2, random.NextSingle() * 40 - 38),
            // Uniform in (-1, 1) as the random normals draw it, and 1 - 2^-k for the tails.
            "ErfInv" => random.Next(4) == 0 ? 1f - MathF.Pow(2, -random.Next(1, 25)) : random.NextSingle(),
            _ => random.Next(4) == 0 ? random.NextSingle() * 12 : MathF.Pow(2, random.NextSingle() * 40 - 36),
        };
        var negative = name is not ("Log" or "Acosh") && random.Next(2) == 0;
        if (name == "Log1p" && negative) magnitude = Math.Min(magnitude, 0.999f);
        return negative ? -magnitude : magnitude;
    }
}
