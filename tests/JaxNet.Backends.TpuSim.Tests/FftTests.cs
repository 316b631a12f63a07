using JaxNet.Testing;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Execution.Fft;
using JaxNet.Backends.TpuSim.Machine;
using JaxNet.Backends.TpuSim.Timing;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>
/// The fft kernel (IR 1.2 and 1.3's interleaved layouts) against the DFT by its definition in float64: the plans
/// (MXU passes of radices up to 64, primes up to 128 as one pass, Bluestein beyond), batches, inner axes, inverses,
/// real operands, interleaved operands and results, NaN, empty shapes, and the cycle model's MXU work.
/// </summary>
public sealed class FftTests
{
    [Fact]
    public void TheBackendClaimsTheKindAndInterleavedValues()
    {
        var capabilities = Backend().Capabilities;
        Assert.Contains(KernelKind.Fft, capabilities.KernelKinds);
        Assert.True(capabilities.InterleavedFft);
    }

    [Theory]
    [InlineData(1, "a copy")]
    [InlineData(8, "MXU passes of radix 8")]
    [InlineData(12, "MXU passes of radix 12")]
    [InlineData(1024, "MXU passes of radix 64 x 16")]
    [InlineData(4096, "MXU passes of radix 64 x 64")]
    [InlineData(1000, "MXU passes of radix 50 x 20")]
    [InlineData(97, "MXU passes of radix 97")]
    [InlineData(2 * 127, "MXU passes of radix 127 x 2")]
    [InlineData(131, "Bluestein's convolution over 512 points, MXU passes of radix 64 x 8")]
    public void PlansFillTheMatrixUnitWithRadicesUpTo64(int n, string plan) => Assert.Equal(plan, FftPlan.Of(n).Describe());

    [Theory]
    [InlineData(DType.Float32, new[] { 2, 1 }, 1, false, false)]
    [InlineData(DType.Float32, new[] { 2, 2 }, 1, false, false)]
    [InlineData(DType.Float64, new[] { 2, 3 }, 1, true, false)]
    [InlineData(DType.Float32, new[] { 2, 4 }, 1, true, false)]
    [InlineData(DType.Float32, new[] { 2, 5 }, 1, false, false)]
    [InlineData(DType.Float64, new[] { 2, 8 }, 1, false, false)]
    [InlineData(DType.Float32, new[] { 3, 12 }, 1, false, false)]
    [InlineData(DType.Float32, new[] { 2, 97 }, 1, false, false)]
    [InlineData(DType.Float64, new[] { 97 }, 0, true, false)]
    [InlineData(DType.Float32, new[] { 1024 }, 0, false, false)]
    [InlineData(DType.Float64, new[] { 2, 1024 }, 1, true, false)]
    [InlineData(DType.Float32, new[] { 2, 1000 }, 1, true, false)]       // radices 50 x 20
    [InlineData(DType.Float32, new[] { 2, 131 }, 1, false, false)]       // Bluestein
    [InlineData(DType.Float64, new[] { 1031 }, 0, true, false)]          // Bluestein, inverse
    [InlineData(DType.Float32, new[] { 12, 3 }, 0, false, false)]        // inner axis
    [InlineData(DType.Float32, new[] { 4, 97, 2 }, 1, true, false)]
    [InlineData(DType.Float64, new[] { 2, 131, 3 }, 1, false, false)]    // Bluestein down columns
    [InlineData(DType.Float32, new[] { 4, 12 }, 1, false, true)]         // real operand
    [InlineData(DType.Float64, new[] { 2, 97 }, 1, true, true)]
    public void MatchesTheDftByItsDefinition(DType dtype, int[] shape, int axis, bool inverse, bool real)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var re = Inputs(count, 1);
        var im = real ? null : Inputs(count, 2);
        var (gotRe, gotIm) = Run(dtype, shape, axis, inverse, re, im, operand: false, result: false);
        var (wantRe, wantIm) = Dft(shape, axis, inverse, re, im);
        var n = shape[axis];
        // The bound of a sum of n·log2(n) rounded terms of magnitude one: a wrong twiddle or order is off by O(1).
        var eps = dtype == DType.Float32 ? Math.Pow(2, -24) : Math.Pow(2, -53);
        var bound = 4 * eps * n * Math.Max(1, Math.Log2(n)) * (inverse ? 1.0 / n : 1.0);
        for (var i = 0; i < count; i++)
            Assert.True(Math.Abs(gotRe[i] - wantRe[i]) <= bound && Math.Abs(gotIm[i] - wantIm[i]) <= bound,
                $"element {i}: ({gotRe[i]}, {gotIm[i]}), want ({wantRe[i]}, {wantIm[i]}) (bound {bound:G3})");
    }

    [Theory]
    [InlineData(DType.Float32, new[] { 2, 12 }, 1, false)]
    [InlineData(DType.Float64, new[] { 3, 97 }, 1, true)]
    [InlineData(DType.Float32, new[] { 64, 2 }, 0, true)]
    [InlineData(DType.Float32, new[] { 2, 131 }, 1, false)]
    public void InterleavedLayoutsGiveTheBitsOfSeparateParts(DType dtype, int[] shape, int axis, bool inverse)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var (re, im) = (Inputs(count, 3), Inputs(count, 4));
        var planar = Run(dtype, shape, axis, inverse, re, im, operand: false, result: false);
        foreach (var (operand, result) in new[] { (true, true), (true, false), (false, true) })
        {
            var got = Run(dtype, shape, axis, inverse, re, im, operand, result);
            Assert.Equal(planar.Re, got.Re);
            Assert.Equal(planar.Im, got.Im);
        }
        var realPlanar = Run(dtype, shape, axis, inverse, re, null, operand: false, result: false);
        var realInterleaved = Run(dtype, shape, axis, inverse, re, null, operand: false, result: true);
        Assert.Equal(realPlanar.Re, realInterleaved.Re);
        Assert.Equal(realPlanar.Im, realInterleaved.Im);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(97)]
    [InlineData(131)]
    public void ANanSpreadsOverItsOwnRowOnly(int n)
    {
        var (re, im) = (Inputs(3 * n, 5), Inputs(3 * n, 6));
        // Both parts: a sum that never meets a twiddle would keep a lone NaN in one part.
        (re[n + 2], im[n + 2]) = (double.NaN, double.NaN);
        var (gotRe, gotIm) = Run(DType.Float32, [3, n], 1, false, re, im, operand: true, result: true);
        var (wantRe, wantIm) = Dft([3, n], 1, false, re, im);
        DftReference.AssertNanFillsOnlyItsRow(gotRe, gotIm, wantRe, wantIm, i => i / n, nanRow: 1, tolerance: 1e-4);
    }

    [Theory]
    [InlineData(new[] { 0, 8 })]
    [InlineData(new[] { 3, 0 })]
    public void EmptyShapesWriteNothing(int[] shape)
    {
        foreach (var (operand, result) in new[] { (false, false), (true, true) })
        {
            var (re, im) = Run(DType.Float32, shape, 1, true, [], [], operand, result);
            Assert.Empty(re);
            Assert.Empty(im);
        }
    }

    [Fact]
    public void PartsThatAreNotFloat32OrFloat64AreRefused()
    {
        var kernel = new FftKernel("f", new TensorRef(0, DType.Int32, [8]), null, 0, false, 1, 2);
        Assert.ThrowsAny<Exception>(() => Harness.Run(kernel, [new byte[32]], [32, 32]));
    }

    [Fact]
    public void TheCycleModelChargesEachPassAsAnMxuGemmOfSixBf16Passes()
    {
        var model = new KernelCostModel(TpuMachine.V4);
        var timing = model.Estimate(new FftKernel("f", new TensorRef(0, DType.Float32, [4096]), null, 0, false, 1, 2));
        Assert.Equal(ExecutionUnit.Mxu, timing.Unit);
        Assert.Equal(6, timing.Passes);
        // Two radix-64 passes, each [64 butterflies, 128] x [128, 128].
        Assert.Equal(2L * 64 * 128 * 128 * 6, timing.Macs);
        Assert.True(timing.ComputeCycles > 0);
        // Bluestein does two transforms of its padded length: 131 points cost more MXU work than 512 do.
        var prime = model.Estimate(new FftKernel("f", new TensorRef(0, DType.Float32, [131]), null, 0, false, 1, 2));
        var padded = model.Estimate(new FftKernel("f", new TensorRef(0, DType.Float32, [512]), null, 0, false, 1, 2));
        Assert.Equal(2 * padded.Macs, prime.Macs);
        Assert.True(prime.ComputeCycles > padded.ComputeCycles);
        Assert.Equal(0, model.Estimate(new FftKernel("f", new TensorRef(0, DType.Float32, [0, 8]), null, 1, false, 1, 2)).Macs);
    }

    private static double[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (double)(float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>One kernel with the chosen layouts; the result comes back as separate parts either way.</summary>
    private static (double[] Re, double[] Im) Run(DType dtype, int[] shape, int axis, bool inverse, double[] re, double[]? im, bool operand, bool result)
    {
        var bytes = (long)re.Length * dtype.SizeOf();
        byte[][] inputs = operand ? [Encode(dtype, re.SelectMany((r, t) => new[] { r, im![t] }).ToArray())]
            : im is null ? [Encode(dtype, re)] : [Encode(dtype, re), Encode(dtype, im)];
        var first = inputs.Length;
        var kernel = new FftKernel("f", new TensorRef(0, dtype, operand ? [.. shape, 2] : shape),
            operand || im is null ? null : new TensorRef(1, dtype, shape), axis, inverse, first, result ? first : first + 1)
        { InterleavedOperand = operand, InterleavedResult = result };
        var outputs = Harness.Run(kernel, inputs, result ? [2 * bytes] : [bytes, bytes]);
        if (!result) return (Decode(dtype, outputs[0]), Decode(dtype, outputs[1]));
        var pairs = Decode(dtype, outputs[0]);
        return (pairs.Where((_, i) => i % 2 == 0).ToArray(), pairs.Where((_, i) => i % 2 == 1).ToArray());
    }

    private static byte[] Encode(DType dtype, double[] values) =>
        dtype == DType.Float64 ? Bytes(values) : Bytes(values.Select(v => (float)v).ToArray());

    private static double[] Decode(DType dtype, byte[] bytes) =>
        dtype == DType.Float64 ? Values<double>(bytes) : Values<float>(bytes).Select(v => (double)v).ToArray();

    /// <summary>The float64 DFT by its definition (<see cref="DftReference.Along"/>).</summary>
    private static (double[] Re, double[] Im) Dft(int[] shape, int axis, bool inverse, double[] re, double[]? im) =>
        DftReference.Along(shape, axis, inverse, re, im);
}
