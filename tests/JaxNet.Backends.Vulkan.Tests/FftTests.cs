using JaxNet.Testing;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>The fft kernel (IR 1.2) against the DFT by its definition in float64, with exact integer phases.</summary>
public sealed class FftTests
{
    private static bool HasFloat64 => VulkanAvailability.Backend.Capabilities.DTypes.Contains(DType.Float64);

    [VulkanFact]
    public void ClaimsTheKind() => Assert.Contains(KernelKind.Fft, VulkanAvailability.Backend.Capabilities.KernelKinds);

    [VulkanTheory]
    [InlineData(64)] // radix 4 only
    [InlineData(32)] // radix 4, then 2
    [InlineData(2)]
    [InlineData(105)] // odd primes 3, 5, 7
    [InlineData(236)] // 4 and the prime 59
    [InlineData(4096)] // the last passes' twiddles from the split root table
    [InlineData(67)] // Bluestein: a prime past the butterflies
    [InlineData(134)] // Bluestein of an even length
    [InlineData(1031)] // Bluestein whose chirp needs the split root table
    public void ForwardRowsMatchTheDefinition(int n) => Check(DType.Float32, [3, n], axis: 1, inverse: false, real: false);

    [VulkanTheory]
    [InlineData(48)]
    [InlineData(97)]
    public void InverseRowsMatchTheDefinition(int n) => Check(DType.Float32, [2, n], axis: 1, inverse: true, real: false);

    [VulkanTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void InnerAxesAreColumns(bool inverse)
    {
        Check(DType.Float32, [4, 30, 3], axis: 1, inverse, real: false);
        Check(DType.Float32, [30, 3], axis: 0, inverse, real: false);
        Check(DType.Float32, [2, 71, 5], axis: 1, inverse, real: false); // Bluestein down columns
        Check(DType.Float32, [67, 2], axis: 0, inverse, real: false);
    }

    [VulkanFact]
    public void RealInputReadsNoImaginaryBuffer()
    {
        Check(DType.Float32, [5, 12], axis: 1, inverse: false, real: true);
        Check(DType.Float32, [5, 12], axis: 1, inverse: true, real: true);
        Check(DType.Float32, [2, 89], axis: 1, inverse: true, real: true);
    }

    [VulkanFact]
    public void OnePointIsACopy()
    {
        Check(DType.Float32, [7, 1], axis: 1, inverse: true, real: false);
        Check(DType.Float32, [1, 6], axis: 0, inverse: false, real: true);
    }

    [VulkanFact]
    public void Float64IsAccurateToDoublePrecision()
    {
        if (!HasFloat64) return; // a device without shaderFloat64 does not declare the dtype
        foreach (var n in new[] { 60, 1024, 97, 1031 })
        {
            Check(DType.Float64, [2, n], axis: 1, inverse: false, real: false);
            Check(DType.Float64, [2, n], axis: 1, inverse: true, real: true);
        }
        Check(DType.Float64, [9, 4], axis: 0, inverse: false, real: false);
    }

    [VulkanTheory]
    [InlineData(256)]
    [InlineData(210)]
    [InlineData(97)]
    public void NanStaysInItsRow(int n)
    {
        int[] shape = [3, n];
        var (re, im) = (RandomValues(3 * n, 1), RandomValues(3 * n, 2));
        re[n] = double.NaN; // point 0 of row 1: its twiddles are all 1, so every real part of that row is NaN
        var (gotRe, gotIm) = Run(DType.Float32, shape, 1, false, re, im);
        var (wantRe, wantIm) = Dft(shape, 1, false, re, im);
        for (var t = 0; t < n; t++) Assert.True(double.IsNaN(gotRe[n + t]), $"point {t} of the NaN row is {gotRe[n + t]}");
        foreach (var row in new[] { 0, 2 })
            AssertClose(DType.Float32, n, false, Slice(re, im, row, n), wantRe[(row * n)..((row + 1) * n)], wantIm[(row * n)..((row + 1) * n)],
                gotRe[(row * n)..((row + 1) * n)], gotIm[(row * n)..((row + 1) * n)]);
    }

    [VulkanFact]
    public void EmptyShapesLaunchNothing()
    {
        foreach (var shape in new[] { new[] { 0, 8 }, [3, 0] })
        {
            var (gotRe, gotIm) = Run(DType.Float32, shape, 1, true, [], []);
            Assert.Empty(gotRe);
            Assert.Empty(gotIm);
        }
    }

    [VulkanFact]
    public void PassesAreLogarithmicInTheLength()
    {
        Assert.Equal(6, ShaderPasses(4096)); // six radix-4 passes
        Assert.Equal(4, ShaderPasses(210)); // 2, 3, 5, 7
        // Bluestein over 256 points: the kernel and its four passes, chirp, four, multiply, four, chirp.
        Assert.Equal(16, ShaderPasses(97));
    }

    [VulkanFact]
    public void TablesAreUploadedOnceAndFreedWithTheExecutable()
    {
        const int n = 1031; // Bluestein: roots of the padded length and the chirp
        var backend = (VulkanBackend)VulkanAvailability.Backend;
        var kernel = new FftKernel("f", new TensorRef(0, DType.Float32, [n]), new TensorRef(1, DType.Float32, [n]), 0, false, 2, 3);
        var exe = (Launch.VulkanExecutable)backend.Compile(Module(kernel, 4L * n, 4L * n), CompileOptions.Default);
        var tableBytes = exe.Scratch.Where(s => s.Contents is not null).Sum(s => s.Bytes);
        Assert.True(tableBytes > 0);
        Assert.Equal(0, exe.Constants.BytesOn(0));
        var (re, im) = (RandomValues(n, 3), RandomValues(n, 4));
        var inputs = new[] { Encode(DType.Float32, re), Encode(DType.Float32, im) }.Select(p =>
        {
            var b = backend.Allocate(0, p.Length);
            backend.CopyToDevice(p, b, 0);
            return b;
        }).ToArray();
        var outputs = new[] { backend.Allocate(0, 4L * n), backend.Allocate(0, 4L * n) };
        byte[]? first = null;
        for (var launch = 0; launch < 3; launch++)
        {
            backend.Launch(exe, 0, inputs, outputs);
            var got = new byte[4 * n];
            backend.CopyToHost(outputs[0], 0, got).Wait();
            first ??= got;
            Assert.Equal(first, got);
            Assert.Equal(tableBytes, exe.Constants.BytesOn(0)); // held once, not once per launch
        }
        var (wantRe, wantIm) = Dft([n], 0, false, re, im);
        var gotIm = new byte[4 * n];
        backend.CopyToHost(outputs[1], 0, gotIm).Wait();
        AssertClose(DType.Float32, n, false, Slice(re, im, 0, n), wantRe, wantIm, Decode(DType.Float32, first!), Decode(DType.Float32, gotIm));
        exe.Dispose();
        Assert.Equal(0, exe.Constants.BytesOn(0));
        Assert.Throws<ObjectDisposedException>(() => backend.Launch(exe, 0, inputs, outputs));
        foreach (var b in inputs.Concat(outputs)) backend.Free(b);
    }

    [VulkanFact]
    public void RefusesWrongDTypesAndMismatchedParts()
    {
        var backend = VulkanAvailability.Backend;
        Assert.ThrowsAny<Exception>(() => backend.Compile(Module(new FftKernel("f", new TensorRef(0, DType.Int32, [8]),
            new TensorRef(1, DType.Int32, [8]), 0, false, 2, 3), 32, 32), CompileOptions.Default));
        Assert.ThrowsAny<Exception>(() => backend.Compile(Module(new FftKernel("f", new TensorRef(0, DType.Float32, [8]),
            new TensorRef(1, DType.Float32, [4]), 0, false, 2, 3), 32, 16), CompileOptions.Default));
    }

    private static int ShaderPasses(int n)
    {
        var kernel = new FftKernel("f", new TensorRef(0, DType.Float32, [n]), new TensorRef(1, DType.Float32, [n]), 0, false, 2, 3);
        using var exe = VulkanAvailability.Backend.Compile(Module(kernel, 4L * n, 4L * n), CompileOptions.Default);
        return exe.Describe().Split('\n').Count(line => line.StartsWith("// shader", StringComparison.Ordinal));
    }

    private static KernelModule Module(FftKernel kernel, long realBytes, long imagBytes) =>
        new("test_fft", [new BufferDecl(0, BufferRole.Parameter, realBytes), new BufferDecl(1, BufferRole.Parameter, imagBytes),
            new BufferDecl(2, BufferRole.Result, realBytes), new BufferDecl(3, BufferRole.Result, realBytes)], [kernel], [0, 1], [2, 3]);

    private static void Check(DType dtype, int[] shape, int axis, bool inverse, bool real)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var re = RandomValues(count, 7);
        var im = real ? null : RandomValues(count, 8);
        var (gotRe, gotIm) = Run(dtype, shape, axis, inverse, re, im);
        var (wantRe, wantIm) = Dft(shape, axis, inverse, re, im);
        var n = shape[axis];
        var inner = shape[(axis + 1)..].Aggregate(1, (a, b) => a * b);
        for (var row = 0; row < count / n; row++)
        {
            var at = Enumerable.Range(0, n).Select(t => row / inner * n * inner + t * inner + row % inner).ToArray();
            AssertClose(dtype, n, inverse, at.Select(i => (re[i], im?[i] ?? 0)).ToArray(), at.Select(i => wantRe[i]).ToArray(),
                at.Select(i => wantIm[i]).ToArray(), at.Select(i => gotRe[i]).ToArray(), at.Select(i => gotIm[i]).ToArray());
        }
    }

    /// <summary>Each point within a few roundings per pass of the row's norm (1/n of it for an inverse).</summary>
    internal static void AssertClose(DType dtype, int n, bool inverse, (double Re, double Im)[] row, double[] wantRe, double[] wantIm,
        double[] gotRe, double[] gotIm)
    {
        var eps = dtype == DType.Float64 ? 1.1e-16 : 6e-8;
        var norm = Math.Sqrt(row.Sum(p => p.Re * p.Re + p.Im * p.Im));
        var tolerance = 8 * eps * Math.Max(1, Math.Log2(n)) * norm / (inverse ? n : 1) + double.Epsilon;
        for (var t = 0; t < n; t++)
        {
            var error = Math.Max(Math.Abs(gotRe[t] - wantRe[t]), Math.Abs(gotIm[t] - wantIm[t]));
            Assert.True(error <= tolerance, $"n = {n}, point {t}: got ({gotRe[t]}, {gotIm[t]}), want ({wantRe[t]}, {wantIm[t]}), error {error:E2} > {tolerance:E2}");
        }
    }

    private static (double, double)[] Slice(double[] re, double[] im, int row, int n) =>
        Enumerable.Range(row * n, n).Select(i => (re[i], im[i])).ToArray();

    /// <summary>Runs one fft kernel on values rounded to <paramref name="dtype"/>; a null imaginary part is a real operand.</summary>
    private static (double[] Re, double[] Im) Run(DType dtype, int[] shape, int axis, bool inverse, double[] re, double[]? im)
    {
        var bytes = (long)re.Length * dtype.SizeOf();
        var kernel = new FftKernel("fft", new TensorRef(0, dtype, shape), im is null ? null : new TensorRef(1, dtype, shape), axis, inverse,
            im is null ? 1 : 2, im is null ? 2 : 3);
        byte[][] parameters = im is null ? [Encode(dtype, re)] : [Encode(dtype, re), Encode(dtype, im)];
        var results = ModuleRunner.Run(kernel, parameters, [bytes, bytes]);
        return (Decode(dtype, results[0]), Decode(dtype, results[1]));
    }

    /// <summary>The float64 DFT by its definition (<see cref="DftReference.Along"/>).</summary>
    internal static (double[] Re, double[] Im) Dft(int[] shape, int axis, bool inverse, double[] re, double[]? im) =>
        DftReference.Along(shape, axis, inverse, re, im);

    /// <summary>Values in [-1, 1], already representable in float32 so that both dtypes see the same input.</summary>
    internal static double[] RandomValues(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (double)(float)(rng.NextDouble() * 2 - 1)).ToArray();
    }

    internal static byte[] Encode(DType dtype, double[] values) =>
        dtype == DType.Float64 ? Bytes(values) : Bytes(values.Select(v => (float)v).ToArray());

    internal static double[] Decode(DType dtype, byte[] bytes) =>
        dtype == DType.Float64 ? Values<double>(bytes) : Values<float>(bytes).Select(v => (double)v).ToArray();
}
