using JaxNet.Testing;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using static JaxNet.Backends.Cuda.Tests.FftTests;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// The fft kernel on complex values stored interleaved (IR 1.3), in emulation: operand, result or both. The first
/// launch reads and the last one writes with a stride of 2 and nothing else changes, so every layout must give the
/// bits of the separate parts, and those the float64 DFT within <see cref="FftTests"/>' bound; also a NaN, empty
/// shapes, and an interleaved operand donated as the result.
/// </summary>
public sealed class InterleavedFftTests(Emulated emulated) : IClassFixture<Emulated>
{
    [Fact]
    public void The_backend_claims_interleaved_fft() => Assert.True(emulated.Backend.Capabilities.InterleavedFft);

    [Theory]
    [InlineData(DType.Float32, new[] { 2, 1 }, 1, false, false)]
    [InlineData(DType.Float64, new[] { 2, 2 }, 1, true, false)]
    [InlineData(DType.Float32, new[] { 2, 3 }, 1, false, false)]
    [InlineData(DType.Float32, new[] { 2, 4 }, 1, true, false)]
    [InlineData(DType.Float64, new[] { 2, 5 }, 1, false, false)]
    [InlineData(DType.Float32, new[] { 2, 8 }, 1, false, false)]
    [InlineData(DType.Float32, new[] { 3, 12 }, 1, true, false)]
    [InlineData(DType.Float32, new[] { 2, 97 }, 1, false, false)]               // Bluestein
    [InlineData(DType.Float64, new[] { 97 }, 0, true, false)]                   // Bluestein, inverse
    [InlineData(DType.Float32, new[] { 1024 }, 0, false, false)]
    [InlineData(DType.Float32, new[] { 12, 3 }, 0, false, false)]               // inner axis
    [InlineData(DType.Float64, new[] { 2, 67, 3 }, 1, true, false)]             // inner axis through Bluestein
    [InlineData(DType.Float32, new[] { 4, 12 }, 1, false, true)]                // real operand, interleaved result
    [InlineData(DType.Float64, new[] { 2, 97 }, 1, true, true)]
    public void Every_layout_gives_the_bits_of_separate_parts_and_matches_the_DFT(DType dtype, int[] shape, int axis, bool inverse, bool real)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var re = Inputs(count, 31);
        var im = real ? null : Inputs(count, 32);
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
        var bound = 4 * Epsilon(dtype) * n * Math.Max(1, Math.Log2(n)) * (inverse ? 1.0 / n : 1.0);
        for (var i = 0; i < count; i++)
            Assert.True(Math.Abs(planar.Re[i] - wantRe[i]) <= bound && Math.Abs(planar.Im[i] - wantIm[i]) <= bound,
                $"element {i}: ({planar.Re[i]}, {planar.Im[i]}), want ({wantRe[i]}, {wantIm[i]}) (bound {bound:G3})");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(67)]
    public void A_NaN_spreads_over_its_own_row_only(int n)
    {
        var (re, im) = (Inputs(3 * n, 33), Inputs(3 * n, 34));
        // Both parts: a sum that never meets a twiddle would keep a lone NaN in one part.
        (re[n + 2], im[n + 2]) = (double.NaN, double.NaN);
        var (gotRe, gotIm) = Run(DType.Float32, [3, n], 1, false, re, im, operand: true, result: true);
        var (wantRe, wantIm) = Dft([3, n], 1, false, re, im);
        DftReference.AssertNanFillsOnlyItsRow(gotRe, gotIm, wantRe, wantIm, i => i / n, nanRow: 1, tolerance: 1e-4);
    }

    [Theory]
    [InlineData(new[] { 0, 8 })]
    [InlineData(new[] { 3, 0 })]
    public void Empty_shapes_write_nothing(int[] shape)
    {
        var (re, im) = Run(DType.Float32, shape, 1, true, [], [], operand: true, result: true);
        Assert.Empty(re);
        Assert.Empty(im);
    }

    [Theory]
    [InlineData(7)]   // one pass: it would overwrite points other butterflies still read
    [InlineData(105)] // three passes, the first writing the output
    [InlineData(67)]  // Bluestein reads the operand into scratch first
    public void An_interleaved_operand_donated_as_the_result_is_read_before_it_is_overwritten(int n)
    {
        var (re, im) = (Inputs(2 * n, 35), Inputs(2 * n, 36));
        var bytes = 2L * 2 * n * sizeof(float);
        var kernel = new FftKernel("f", new TensorRef(0, DType.Float32, [2, n, 2]), null, 1, false, 1, 1)
        { InterleavedOperand = true, InterleavedResult = true };
        var module = new KernelModule("m", [new BufferDecl(0, BufferRole.Parameter, bytes), new BufferDecl(1, BufferRole.Result, bytes)],
            [kernel], [0], [1]);
        var backend = emulated.Backend;
        using var exe = backend.Compile(module, CompileOptions.Default);
        var pairs = Bytes(DType.Float32, re.SelectMany((r, t) => new[] { r, im[t] }).ToArray());
        var buffer = backend.Allocate(0, pairs.Length);
        backend.CopyToDevice(pairs, buffer, 0).Wait();
        backend.Launch(exe, 0, [buffer], [buffer]).Wait();
        var got = new byte[pairs.Length];
        backend.CopyToHost(buffer, 0, got).Wait();
        backend.Free(buffer);
        var z = Doubles(DType.Float32, got);
        var (wantRe, wantIm) = Dft([2, n], 1, false, re, im);
        for (var i = 0; i < 2 * n; i++)
            Assert.True(Math.Abs(z[2 * i] - wantRe[i]) < 1e-4 && Math.Abs(z[2 * i + 1] - wantIm[i]) < 1e-4,
                $"element {i}: ({z[2 * i]}, {z[2 * i + 1]}), want ({wantRe[i]}, {wantIm[i]})");
    }

    /// <summary>One kernel with the chosen layouts; the result comes back as separate parts either way.</summary>
    private (double[] Re, double[] Im) Run(DType dtype, int[] shape, int axis, bool inverse, double[] re, double[]? im, bool operand, bool result)
    {
        var bytes = (long)re.Length * dtype.SizeOf();
        byte[][] inputs = operand ? [Bytes(dtype, re.SelectMany((r, t) => new[] { r, im![t] }).ToArray())]
            : im is null ? [Bytes(dtype, re)] : [Bytes(dtype, re), Bytes(dtype, im)];
        var first = inputs.Length;
        var buffers = inputs.Select((p, i) => new BufferDecl(i, BufferRole.Parameter, p.Length)).ToList();
        buffers.Add(new BufferDecl(first, BufferRole.Result, result ? 2 * bytes : bytes));
        if (!result) buffers.Add(new BufferDecl(first + 1, BufferRole.Result, bytes));
        var kernel = new FftKernel("f", new TensorRef(0, dtype, operand ? [.. shape, 2] : shape),
            operand || im is null ? null : new TensorRef(1, dtype, shape), axis, inverse, first, result ? first : first + 1)
        { InterleavedOperand = operand, InterleavedResult = result };
        var module = new KernelModule("m", buffers, [kernel], Enumerable.Range(0, first).ToList(), result ? [first] : [first, first + 1]);
        var outputs = emulated.Run(module, inputs);
        if (!result) return (Doubles(dtype, outputs[0]), Doubles(dtype, outputs[1]));
        var pairs = Doubles(dtype, outputs[0]);
        return (pairs.Where((_, i) => i % 2 == 0).ToArray(), pairs.Where((_, i) => i % 2 == 1).ToArray());
    }
}
