using JaxNet.Testing;
using System.Reflection;
using System.Text.RegularExpressions;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Kernels.Fft;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// The fft kernel in emulation against the DFT by its definition in float64: each pass kind (radix 4, 2, odd primes
/// up to 64, a copy for n = 1), Bluestein's convolution for larger primes, batches, inner axes, inverses, real operands,
/// NaN kept in its row, empty shapes, an operand that shares memory with the output, and the kernels' PTX.
/// </summary>
public sealed class FftTests(Emulated emulated) : IClassFixture<Emulated>
{
    [Theory]
    [InlineData(DType.Float32, new[] { 64 }, 0, false, false)]                  // radix 4 x 4 x 4
    [InlineData(DType.Float64, new[] { 32 }, 0, false, false)]                  // 4 x 4 x 2
    [InlineData(DType.Float32, new[] { 2 }, 0, false, false)]                   // radix 2 alone
    [InlineData(DType.Float32, new[] { 3, 105 }, 1, false, false)]              // odd radices 3 x 5 x 7
    [InlineData(DType.Float64, new[] { 2, 60 }, 1, false, false)]               // 4 x 3 x 5
    [InlineData(DType.Float32, new[] { 59 }, 0, false, false)]                  // the largest odd radix kind: one pass of 59
    [InlineData(DType.Float32, new[] { 67 }, 0, false, false)]                  // Bluestein over 256
    [InlineData(DType.Float64, new[] { 2, 134 }, 1, false, false)]              // Bluestein, 2 x 67
    [InlineData(DType.Float32, new[] { 6, 12, 5 }, 1, false, false)]            // inner axis
    [InlineData(DType.Float64, new[] { 67, 3 }, 0, false, false)]               // inner axis through Bluestein
    [InlineData(DType.Float64, new[] { 5, 12 }, 1, true, false)]                // inverse
    [InlineData(DType.Float32, new[] { 2, 97 }, 1, true, false)]                // inverse through Bluestein
    [InlineData(DType.Float32, new[] { 4, 100 }, 1, false, true)]               // real operand
    [InlineData(DType.Float64, new[] { 2, 8, 10 }, 1, true, true)]              // inverse of a real operand along an inner axis
    [InlineData(DType.Float64, new[] { 3, 71 }, 1, true, true)]                 // the same through Bluestein
    [InlineData(DType.Float32, new[] { 5, 1 }, 1, false, false)]                // n = 1: a copy
    [InlineData(DType.Float64, new[] { 1, 4 }, 0, true, true)]                  // n = 1 along an inner axis, inverse, real
    public void Matches_the_DFT_by_its_definition(DType dtype, int[] shape, int axis, bool inverse, bool real)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var re = Inputs(count, 1);
        var im = real ? null : Inputs(count, 2);
        var (gotRe, gotIm) = Run(dtype, shape, axis, inverse, re, im);
        var (wantRe, wantIm) = Dft(shape, axis, inverse, re, im);
        var n = shape[axis];
        // The bound of a sum of n·log2(n) rounded terms of magnitude one: a wrong twiddle or order is off by O(1).
        var bound = 4 * Epsilon(dtype) * n * Math.Max(1, Math.Log2(n)) * (inverse ? 1.0 / n : 1.0);
        for (var i = 0; i < count; i++)
        {
            Assert.True(Math.Abs(gotRe[i] - wantRe[i]) <= bound, $"re[{i}] = {gotRe[i]}, want {wantRe[i]} (bound {bound:G3})");
            Assert.True(Math.Abs(gotIm[i] - wantIm[i]) <= bound, $"im[{i}] = {gotIm[i]}, want {wantIm[i]} (bound {bound:G3})");
        }
    }

    [Theory]
    [InlineData(1, "Stockham passes of radix 1")]
    [InlineData(64, "Stockham passes of radix 4 x 4 x 4")]
    [InlineData(128, "Stockham passes of radix 4 x 4 x 4 x 2")]
    [InlineData(210, "Stockham passes of radix 2 x 3 x 5 x 7")]
    [InlineData(3 * 61, "Stockham passes of radix 3 x 61")]
    [InlineData(67, "Bluestein's convolution over 256 points")]
    [InlineData(2 * 131, "Bluestein's convolution over 1024 points")]
    public void Lengths_with_prime_factors_up_to_64_take_passes_and_the_others_Bluestein(int n, string plan)
    {
        var kernel = new FftKernel("f", new TensorRef(0, DType.Float32, [n]), null, 0, false, 1, 2);
        using var compiled = (FftTransform<float, FftSingle>)CudaFft.Compile(emulated.Accelerator, kernel);
        Assert.Equal(plan, compiled.Plan);
    }

    [Theory]
    [InlineData(new[] { 3, 16 }, 1)]
    [InlineData(new[] { 3, 67 }, 1)]
    [InlineData(new[] { 16, 3 }, 0)]
    public void A_NaN_spreads_over_its_own_row_only(int[] shape, int axis)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var re = Inputs(count, 3);
        var im = Inputs(count, 4);
        // Row 1 of the transform: for axis 0 of [16, 3] that is column 1, element (5, 1).
        var poisoned = axis == 1 ? shape[1] + 5 : 5 * shape[1] + 1;
        re[poisoned] = double.NaN;
        var (gotRe, gotIm) = Run(DType.Float32, shape, axis, inverse: false, re, im);
        re[poisoned] = 0;
        var (wantRe, wantIm) = Dft(shape, axis, false, re, im);
        DftReference.AssertNanFillsOnlyItsRow(gotRe, gotIm, wantRe, wantIm, i => axis == 1 ? i / shape[1] : i % shape[1], nanRow: 1, tolerance: 1e-3);
    }

    [Theory]
    [InlineData(new[] { 0, 8 }, 1)]
    [InlineData(new[] { 3, 0 }, 1)]
    [InlineData(new[] { 0 }, 0)]
    public void Empty_shapes_compile_and_write_nothing(int[] shape, int axis)
    {
        var (re, im) = Run(DType.Float64, shape, axis, inverse: true, [], []);
        Assert.Empty(re);
        Assert.Empty(im);
    }

    [Theory]
    [InlineData(105, false)] // three passes: the first writes the output
    [InlineData(7, true)]    // one pass
    [InlineData(64, true)]
    [InlineData(15, false)]  // two passes: the first writes scratch
    [InlineData(67, false)]  // Bluestein reads the operand into scratch
    public void An_operand_that_shares_memory_with_the_output_is_read_before_it_is_overwritten(int n, bool exchanged)
    {
        // A donated operand: the same buffers passed as parameters and results (exchanged: re's buffer gets the
        // imaginary part of the result).
        var re = Inputs(2 * n, 5);
        var im = Inputs(2 * n, 6);
        var module = Module(DType.Float32, [2, n], 1, inverse: false, withImag: true);
        var backend = emulated.Backend;
        using var exe = backend.Compile(module, CompileOptions.Default);
        var a = Upload(DType.Float32, re);
        var b = Upload(DType.Float32, im);
        backend.Launch(exe, 0, [a, b], exchanged ? [b, a] : [a, b]).Wait();
        var (gotRe, gotIm) = (Download(DType.Float32, exchanged ? b : a, 2 * n), Download(DType.Float32, exchanged ? a : b, 2 * n));
        backend.Free(a);
        backend.Free(b);
        var (wantRe, wantIm) = Dft([2, n], 1, false, re, im);
        for (var i = 0; i < 2 * n; i++)
            Assert.True(Math.Abs(gotRe[i] - wantRe[i]) < 1e-4 && Math.Abs(gotIm[i] - wantIm[i]) < 1e-4,
                $"element {i}: ({gotRe[i]}, {gotIm[i]}), want ({wantRe[i]}, {wantIm[i]})");
    }

    [Fact]
    public void The_backend_claims_the_kind_and_refuses_parts_that_are_not_float32_or_float64()
    {
        Assert.Contains(KernelKind.Fft, emulated.Backend.Capabilities.KernelKinds);
        var kernel = new FftKernel("f", new TensorRef(0, DType.Float16, [8]), null, 0, false, 1, 2);
        Assert.Throws<NotSupportedException>(() => CudaFft.Compile(emulated.Accelerator, kernel));
        var module = new KernelModule("m",
            [new BufferDecl(0, BufferRole.Parameter, 16), new BufferDecl(1, BufferRole.Result, 16), new BufferDecl(2, BufferRole.Result, 16)],
            [kernel], [0], [1, 2]);
        Assert.ThrowsAny<Exception>(() => emulated.Backend.Compile(module, CompileOptions.Default));
    }

    [Theory]
    [InlineData(new[] { 3, 1 << 30 })]           // passes over 3·2^30 points
    [InlineData(new[] { (1 << 29) + 3 })]        // 5 x 107374183: Bluestein's padded row of 2^31
    public void A_transform_wider_than_one_launch_is_refused_before_any_table_is_built(int[] shape)
    {
        var kernel = new FftKernel("f", new TensorRef(0, DType.Float32, shape), null, shape.Length - 1, false, 1, 2);
        var e = Assert.Throws<NotSupportedException>(() => CudaFft.Compile(emulated.Accelerator, kernel));
        Assert.Contains("exceeds one launch", e.Message);
    }

    [Theory]
    [InlineData(typeof(StockhamKernels<float, FftSingle>), nameof(StockhamKernels<float, FftSingle>.Radix4))]
    [InlineData(typeof(StockhamKernels<float, FftSingle>), nameof(StockhamKernels<float, FftSingle>.Radix2))]
    [InlineData(typeof(StockhamKernels<float, FftSingle>), nameof(StockhamKernels<float, FftSingle>.AnyRadix))]
    [InlineData(typeof(BluesteinKernels<float, FftSingle>), nameof(BluesteinKernels<float, FftSingle>.ChirpIn))]
    [InlineData(typeof(BluesteinKernels<float, FftSingle>), nameof(BluesteinKernels<float, FftSingle>.Spectrum))]
    [InlineData(typeof(BluesteinKernels<float, FftSingle>), nameof(BluesteinKernels<float, FftSingle>.ChirpOut))]
    public void A_float32_transform_kernel_has_no_float64_instruction_and_no_local_memory(Type kernels, string name)
    {
        var ptx = PtxOf.Method(kernels.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!, explicitlyGrouped: false);
        Assert.DoesNotMatch(new Regex(@"^\s+[a-z.]+\.f64", RegexOptions.Multiline), ptx);
        Assert.DoesNotContain(".local", ptx);
    }

    [Fact]
    public void The_host_power_of_two_transform_behind_the_chirp_spectrum_matches_the_definition()
    {
        var re = Inputs(64, 7);
        var im = Inputs(64, 8);
        var (wantRe, wantIm) = Dft([64], 0, false, re, im);
        var (r, i) = ((double[])re.Clone(), (double[])im.Clone());
        FftTables.PowerOfTwoDft(r, i);
        for (var k = 0; k < 64; k++)
        {
            Assert.Equal(wantRe[k], r[k], 1e-12);
            Assert.Equal(wantIm[k], i[k], 1e-12);
        }
    }

    // Values in [-1, 1), different per seed.
    internal static double[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    internal static double Epsilon(DType dtype) => dtype == DType.Float32 ? Math.Pow(2, -24) : Math.Pow(2, -53);

    private static KernelModule Module(DType dtype, int[] shape, int axis, bool inverse, bool withImag)
    {
        var bytes = shape.Aggregate(1L, (a, b) => a * b) * dtype.SizeOf();
        var parameters = withImag ? 2 : 1;
        var buffers = Enumerable.Range(0, parameters + 2)
            .Select(i => new BufferDecl(i, i < parameters ? BufferRole.Parameter : BufferRole.Result, bytes)).ToList();
        var kernel = new FftKernel("f", new TensorRef(0, dtype, shape), withImag ? new TensorRef(1, dtype, shape) : null, axis, inverse,
            parameters, parameters + 1);
        return new KernelModule("m", buffers, [kernel], Enumerable.Range(0, parameters).ToList(), [parameters, parameters + 1]);
    }

    private (double[] Re, double[] Im) Run(DType dtype, int[] shape, int axis, bool inverse, double[] re, double[]? im)
    {
        var module = Module(dtype, shape, axis, inverse, im is not null);
        var inputs = im is null ? [Bytes(dtype, re)] : new[] { Bytes(dtype, re), Bytes(dtype, im) };
        var results = emulated.Run(module, inputs);
        return (Doubles(dtype, results[0]), Doubles(dtype, results[1]));
    }

    private DeviceBuffer Upload(DType dtype, double[] values)
    {
        var bytes = Bytes(dtype, values);
        var buffer = emulated.Backend.Allocate(0, bytes.Length);
        emulated.Backend.CopyToDevice(bytes, buffer, 0).Wait();
        return buffer;
    }

    private double[] Download(DType dtype, DeviceBuffer buffer, int count)
    {
        var bytes = new byte[count * dtype.SizeOf()];
        emulated.Backend.CopyToHost(buffer, 0, bytes).Wait();
        return Doubles(dtype, bytes);
    }

    internal static byte[] Bytes(DType dtype, double[] values) =>
        dtype == DType.Float32 ? Emulated.Bytes(values.Select(v => (float)v).ToArray()) : Emulated.Bytes(values);

    internal static double[] Doubles(DType dtype, byte[] bytes) =>
        dtype == DType.Float32 ? Emulated.Values<float>(bytes).Select(v => (double)v).ToArray() : Emulated.Values<double>(bytes);

    /// <summary>The float64 DFT by its definition (<see cref="DftReference.Along"/>).</summary>
    internal static (double[] Re, double[] Im) Dft(int[] shape, int axis, bool inverse, double[] re, double[]? im) =>
        DftReference.Along(shape, axis, inverse, re, im);
}
