using JaxNet.Testing;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.FftTests;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>
/// The fft kernel on complex values stored interleaved (IR 1.3): operand, result or both. Only the first pass's loads
/// and the last pass's stores change address, so every layout must give the bits of the separate parts, and those the
/// float64 DFT within <see cref="FftTests"/>' bound.
/// </summary>
public sealed class InterleavedFftTests
{
    [VulkanFact]
    public void ClaimsInterleavedFft() => Assert.True(VulkanAvailability.Backend.Capabilities.InterleavedFft);

    [VulkanTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(97)] // Bluestein: the chirp multiplies read and write the interleaved values
    [InlineData(1024)]
    public void RowsOfEveryLayoutMatchSeparatePartsAndTheDft(int n)
    {
        Check(DType.Float32, [2, n], axis: 1, inverse: false, real: false);
        Check(DType.Float32, [2, n], axis: 1, inverse: true, real: false);
    }

    [VulkanFact]
    public void InnerAxesRealOperandsAndFloat64()
    {
        Check(DType.Float32, [12, 3], axis: 0, inverse: false, real: false);
        Check(DType.Float32, [4, 97, 2], axis: 1, inverse: true, real: false);
        Check(DType.Float32, [3, 12], axis: 1, inverse: false, real: true);
        Check(DType.Float32, [2, 97], axis: 1, inverse: true, real: true);
        if (!VulkanAvailability.Backend.Capabilities.DTypes.Contains(DType.Float64)) return;
        Check(DType.Float64, [2, 60], axis: 1, inverse: false, real: false);
        Check(DType.Float64, [2, 97], axis: 1, inverse: true, real: false);
    }

    [VulkanTheory]
    [InlineData(16)]
    [InlineData(97)]
    public void NanStaysInItsRow(int n)
    {
        var (re, im) = (RandomValues(3 * n, 11), RandomValues(3 * n, 12));
        // Both parts: a sum that never meets a twiddle would keep a lone NaN in one part.
        (re[n + 2], im[n + 2]) = (double.NaN, double.NaN);
        var (gotRe, gotIm) = Run(DType.Float32, [3, n], 1, false, re, im, operand: true, result: true);
        var (wantRe, wantIm) = Dft([3, n], 1, false, re, im);
        DftReference.AssertNanFillsOnlyItsRow(gotRe, gotIm, wantRe, wantIm, i => i / n, nanRow: 1, tolerance: 1e-4);
    }

    [VulkanFact]
    public void EmptyShapesWriteNothing()
    {
        foreach (var shape in new[] { new[] { 0, 8 }, [3, 0] })
        {
            var (re, im) = Run(DType.Float32, shape, 1, true, [], [], operand: true, result: true);
            Assert.Empty(re);
            Assert.Empty(im);
        }
    }

    private static void Check(DType dtype, int[] shape, int axis, bool inverse, bool real)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var re = RandomValues(count, 21);
        var im = real ? null : RandomValues(count, 22);
        var planar = Run(dtype, shape, axis, inverse, re, im, operand: false, result: false);
        (bool, bool)[] layouts = real ? [(false, true)] : [(true, true), (true, false), (false, true)];
        foreach (var (operand, result) in layouts)
        {
            var got = Run(dtype, shape, axis, inverse, re, im, operand, result);
            Assert.Equal(planar.Re, got.Re);
            Assert.Equal(planar.Im, got.Im);
        }
        var (wantRe, wantIm) = Dft(shape, axis, inverse, re, im);
        var n = shape[axis];
        var inner = shape[(axis + 1)..].Aggregate(1, (a, b) => a * b);
        for (var row = 0; row < count / n; row++)
        {
            var at = Enumerable.Range(0, n).Select(t => row / inner * n * inner + t * inner + row % inner).ToArray();
            AssertClose(dtype, n, inverse, at.Select(i => (re[i], im?[i] ?? 0)).ToArray(), at.Select(i => wantRe[i]).ToArray(),
                at.Select(i => wantIm[i]).ToArray(), at.Select(i => planar.Re[i]).ToArray(), at.Select(i => planar.Im[i]).ToArray());
        }
    }

    /// <summary>One kernel with the chosen layouts; the result comes back as separate parts either way.</summary>
    private static (double[] Re, double[] Im) Run(DType dtype, int[] shape, int axis, bool inverse, double[] re, double[]? im,
        bool operand, bool result)
    {
        var bytes = (long)re.Length * dtype.SizeOf();
        byte[][] parameters = operand ? [Encode(dtype, re.SelectMany((r, t) => new[] { r, im![t] }).ToArray())]
            : im is null ? [Encode(dtype, re)] : [Encode(dtype, re), Encode(dtype, im)];
        var real = new TensorRef(0, dtype, operand ? [.. shape, 2] : shape);
        var imag = operand || im is null ? null : new TensorRef(1, dtype, shape);
        var first = parameters.Length;
        if (!result)
        {
            var parts = ModuleRunner.Run(new FftKernel("fft", real, imag, axis, inverse, first, first + 1) { InterleavedOperand = operand },
                parameters, [bytes, bytes]);
            return (Decode(dtype, parts[0]), Decode(dtype, parts[1]));
        }
        var kernel = new FftKernel("fft", real, imag, axis, inverse, first, first) { InterleavedOperand = operand, InterleavedResult = true };
        var pairs = Decode(dtype, ModuleRunner.Run(kernel, parameters, [2 * bytes])[0]);
        return (pairs.Where((_, i) => i % 2 == 0).ToArray(), pairs.Where((_, i) => i % 2 == 1).ToArray());
    }
}
