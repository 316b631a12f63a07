using JaxNet.Abstractions.Kernels;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>TPU matmul numerics: bf16 inputs at Default, 3- and 6-pass bf16 at High and Highest, fp32 accumulation.</summary>
public class NumericsTests
{
    private static float[] MatMul(float[] a, float[] b, int m, int k, int n, Precision precision)
    {
        var kernel = new ContractionKernel("mm", new TensorRef(0, DType.Float32, [m, k]), new TensorRef(1, DType.Float32, [k, n]),
            DotDimensions.MatMul, precision, DType.Float32, null, 2);
        return Values<float>(Run(kernel, [Bytes(a), Bytes(b)], [4L * m * n])[0]);
    }

    private static double[] Reference(float[] a, float[] b, int m, int k, int n, Func<float, double> round)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                for (var p = 0; p < k; p++) c[i * n + j] += round(a[i * k + p]) * round(b[p * n + j]);
        return c;
    }

    [Fact]
    public void DefaultPrecisionRoundsInputsToBf16AndAccumulatesInFp32()
    {
        var random = new Random(1);
        const int m = 17, k = 300, n = 23;
        var a = RandomFloats(random, m * k);
        var b = RandomFloats(random, k * n);
        var c = MatMul(a, b, m, k, n, Precision.Default);
        var bf16 = Reference(a, b, m, k, n, RoundToBf16);
        var exact = Reference(a, b, m, k, n, x => x);
        double worstBf16 = 0, worstExact = 0;
        for (var i = 0; i < c.Length; i++)
        {
            worstBf16 = Math.Max(worstBf16, Math.Abs(c[i] - bf16[i]));
            worstExact = Math.Max(worstExact, Math.Abs(c[i] - exact[i]));
        }
        // fp32 accumulation of exact bf16 products: error ~ k * 2^-24 * |terms|; bf16 input rounding is ~2^-9.
        Assert.True(worstBf16 < 1e-4, $"against the bf16-input reference: {worstBf16}");
        Assert.True(worstExact > 1e-3, $"bf16 rounding should be visible against exact inputs: {worstExact}");
    }

    [Theory]
    [InlineData(Precision.High, 1e-4)]
    [InlineData(Precision.Highest, 2e-5)]
    public void MorePassesApproachFp32(Precision precision, double tolerance)
    {
        var random = new Random(2);
        const int m = 9, k = 200, n = 11;
        var a = RandomFloats(random, m * k);
        var b = RandomFloats(random, k * n);
        var c = MatMul(a, b, m, k, n, precision);
        var exact = Reference(a, b, m, k, n, x => x);
        var worst = c.Select((v, i) => Math.Abs(v - exact[i])).Max();
        Assert.True(worst < tolerance, $"{precision}: {worst}");
        var defaultWorst = MatMul(a, b, m, k, n, Precision.Default).Select((v, i) => Math.Abs(v - exact[i])).Max();
        Assert.True(worst < defaultWorst / 10, $"{precision} ({worst}) should beat Default ({defaultWorst}) by far");
    }

    [Fact]
    public void HighestIsWithinFp32RoundingOfTheExactProduct()
    {
        // Values with 24-bit mantissas: Highest's 3 bf16 terms (8 bits each) represent them exactly.
        float[] a = [1.0000001f, 3.1415927f];
        float[] b = [2.7182817f, 1.4142135f];
        var c = MatMul(a, b, 1, 2, 1, Precision.Highest)[0];
        var exact = (double)a[0] * b[0] + (double)a[1] * b[1];
        Assert.True(Math.Abs(c - exact) < 4e-7 * exact, $"{c} vs {exact}");
    }

    [Theory]
    [InlineData(Precision.Default, 1)]
    [InlineData(Precision.High, 3)]
    [InlineData(Precision.Highest, 6)]
    public void PrecisionMultipliesTheMxuPasses(Precision precision, int passes)
    {
        var kernel = new ContractionKernel("mm", new TensorRef(0, DType.Float32, [256, 512]), new TensorRef(1, DType.Float32, [512, 256]),
            DotDimensions.MatMul, precision, DType.Float32, null, 2);
        var timing = new Timing.KernelCostModel(Machine.TpuMachine.V4).Estimate(kernel);
        Assert.Equal(passes, timing.Passes);
        Assert.Equal(256L * 512 * 256 * passes, timing.Macs);
        // 4 x 2 folds per pass spread over 4 MXUs.
        Assert.Equal(8 * passes, timing.Folds);
        Assert.Equal(128 + 2 * passes * (256 + 128 + 128 - 2), timing.ComputeCycles);
    }

    [Fact]
    public void MnistSizedMatmulRunsWellUnderASecond()
    {
        var random = new Random(3);
        var a = RandomFloats(random, 128 * 784);
        var b = RandomFloats(random, 784 * 512);
        MatMul(a, b, 128, 784, 512, Precision.Default);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        MatMul(a, b, 128, 784, 512, Precision.Default);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"took {watch.ElapsedMilliseconds} ms");
    }
}
