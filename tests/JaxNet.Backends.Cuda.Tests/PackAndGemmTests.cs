using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>The operand packs (transpose + convert into the GEMM's input type) and the ILGPU GEMM on typed packs
/// with a strided product, in emulation.</summary>
public sealed class PackAndGemmTests(Emulated emulated) : IClassFixture<Emulated>
{
    private static readonly int[] OddShape = [3, 5, 7];
    private static readonly int[] Order = [2, 0, 1];

    /// <summary>The operand's values in <see cref="Order"/>: element [c, a, b] of the packed [7, 3, 5] matrix.</summary>
    private static IEnumerable<T> Permuted<T>(T[] values) =>
        KernelHarness.Indices([OddShape[2], OddShape[0], OddShape[1]]).Select(i => values[(i[1] * OddShape[1] + i[2]) * OddShape[2] + i[0]]);

    private byte[] Pack(TensorRef operand, DType accumulator, DType storage, byte[] values)
    {
        var count = operand.Shape.Aggregate(1L, (a, b) => a * b);
        return KernelHarness.Issue(emulated, acc => Contraction.Pack(acc, "p", operand, Order, accumulator, storage, 1),
            [values], [count * storage.SizeOf()])[0];
    }

    [Fact]
    public void Float32IsTransposedIntoFloat32()
    {
        var values = Enumerable.Range(0, 105).Select(i => i * 0.25f - 7).ToArray();
        var got = Pack(new TensorRef(0, DType.Float32, OddShape), DType.Float32, DType.Float32, Emulated.Bytes(values));
        Assert.Equal(Permuted(values), Emulated.Values<float>(got));
    }

    [Fact]
    public void HalfOperandsStayHalfUnderAFloat32Accumulator()
    {
        var values = Enumerable.Range(0, 105).Select(i => (Half)(i * 0.001f - 0.03f)).ToArray();
        var got = Pack(new TensorRef(0, DType.Float16, OddShape), DType.Float32, DType.Float16, Emulated.Bytes(values));
        Assert.Equal(Permuted(values), Emulated.Values<Half>(got));
    }

    [Fact]
    public void Float32OperandsAreRoundedToABFloat16Accumulator()
    {
        var values = Enumerable.Range(0, 105).Select(i => 1 + i / 1000f).ToArray();
        var got = Pack(new TensorRef(0, DType.Float32, OddShape), DType.BFloat16, DType.BFloat16, Emulated.Bytes(values));
        Assert.Equal(Permuted(values).Select(KernelHarness.BFloat16Bits), Emulated.Values<ushort>(got));
    }

    [Fact]
    public void IntegersAreConvertedToAFloatAccumulator()
    {
        var values = Enumerable.Range(0, 105).Select(i => i * 1_000_003 - 50_000_000).ToArray();
        var got = Pack(new TensorRef(0, DType.Int32, OddShape), DType.Float32, DType.Float32, Emulated.Bytes(values));
        Assert.Equal(Permuted(values).Select(v => (float)v), Emulated.Values<float>(got));
    }

    [Fact]
    public void AnEmptyOperandPacksToNothing()
    {
        var got = KernelHarness.Issue(emulated, acc => Contraction.Pack(acc, "p", new TensorRef(0, DType.Float32, [4, 0, 3]), [2, 0, 1],
            DType.Float32, DType.Float32, 1), [[]], [0])[0];
        Assert.Empty(got);
    }

    [Fact]
    public void TheIlgpuGemmWritesAStridedProductFromBFloat16Operands()
    {
        // Two batches of [3 × 5] · [5 × 4] into columns 2..5 of rows of 9, batches 40 apart: the convolution's chunk
        // layout. The rest of the product keeps its fill.
        const int batch = 2, m = 3, k = 5, n = 4, ldc = 9, strideC = 40;
        var a = Enumerable.Range(0, batch * m * k).Select(i => (float)(i % 7 - 3)).ToArray();
        var b = Enumerable.Range(0, batch * k * n).Select(i => (i % 5) * 0.5f).ToArray();
        var p = new GemmParams { Batch = batch, M = m, N = n, K = k, LdC = ldc, StrideC = strideC, Input = DType.BFloat16, Output = DType.Float32 };
        var device = emulated.Backend.Device(0);
        var got = Emulated.Values<float>(KernelHarness.Issue(emulated, frame =>
        {
            frame.Bind(-1, frame.Buffer(2).SubView(2 * sizeof(float), (batch * strideC - 2) * sizeof(float)));
            device.Gemm(frame.Stream, GemmKernel.Config(p), frame.SlotsOf([0, 1, -1]), p);
        }, [Emulated.Bytes(a.Select(KernelHarness.BFloat16Bits).ToArray()), Emulated.Bytes(b.Select(KernelHarness.BFloat16Bits).ToArray())],
            [batch * strideC * sizeof(float)])[0]);
        var fill = BitConverter.Int32BitsToSingle(unchecked((int)0xABABABAB));
        for (var at = 0; at < batch * strideC; at++)
        {
            int x = at / strideC, row = at % strideC / ldc, target = at % strideC % ldc - 2;
            if (row < m && target >= 0 && target < n)
            {
                double sum = 0;
                for (var i = 0; i < k; i++) sum += a[(x * m + row) * k + i] * b[(x * k + i) * n + target];
                Assert.Equal((float)sum, got[at]);
            }
            else
            {
                Assert.Equal(fill, got[at]);
            }
        }
    }

    [Fact]
    public void ViewsOverlapWhenTheyShareABuffersBytes()
    {
        var backend = emulated.Backend;
        var a = backend.Allocate(0, 64);
        var b = backend.Allocate(0, 64);
        var view = ((JaxNet.Backends.Cuda.Memory.CudaBuffer)a).View;
        Assert.True(Contraction.Overlap(view.SubView(0, 16), view.SubView(8, 16)));
        Assert.False(Contraction.Overlap(view.SubView(0, 16), view.SubView(16, 16)));
        Assert.False(Contraction.Overlap(view.SubView(0, 0), view));
        Assert.False(Contraction.Overlap(view, ((JaxNet.Backends.Cuda.Memory.CudaBuffer)b).View));
        backend.Free(a);
        backend.Free(b);
    }

    [Fact]
    public void AContractionWritingOverItsOwnLhsGoesThroughScratch()
    {
        // A donated buffer: the output is the lhs's memory, so the GEMM must not write it while reading it (16 × 16:
        // several tiles, so that one tile's stores would land on rows another tile still reads).
        const int n = 16;
        var backend = emulated.Backend;
        var device = backend.Device(0);
        var kernel = new ContractionKernel("mm", new TensorRef(0, DType.Float32, [n, n]), new TensorRef(1, DType.Float32, [n, n]),
            DotDimensions.MatMul, Precision.Highest, DType.Float32, null, 2);
        var a = Enumerable.Range(0, n * n).Select(i => (float)(i % 11 - 5)).ToArray();
        var b = Enumerable.Range(0, n * n).Select(i => (float)(i % 7 - 3)).ToArray();
        var lhs = backend.Allocate(0, n * n * 4);
        var rhs = backend.Allocate(0, n * n * 4);
        backend.CopyToDevice(Emulated.Bytes(a), lhs, 0).Wait();
        backend.CopyToDevice(Emulated.Bytes(b), rhs, 0).Wait();
        using (var contraction = new Contraction(device.Accelerator, kernel))
        {
            lock (device.Gate)
            {
                var lhsView = ((JaxNet.Backends.Cuda.Memory.CudaBuffer)lhs).View;
                using var frame = new LaunchFrame(device, [lhsView, ((JaxNet.Backends.Cuda.Memory.CudaBuffer)rhs).View, lhsView]);
                contraction.Issue(frame);
                device.Stream.Synchronize();
            }
        }
        var result = new byte[n * n * 4];
        backend.CopyToHost(lhs, 0, result).Wait();
        var expected = new float[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++) expected[i * n + j] += a[i * n + k] * b[k * n + j];
        Assert.Equal(expected, Emulated.Values<float>(result));
        backend.Free(lhs);
        backend.Free(rhs);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void TransposedOperandsAreReadInPlace(bool lhsTransposed, bool rhsTransposed)
    {
        // Two batches of [9 × 11] · [11 × 13] (several tiles each way), each operand stored either way round.
        const int batch = 2, m = 9, k = 11, n = 13;
        var a = Enumerable.Range(0, batch * m * k).Select(i => (float)(i % 13 - 6)).ToArray();
        var b = Enumerable.Range(0, batch * k * n).Select(i => (float)(i % 9 - 4)).ToArray();
        float A(int x, int i, int p) => lhsTransposed ? a[(x * k + p) * m + i] : a[(x * m + i) * k + p];
        float B(int x, int p, int j) => rhsTransposed ? b[(x * n + j) * k + p] : b[(x * k + p) * n + j];
        var dims = new DotDimensions([0], [0], [lhsTransposed ? 1 : 2], [rhsTransposed ? 2 : 1]);
        var kernel = new ContractionKernel("mm", new TensorRef(0, DType.Float32, lhsTransposed ? [batch, k, m] : [batch, m, k]),
            new TensorRef(1, DType.Float32, rhsTransposed ? [batch, n, k] : [batch, k, n]), dims, Precision.Highest, DType.Float32, null, 2);
        var transposed = (-1, -1);
        var got = Emulated.Values<float>(KernelHarness.Issue(emulated, acc =>
        {
            var contraction = new Contraction(acc, kernel);
            transposed = contraction.Transposed;
            return contraction;
        }, [Emulated.Bytes(a), Emulated.Bytes(b)], [batch * m * n * 4])[0]);
        Assert.Equal((lhsTransposed ? 1 : 0, rhsTransposed ? 1 : 0), transposed);
        for (var x = 0; x < batch; x++)
            for (var i = 0; i < m; i++)
                for (var j = 0; j < n; j++)
                {
                    float sum = 0;
                    for (var p = 0; p < k; p++) sum += A(x, i, p) * B(x, p, j);
                    Assert.Equal(sum, got[(x * m + i) * n + j]);
                }
    }
}
