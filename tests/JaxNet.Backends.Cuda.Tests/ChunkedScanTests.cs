using System.Reflection;
using System.Text.RegularExpressions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// Scans cut long lines into chunks (a reduce, a carry and a scan launch). Integer and max scans must equal one
/// sequential pass exactly, across chunk boundaries, forwards and reversed, along the last axis and along a strided
/// one; float sums stay within the accumulated rounding of the length.
/// </summary>
public sealed class ChunkedScanTests(Emulated emulated) : IClassFixture<Emulated>
{
    [Theory]
    [InlineData(nameof(ScanKernels<RSum, DFloat32>.ReduceChunk))]
    [InlineData(nameof(ScanKernels<RSum, DFloat32>.CarryLine))]
    [InlineData(nameof(ScanKernels<RSum, DFloat32>.ScanChunk))]
    public void A_float32_cumsum_compiles_its_own_op_and_class_only(string kernel)
    {
        // Typed by op and accumulator as the reductions are: the all-dtype kernels were 5,429 to 8,625 lines of PTX
        // with 1,066 to 1,200 float64 instructions, for a float32 sum.
        var method = typeof(ScanKernels<RSum, DFloat32>).GetMethod(kernel, BindingFlags.Public | BindingFlags.Static)!;
        var ptx = PtxOf.Method(method, explicitlyGrouped: false);
        var lines = ptx.Split('\n');
        Assert.InRange(lines.Length, 50, 1500); // 111, 372 and 1,063 now
        // Only the conversions from and to the input and output dtypes, which stay run-time values, touch float64.
        Assert.InRange(lines.Count(l => Regex.IsMatch(l, @"^\s+[a-z.]+\.f64")), 0, 30);
    }

    [Fact]
    public void Chunks_are_about_the_square_root_of_the_line()
    {
        Assert.Equal(ChunkedScan.MinimumChunk, ChunkedScan.ChunkFor(1));
        Assert.Equal(ChunkedScan.MinimumChunk, ChunkedScan.ChunkFor(200));
        Assert.Equal(100, ChunkedScan.ChunkFor(10_000));
        Assert.Equal(1001, ChunkedScan.ChunkFor(1_000_001));
    }

    [Theory]
    [InlineData(new[] { 10_000 }, 0, false)]
    [InlineData(new[] { 10_000 }, 0, true)]
    [InlineData(new[] { 300, 3 }, 0, true)]
    [InlineData(new[] { 3, 17 }, 1, false)]
    public void Integer_sums_equal_one_sequential_pass(int[] shape, int axis, bool reverse)
    {
        var n = shape.Aggregate(1, (a, b) => a * b);
        var values = Enumerable.Range(0, n).Select(i => i * 7919 % 1000 - 500 + (i == 5 ? int.MaxValue : 0)).ToArray();
        var kernel = new ScanKernel("s", new TensorRef(0, DType.Int32, shape), axis, ReduceOp.Sum, reverse, DType.Int32, DType.Int32, 1);
        if (shape[axis] > ChunkedScan.MinimumChunk)
            using (var compiled = new ChunkedScan(emulated.Accelerator, kernel)) Assert.True(compiled.ChunksPerLine > 1);
        var result = Emulated.Values<int>(emulated.Run(Module(4L * n, 4L * n, kernel), Emulated.Bytes(values))[0]);
        Assert.Equal(Sequential(values, shape, axis, reverse, 0, (a, b) => unchecked(a + b)), result);
    }

    [Fact]
    public void A_NaN_carries_into_every_later_chunk_of_a_cumulative_max()
    {
        var values = Enumerable.Range(0, 1000).Select(i => MathF.Sin(i)).ToArray();
        values[37] = float.NaN;
        var kernel = new ScanKernel("s", new TensorRef(0, DType.Float32, [1000]), 0, ReduceOp.Max, false, DType.Float32, DType.Float32, 1);
        var result = Emulated.Values<float>(emulated.Run(Module(4000, 4000, kernel), Emulated.Bytes(values))[0]);
        Assert.Equal(values.Take(37).Max(), result[36]);
        Assert.All(result.Skip(37), x => Assert.True(float.IsNaN(x)));
    }

    [Fact]
    public void A_long_float_sum_stays_within_its_rounding()
    {
        const int n = 5000;
        var values = Enumerable.Range(0, n).Select(i => MathF.Cos(i) + 0.25f).ToArray();
        var kernel = new ScanKernel("s", new TensorRef(0, DType.Float32, [n]), 0, ReduceOp.Sum, false, DType.Float32, DType.Float32, 1);
        var result = Emulated.Values<float>(emulated.Run(Module(4L * n, 4L * n, kernel), Emulated.Bytes(values))[0]);
        double exact = 0, magnitude = 0;
        for (var i = 0; i < n; i++)
        {
            exact += values[i];
            magnitude += Math.Abs(values[i]);
            Assert.True(Math.Abs(result[i] - exact) <= 2 * (i + 1) * 6e-8 * magnitude + 1e-6, $"element {i}: {result[i]} vs {exact}");
        }
    }

    private static KernelModule Module(long inputBytes, long outputBytes, Kernel kernel) =>
        new("m", [new BufferDecl(0, BufferRole.Parameter, inputBytes), new BufferDecl(1, BufferRole.Result, outputBytes)], [kernel], [0], [1]);

    private static int[] Sequential(int[] values, int[] shape, int axis, bool reverse, int identity, Func<int, int, int> combine)
    {
        var inner = shape.Skip(axis + 1).Aggregate(1, (a, b) => a * b);
        var length = shape[axis];
        var result = new int[values.Length];
        for (var line = 0; line < values.Length / length; line++)
        {
            var start = line / inner * inner * length + line % inner;
            var acc = identity;
            for (var i = 0; i < length; i++)
            {
                var at = start + (reverse ? length - 1 - i : i) * inner;
                acc = combine(acc, values[at]);
                result[at] = acc;
            }
        }
        return result;
    }
}
