using System.Numerics;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Fft;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The fft kernel on complex values stored interleaved (IR 1.3): operand, result or both. The parts are only moved
/// apart and back together around the same passes, so every combination must give the bits of the separate-parts
/// kernel (which <see cref="FftKernelTests"/> checks against a float64 DFT), on whichever ISA the suite runs with.
/// </summary>
public sealed class InterleavedFftKernelTests
{
    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    private static T[] Interleave<T>(T[] re, T[] im) => re.SelectMany((r, t) => new[] { r, im[t] }).ToArray();

    private static (T[] Re, T[] Im) Deinterleave<T>(T[] z) =>
        (z.Where((_, t) => t % 2 == 0).ToArray(), z.Where((_, t) => t % 2 == 1).ToArray());

    /// <summary>The kernel with the chosen layouts; the result comes back as separate parts either way.</summary>
    private static (T[] Re, T[] Im) Run<T>(DType dtype, T[] re, T[]? im, int[] shape, int axis, bool inverse, bool operand, bool result)
        where T : unmanaged
    {
        using var h = new ModuleHarness();
        var bytes = (long)re.Length * dtype.SizeOf();
        TensorRef real;
        TensorRef? imag;
        if (operand)
        {
            real = new TensorRef(h.Input(Interleave(re, im ?? new T[re.Length])), dtype, [.. shape, 2]);
            imag = null;
        }
        else
        {
            real = new TensorRef(h.Input(re), dtype, shape);
            imag = im is null ? null : new TensorRef(h.Input(im), dtype, shape);
        }
        if (result)
        {
            var both = h.Output(2 * bytes);
            h.Run(new FftKernel("fft", real, imag, axis, inverse, both, both) { InterleavedOperand = operand, InterleavedResult = true });
            return Deinterleave(h.Result<T>(both));
        }
        var (outRe, outIm) = (h.Output(bytes), h.Output(bytes));
        h.Run(new FftKernel("fft", real, imag, axis, inverse, outRe, outIm) { InterleavedOperand = operand });
        return (h.Result<T>(outRe), h.Result<T>(outIm));
    }

    private static void AllLayoutsAgree<T>(DType dtype, T[] re, T[] im, int[] shape, int axis) where T : unmanaged
    {
        foreach (var inverse in new[] { false, true })
        {
            var planar = Run(dtype, re, im, shape, axis, inverse, operand: false, result: false);
            foreach (var (operand, result) in new[] { (true, true), (true, false), (false, true) })
            {
                var got = Run(dtype, re, im, shape, axis, inverse, operand, result);
                Assert.Equal(planar.Re, got.Re);
                Assert.Equal(planar.Im, got.Im);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(61)]
    [InlineData(67)]
    [InlineData(96)]
    [InlineData(1536)]
    [InlineData(3 * 5 * 7 * 11)]
    public void RowsGiveTheBitsOfSeparateParts(int n)
    {
        var (re, im) = (Values(3 * n, n), Values(3 * n, n + 1));
        AllLayoutsAgree(DType.Float64, re, im, [3, n], axis: 1);
        AllLayoutsAgree(DType.Float32, Array.ConvertAll(re, v => (float)v), Array.ConvertAll(im, v => (float)v), [3, n], axis: 1);
    }

    [Theory]
    [InlineData(12, 2, 9)]
    [InlineData(16, 129, 1)]
    [InlineData(61, 20, 1)]
    [InlineData(67, 5, 2)]
    [InlineData(256, 300, 1)]
    public void AnInnerAxisGivesTheBitsOfSeparateParts(int n, int inner, int outer)
    {
        var count = outer * n * inner;
        var (re, im) = (Values(count, n), Values(count, inner));
        AllLayoutsAgree(DType.Float64, re, im, [outer, n, inner], axis: 1);
        AllLayoutsAgree(DType.Float32, Array.ConvertAll(re, v => (float)v), Array.ConvertAll(im, v => (float)v), [outer, n, inner], axis: 1);
    }

    [Theory]
    [InlineData(1 << 15)]
    [InlineData(40_009)]
    public void ALoneRowSplitOverTheCoresGivesTheBitsOfSeparateParts(int n) =>
        AllLayoutsAgree(DType.Float32, Array.ConvertAll(Values(n, 1), v => (float)v), Array.ConvertAll(Values(n, 2), v => (float)v), [n], axis: 0);

    [Theory]
    [InlineData(48)]
    [InlineData(67)]
    public void InterleavedInAndOutMatchesTheDefinition(int n)
    {
        var (re, im) = (Values(2 * n, 11), Values(2 * n, 12));
        foreach (var inverse in new[] { false, true })
        {
            var (yr, yi) = Run(DType.Float64, re, im, [2, n], 1, inverse, operand: true, result: true);
            double worst = 0, largest = 1e-300;
            for (var row = 0; row < 2; row++)
                for (var k = 0; k < n; k++)
                {
                    var sum = Complex.Zero;
                    for (var j = 0; j < n; j++)
                    {
                        var (sin, cos) = double.SinCosPi((inverse ? 2.0 : -2.0) * (j * k % n) / n);
                        sum += new Complex(re[row * n + j], im[row * n + j]) * new Complex(cos, sin);
                    }
                    if (inverse) sum /= n;
                    worst = Math.Max(worst, Complex.Abs(sum - new Complex(yr[row * n + k], yi[row * n + k])));
                    largest = Math.Max(largest, Complex.Abs(sum));
                }
            Assert.InRange(worst / largest, 0, 2 * Math.Log2(n) * 2.3e-16);
        }
    }

    [Fact]
    public void ARealOperandGivesAnInterleavedResult()
    {
        var re = Array.ConvertAll(Values(4 * 50, 3), v => (float)v);
        foreach (var inverse in new[] { false, true })
        {
            var planar = Run(DType.Float32, re, null, [4, 50], 1, inverse, operand: false, result: false);
            var interleaved = Run(DType.Float32, re, null, [4, 50], 1, inverse, operand: false, result: true);
            Assert.Equal(planar.Re, interleaved.Re);
            Assert.Equal(planar.Im, interleaved.Im);
            var columns = Run(DType.Float32, re, null, [4, 50], 0, inverse, operand: false, result: true);
            Assert.Equal(Run(DType.Float32, re, null, [4, 50], 0, inverse, operand: false, result: false).Im, columns.Im);
        }
    }

    [Fact]
    public void NaNSpreadsOverItsRowOnly()
    {
        var (re, im) = (Values(2 * 64, 5), Values(2 * 64, 6));
        im[70] = double.NaN;
        var (yr, yi) = Run(DType.Float64, re, im, [2, 64], 1, inverse: false, operand: true, result: true);
        Assert.All(yr[..64].Concat(yi[..64]), v => Assert.False(double.IsNaN(v)));
        Assert.All(yr[64..].Concat(yi[64..]), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void EmptyShapesAndSinglePoints()
    {
        Assert.Empty(Run(DType.Float32, Array.Empty<float>(), Array.Empty<float>(), [0, 8], 1, false, operand: true, result: true).Re);
        Assert.Empty(Run(DType.Float64, Array.Empty<double>(), Array.Empty<double>(), [3, 0], 1, true, operand: true, result: true).Im);
        var (yr, yi) = Run(DType.Float32, [1.5f, -2f], [0.25f, 3f], [2, 1], 1, inverse: true, operand: true, result: true);
        Assert.Equal([1.5f, -2f], yr);
        Assert.Equal([0.25f, 3f], yi);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(37)]
    public unsafe void SplitAndJoinMoveEveryValue(int count)
    {
        var z = Values(2 * count, count);
        var f = Array.ConvertAll(z, v => (float)v);
        var (dr, di, fr, fi) = (new double[count], new double[count], new float[count], new float[count]);
        var (dz, fz) = (new double[2 * count], new float[2 * count]);
        fixed (double* x = z, r = dr, i = di, y = dz)
        fixed (float* xf = f, rf = fr, iff = fi, yf = fz)
        {
            Interleaving.Split(x, r, i, count);
            Interleaving.Join(r, i, y, count);
            Interleaving.Split(xf, rf, iff, count);
            Interleaving.Join(rf, iff, yf, count);
        }
        Assert.Equal(Deinterleave(z).Re, dr);
        Assert.Equal(Deinterleave(z).Im, di);
        Assert.Equal(z, dz);
        Assert.Equal(Deinterleave(f).Im, fi);
        Assert.Equal(f, fz);
    }

    [Fact]
    public void TheValidatorRefusesMalformedLayouts()
    {
        using var h = new ModuleHarness();
        var z = h.Input(new float[16]);
        var (a, b) = (h.Output(64), h.Output(64));
        var noPair = Assert.ThrowsAny<Exception>(() =>
            h.Run(new FftKernel("fft", new TensorRef(z, DType.Float32, [16]), null, 0, false, a, a) { InterleavedOperand = true, InterleavedResult = true }));
        Assert.Contains("S x 2", noPair.Message);
        var twoBuffers = Assert.ThrowsAny<Exception>(() =>
            h.Run(new FftKernel("fft", new TensorRef(z, DType.Float32, [8, 2]), null, 0, false, a, b) { InterleavedOperand = true, InterleavedResult = true }));
        Assert.Contains("one buffer", twoBuffers.Message);
        var withImag = Assert.ThrowsAny<Exception>(() =>
            h.Run(new FftKernel("fft", new TensorRef(z, DType.Float32, [8, 2]), new TensorRef(z, DType.Float32, [8, 2]), 0, false, a, a) { InterleavedOperand = true, InterleavedResult = true }));
        Assert.Contains("no separate imaginary part", withImag.Message);
        var axis = Assert.ThrowsAny<Exception>(() =>
            h.Run(new FftKernel("fft", new TensorRef(z, DType.Float32, [8, 2]), null, 1, false, a, a) { InterleavedOperand = true, InterleavedResult = true }));
        Assert.Contains("out of range", axis.Message);
    }

    [Fact]
    public void OnlyABackendThatClaimsItIsHandedTheLayout()
    {
        using var backend = TestBackend.Create();
        Assert.True(backend.Capabilities.InterleavedFft);
        var kernel = new FftKernel("fft", new TensorRef(0, DType.Float32, [8, 2]), null, 0, false, 1, 1) { InterleavedOperand = true, InterleavedResult = true };
        Assert.Null(backend.Capabilities.Unsupported(kernel));
        var planarOnly = BackendCapabilities.Everything([DType.Float32], 4) with { KernelKinds = Enum.GetValues<KernelKind>().ToHashSet() };
        Assert.NotNull(planarOnly.Unsupported(kernel));
        Assert.Null(planarOnly.Unsupported(kernel with { InterleavedOperand = false, InterleavedResult = false, OutImag = 2 }));
    }
}
