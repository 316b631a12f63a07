using JaxNet.Abstractions.Kernels;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>
/// The shader's own sin/cos/tan argument reduction, exact fmod and pow near the overflow threshold: the cases
/// where drivers' built-ins (llvmpipe's in particular) are wrong.
/// </summary>
public sealed class AccurateMathTests
{
    private static T[] Unary<T>(UnaryOp op, DType dtype, T[] x) where T : unmanaged
    {
        var p = new ScalarProgramBuilder();
        var r = p.Unary(op, p.Load(0, dtype));
        int[] shape = [x.Length];
        var k = new ElementwiseKernel(op.ToString(), shape, [Contiguous(0, dtype, shape)], p.Build(r), [1]);
        return Values<T>(Run(k, [Bytes(x)], [x.Length * dtype.SizeOf()])[0]);
    }

    private static T[] Binary<T>(BinaryOp op, DType dtype, T[] a, T[] b) where T : unmanaged
    {
        var p = new ScalarProgramBuilder();
        var r = p.Binary(op, p.Load(0, dtype), p.Load(1, dtype));
        int[] shape = [a.Length];
        var k = new ElementwiseKernel(op.ToString(), shape, [Contiguous(0, dtype, shape), Contiguous(1, dtype, shape)], p.Build(r), [2]);
        return Values<T>(Run(k, [Bytes(a), Bytes(b)], [a.Length * dtype.SizeOf()])[0]);
    }

    /// <summary>Random finite floats over every exponent, the largest ones, and floats next to multiples of pi/2.</summary>
    private static float[] TrigArguments()
    {
        var random = new Random(7);
        var values = new List<float> { 1e38f, -1e38f, float.MaxValue, -float.MaxValue, 6000f, 6000.001f, 1.5707964f, 3.1415927f,
            4.712389f, 105414.35f, 1.0e5f, 8.0e6f, 16777215f, 0.7853982f, -0.78539807f };
        for (var k = 1; k < 2000; k++) values.Add((float)(k * Math.PI / 2));
        while (values.Count < 8192)
        {
            var f = BitConverter.Int32BitsToSingle(random.Next() | (random.Next(2) << 31));
            if (float.IsFinite(f)) values.Add(f);
        }
        return values.ToArray();
    }

    [VulkanFact]
    public void SinCosTanReduceHugeArgumentsCorrectly()
    {
        var x = TrigArguments();
        foreach (var (op, reference) in new (UnaryOp, Func<double, double>)[]
                 { (UnaryOp.Sin, Math.Sin), (UnaryOp.Cos, Math.Cos), (UnaryOp.Tan, Math.Tan) })
        {
            var got = Unary(op, DType.Float32, x);
            for (var i = 0; i < x.Length; i++)
            {
                var want = reference(x[i]);
                Assert.True(Math.Abs(got[i] - want) <= 1e-6 + 4e-6 * Math.Abs(want), $"{op}({x[i]:R}) = {got[i]:R}, want {want:R}");
            }
        }
    }

    [VulkanFact]
    public void SinAndTanKeepNegativeZeroAndSpecialsGiveNan()
    {
        float[] x = [-0f, 0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        foreach (var op in new[] { UnaryOp.Sin, UnaryOp.Tan })
        {
            var got = Unary(op, DType.Float32, x);
            Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(got[0]));
            Assert.Equal(0, BitConverter.SingleToInt32Bits(got[1]));
            Assert.True(got.Skip(2).All(float.IsNaN), $"{op} of NaN and inf must be NaN");
        }
        Assert.True(Unary(UnaryOp.Cos, DType.Float32, x).Skip(2).All(float.IsNaN));
    }

    [VulkanFact]
    public void Float32RemainderIsExactWithSubnormalsAndSignedZeros()
    {
        // Subnormal operands are exact where the device preserves them, zero of their sign where it cannot.
        var sub = float.Epsilon;
        var a = new List<float> { 3 * sub, -3 * sub, 4 * sub, -4 * sub, 1.5e-39f, 1.0f, -1.0f, 5.877472e-39f, float.MaxValue, -float.MaxValue, 1e-30f, -0f, 7.5f };
        var b = new List<float> { 2 * sub, 2 * sub, -2 * sub, 2 * sub, sub, sub, 3 * sub, 1.1754944e-38f, sub, 1.1754944e-38f, 3e-39f, 5f, -2f };
        var random = new Random(11);
        for (var i = 0; i < 4000; i++)
        {
            // Bit patterns across all finite magnitudes, a third of them subnormal.
            float Next() => BitConverter.Int32BitsToSingle((i % 3 == 0 ? random.Next(1, 0x00800000) : random.Next(0, 0x7F800000)) | (random.Next(2) << 31));
            a.Add(Next());
            b.Add(Next());
        }
        var got = Binary(BinaryOp.Rem, DType.Float32, a.ToArray(), b.ToArray());
        for (var i = 0; i < a.Count; i++)
        {
            var want = Operand(a[i]) % Operand(b[i]); // .NET's float remainder is C's fmod: exact, sign of the dividend
            Assert.True(BitConverter.SingleToInt32Bits(want) == BitConverter.SingleToInt32Bits(got[i]) || (float.IsNaN(want) && float.IsNaN(got[i])),
                $"fmod({a[i]:R}, {b[i]:R}) = {got[i]:R}, want {want:R}");
        }
    }

    [VulkanFact]
    public void Float64RemainderIsExactWithSubnormalsAndSignedZeros()
    {
        if (!VulkanAvailability.Backend.Capabilities.DTypes.Contains(DType.Float64)) return; // device without shaderFloat64
        var sub = double.Epsilon;
        var a = new List<double> { 3 * sub, -3 * sub, 4 * sub, -4 * sub, 2.97e-309, 1.0, -0.0, double.MaxValue, -double.MaxValue, 1e-300, 7.5, double.PositiveInfinity, 1.0 };
        var b = new List<double> { 2 * sub, 2 * sub, -2 * sub, 2 * sub, sub, sub, 1.0, sub, 2.2250738585072014e-308, 3e-308, -2.0, 1.0, double.NegativeInfinity };
        var random = new Random(13);
        for (var i = 0; i < 2000; i++)
        {
            double Next() => BitConverter.Int64BitsToDouble((i % 3 == 0 ? random.NextInt64(1, 1L << 52) : random.NextInt64(0, 0x7FF0000000000000)) | ((long)random.Next(2) << 63));
            a.Add(Next());
            b.Add(Next());
        }
        var got = Binary(BinaryOp.Rem, DType.Float64, a.ToArray(), b.ToArray());
        for (var i = 0; i < a.Count; i++)
        {
            var want = a[i] % b[i];
            Assert.True(BitConverter.DoubleToInt64Bits(want) == BitConverter.DoubleToInt64Bits(got[i]) || (double.IsNaN(want) && double.IsNaN(got[i])),
                $"fmod({a[i]:R}, {b[i]:R}) = {got[i]:R}, want {want:R}");
        }
    }

    [VulkanFact]
    public void DivisionIsAccurateForHugeAndSubnormalDivisors()
    {
        // Vulkan bounds OpFDiv only for |b| in [2^-126, 2^126]; NVIDIA's a * (1/b) flushed 1/b to zero beyond.
        var a = new List<float> { float.PositiveInfinity, float.MaxValue, -0f, 1f, 3f, -9.64f, float.MaxValue, 1e-30f };
        var b = new List<float> { float.MaxValue, float.MaxValue, float.Epsilon, float.Epsilon, 1e-40f, float.MaxValue, 1e-40f, -float.MaxValue };
        var random = new Random(17);
        for (var i = 0; i < 2000; i++)
        {
            a.Add((float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-120, 127))));
            b.Add(BitConverter.Int32BitsToSingle(random.Next(0x7E800000, 0x7F800000) | (random.Next(2) << 31))); // |b| >= 2^126
            a.Add((float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-20, 20))));
            b.Add(BitConverter.Int32BitsToSingle(random.Next(1, 0x00800000) | (random.Next(2) << 31))); // subnormal
        }
        var got = Binary(BinaryOp.Div, DType.Float32, a.ToArray(), b.ToArray());
        for (var i = 0; i < a.Count; i++)
        {
            var want = (float)((double)Operand(a[i]) / Operand(b[i]));
            var ok = BitConverter.SingleToInt32Bits(want) == BitConverter.SingleToInt32Bits(got[i]) || (float.IsNaN(want) && float.IsNaN(got[i]))
                || (float.IsNormal(want) && Math.Abs(got[i] - want) <= 2.4e-7 * Math.Abs(want))
                || (float.IsSubnormal(want) && Math.Abs(got[i] - want) <= 2 * float.Epsilon);
            Assert.True(ok, $"{a[i]:R} / {b[i]:R} = {got[i]:R}, want {want:R}");
        }
    }

    [VulkanFact]
    public void PowRoundsToInfinityExactlyWhereTheResultOverflows()
    {
        // Pairs whose exact power lies within 1e-5 of the float32 overflow threshold (2^128 - 2^103), on both sides.
        var threshold = Math.Pow(2, 128) - Math.Pow(2, 103);
        var a = new List<float>();
        var b = new List<float>();
        foreach (var x in new[] { 2f, 3f, 0.5f, 10f, 1.0001f, 255.9f, 1e-40f, float.Epsilon, -3f })
        {
            var y0 = (float)(128 / Math.Log2(Math.Abs(x)));
            var y = y0;
            for (var k = 0; k < 200; k++) y = MathF.BitDecrement(y);
            for (var k = 0; k < 400; k++, y = MathF.BitIncrement(y))
            {
                a.Add(x);
                b.Add(x < 0 ? MathF.Round(y) : y); // a negative base needs an integer exponent
            }
        }
        a.AddRange([float.Epsilon, -float.Epsilon, 1e-40f, 2f, 2f]);
        b.AddRange([-1f, -1f, -0.5f, 128f, 127.99999f]);
        var got = Binary(BinaryOp.Pow, DType.Float32, a.ToArray(), b.ToArray());
        for (var i = 0; i < a.Count; i++)
        {
            var want = Math.Pow(Operand(a[i]), Operand(b[i]));
            var message = $"pow({a[i]:R}, {b[i]:R}) = {got[i]:R}, want {want:R}";
            var margin = 2e-7 * threshold; // about two float ulps: closer to the threshold either answer is fair
            if (Math.Abs(want) > threshold + margin) Assert.True(float.IsInfinity(got[i]) && Math.Sign(got[i]) == Math.Sign(want), message);
            else if (Math.Abs(want) < threshold - margin) Assert.True(Math.Abs(got[i] - want) <= 4e-7 * Math.Abs(want), message);
        }
    }
}
