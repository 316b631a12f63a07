using System.Numerics;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The cpu backend's Fourier transform kernel (IR 1.2): every butterfly (radix 4, 2 and the general odd one), the
/// widths of lanes the passes pick, Bluestein's convolution, real operands, the inverse, rows split over the cores,
/// NaN and empty shapes. Errors are relative to the largest output of a float64 DFT by definition.
/// </summary>
public sealed class FftKernelTests
{
    private static (double[] Re, double[] Im) Row(int count, int seed)
    {
        var random = new Random(seed);
        return (Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray(),
            Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray());
    }

    internal static (double[] Re, double[] Im) Dft(double[] re, double[] im, int n, bool inverse)
    {
        var (outRe, outIm) = (new double[re.Length], new double[re.Length]);
        for (var row = 0; row < re.Length / Math.Max(n, 1); row++)
            for (var k = 0; k < n; k++)
            {
                var sum = Complex.Zero;
                for (var j = 0; j < n; j++)
                {
                    var (sin, cos) = double.SinCosPi((inverse ? 2.0 : -2.0) * ((long)j * k % n) / n);
                    sum += new Complex(re[row * n + j], im[row * n + j]) * new Complex(cos, sin);
                }
                if (inverse) sum /= n;
                (outRe[row * n + k], outIm[row * n + k]) = (sum.Real, sum.Imaginary);
            }
        return (outRe, outIm);
    }

    internal static (T[] Re, T[] Im) Run<T>(DType dtype, T[] re, T[]? im, int[] shape, bool inverse, int? axis = null) where T : unmanaged
    {
        using var h = new ModuleHarness();
        var bytes = re.Length * dtype.SizeOf();
        var r = h.Input(re);
        int? i = im is null ? null : h.Input(im);
        var (outRe, outIm) = (h.Output(bytes), h.Output(bytes));
        h.Run(new FftKernel("fft", new TensorRef(r, dtype, shape), i is { } b ? new TensorRef(b, dtype, shape) : null, axis ?? shape.Length - 1, inverse, outRe, outIm));
        return (h.Result<T>(outRe), h.Result<T>(outIm));
    }

    private static double RelativeError(double[] er, double[] ei, IReadOnlyList<double> gr, IReadOnlyList<double> gi)
    {
        double worst = 0, largest = 1e-300;
        for (var t = 0; t < er.Length; t++)
        {
            worst = Math.Max(worst, Complex.Abs(new Complex(er[t] - gr[t], ei[t] - gi[t])));
            largest = Math.Max(largest, Complex.Abs(new Complex(er[t], ei[t])));
        }
        return worst / largest;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(61)]
    [InlineData(67)]
    [InlineData(96)]
    [InlineData(1536)]
    [InlineData(4096)]
    [InlineData(3 * 5 * 7 * 11)]
    public void EveryRadixMatchesTheDefinition(int n)
    {
        foreach (var inverse in new[] { false, true })
        {
            var (re, im) = Row(3 * n, seed: n);
            var (er, ei) = Dft(re, im, n, inverse);
            var bound = 2 * Math.Log2(Math.Max(n, 2));
            var (fr, fi) = Run(DType.Float32, Array.ConvertAll(re, v => (float)v), Array.ConvertAll(im, v => (float)v), [3, n], inverse);
            Assert.InRange(RelativeError(er, ei, Array.ConvertAll(fr, v => (double)v), Array.ConvertAll(fi, v => (double)v)), 0, bound * 1.2e-7);
            var (dr, di) = Run(DType.Float64, re, im, [3, n], inverse);
            Assert.InRange(RelativeError(er, ei, dr, di), 0, bound * 2.3e-16);
        }
    }

    /// <summary>Positions of [outer, n, inner] and of the same element in [outer, inner, n].</summary>
    private static IEnumerable<(int From, int To)> InnerToLast(int outer, int n, int inner) =>
        from o in Enumerable.Range(0, outer)
        from t in Enumerable.Range(0, n)
        from c in Enumerable.Range(0, inner)
        select ((o * n + t) * inner + c, (o * inner + c) * n + t);

    [Theory]
    [InlineData(8, 3, 5)]
    [InlineData(64, 40, 1)]
    [InlineData(60, 17, 2)]
    [InlineData(97, 33, 1)]
    [InlineData(256, 300, 1)]
    public void AnInnerAxisMatchesTheLastAxisTransposed(int n, int inner, int outer)
    {
        // [outer, n, inner] along axis 1 against the same values laid out as [outer, inner, n] along the last axis.
        var (re, im) = Row(outer * n * inner, seed: n + inner);
        var (tr, ti) = (new double[re.Length], new double[re.Length]);
        foreach (var (from, to) in InnerToLast(outer, n, inner)) (tr[to], ti[to]) = (re[from], im[from]);
        foreach (var inverse in new[] { false, true })
        {
            var (yr, yi) = Run(DType.Float64, re, im, [outer, n, inner], inverse, axis: 1);
            var (er, ei) = Dft(tr, ti, n, inverse);
            var (gr, gi) = (new double[re.Length], new double[re.Length]);
            foreach (var (from, to) in InnerToLast(outer, n, inner)) (gr[to], gi[to]) = (yr[from], yi[from]);
            Assert.InRange(RelativeError(er, ei, gr, gi), 0, 2 * Math.Log2(n) * 2.3e-16);
            var (fr, fi) = Run(DType.Float32, Array.ConvertAll(re, v => (float)v), null, [outer, n, inner], inverse, axis: 1);
            var (zr, zi) = Run(DType.Float32, Array.ConvertAll(re, v => (float)v), new float[re.Length], [outer, n, inner], inverse, axis: 1);
            Assert.Equal(zr, fr);
            Assert.Equal(zi, fi);
        }
    }

    [Theory]
    [InlineData(1 << 15)]
    [InlineData(59_049)]
    [InlineData(40_009)]
    public void ALoneRowSplitOverTheCoresGivesTheBitsOfABatchedRow(int n)
    {
        var (re, im) = Row(n, seed: 7);
        var (lr, li) = Run(DType.Float64, re, im, [n], inverse: false);
        var (br, bi) = Run(DType.Float64, [.. re, .. re], [.. im, .. im], [2, n], inverse: false);
        Assert.Equal(lr, br[..n]);
        Assert.Equal(li, bi[..n]);
        Assert.Equal(lr, br[n..]);
        // And the inverse brings the row back.
        var (xr, xi) = Run(DType.Float64, lr, li, [n], inverse: true);
        Assert.InRange(RelativeError(re, im, xr, xi), 0, 1e-14);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARealOperandIsAZeroImaginaryPart(bool inverse)
    {
        var (re, _) = Row(2 * 100, seed: 3);
        var real = Run(DType.Float64, re, null, [2, 100], inverse);
        var complex = Run(DType.Float64, re, new double[re.Length], [2, 100], inverse);
        Assert.Equal(complex.Re, real.Re);
        Assert.Equal(complex.Im, real.Im);
    }

    [Fact]
    public void NaNSpreadsOverItsRowOnly()
    {
        var (re, im) = Row(2 * 64, seed: 5);
        re[70] = double.NaN;
        var (yr, yi) = Run(DType.Float64, re, im, [2, 64], inverse: false);
        Assert.All(yr[..64].Concat(yi[..64]), v => Assert.False(double.IsNaN(v)));
        Assert.All(yr[64..].Concat(yi[64..]), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void EmptyShapesAndSinglePointsAreCopies()
    {
        Assert.Empty(Run(DType.Float32, Array.Empty<float>(), Array.Empty<float>(), [0, 8], inverse: false).Re);
        Assert.Empty(Run(DType.Float32, Array.Empty<float>(), null, [3, 0], inverse: true).Re);
        var (yr, yi) = Run(DType.Float32, [1.5f, -2f], [0.25f, 3f], [2, 1], inverse: true);
        Assert.Equal([1.5f, -2f], yr);
        Assert.Equal([0.25f, 3f], yi);
    }

    [Fact]
    public void TheValidatorRefusesIntegerAndMismatchedParts()
    {
        using var h = new ModuleHarness();
        var r = h.Input(new int[8]);
        var f = h.Input(new float[8]);
        var (a, b) = (h.Output(32), h.Output(32));
        var integer = Assert.ThrowsAny<Exception>(() => h.Run(new FftKernel("fft", new TensorRef(r, DType.Int32, [8]), null, 0, false, a, b)));
        Assert.Contains("float32 or float64", integer.Message);
        var mismatched = Assert.ThrowsAny<Exception>(() =>
            h.Run(new FftKernel("fft", new TensorRef(f, DType.Float32, [8]), new TensorRef(f, DType.Float32, [2, 4]), 0, false, a, b)));
        Assert.Contains("parts differ", mismatched.Message);
    }

    [Fact]
    public void TheBackendClaimsTheOptionalKind()
    {
        using var backend = TestBackend.Create();
        Assert.Contains(KernelKind.Fft, backend.Capabilities.KernelKinds);
        Assert.DoesNotContain(KernelKind.Fft, BackendCapabilities.Everything([DType.Float32], 4).KernelKinds);
    }
}
