using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Emit;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>
/// Staged inputs (LoopNest.StagedDimension): inputs read across the inner dimension with a stride but contiguous
/// along an outer one are moved tile by tile into scratch rows. Transposes of every element size, batches, a staged
/// dimension away from the inner one, reversed reads, index nodes, contiguous and broadcast neighbours, ragged
/// tiles, loops split over the cores, and the loops that are not staged; every point against the index maps.
/// </summary>
public sealed class StagedInputTests
{
    public static TheoryData<int, DType> Widths()
    {
        var data = new TheoryData<int, DType>();
        foreach (var width in new[] { 512, 256, 0 })
            foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.UInt8, DType.Float16, DType.Int64 })
                data.Add(width, dtype);
        return data;
    }

    /// <summary>Small integers, exact in every dtype tested (uint8 arithmetic wraps, and is compared modulo 256).</summary>
    private static double[] Values(long count, int step, int modulus) =>
        Enumerable.Range(0, (int)count).Select(i => (double)(i * step % modulus - modulus / 2)).ToArray();

    /// <summary>y = sum_k w_k in_k + (index of the first dimension) over <paramref name="shape"/>, each input read
    /// through its map; returns the compiled kernel's staged dimension.</summary>
    private static int Check(int width, DType dtype, int[] shape, params (IndexMap Map, long Length)[] reads)
    {
        double[] weights = [1, 2, 3, -1];
        var b = new ScalarProgramBuilder();
        var sum = b.Convert(b.Index(0, DType.Int32), dtype);
        for (var k = 0; k < reads.Length; k++)
            sum = b.Binary(BinaryOp.Add, sum, b.Binary(BinaryOp.Mul, b.Load(k, dtype), b.Const(dtype, weights[k])));
        var kernel = new ElementwiseKernel("staged", shape, reads.Select((r, k) => new MappedInput(k, dtype, r.Map)).ToArray(),
            b.Build(sum), [reads.Length]);
        var sources = reads.Select((r, k) => Values(r.Length, 3 + 2 * k, 11 + k)).ToArray();
        var inputs = sources.Select(s => NativeTensor.Of(dtype, s)).ToArray();
        var points = shape.Aggregate(1L, (p, e) => p * e);
        using var output = NativeTensor.Empty(dtype, points + 1);
        output.SetBits(points, 77);
        try
        {
            var compiled = ElementwiseCompiler.Compile(kernel, (VectorWidth)width);
            compiled.Run(new BufferTable([.. inputs.Select(t => t.Address), output.Address]));
            var strides = IndexMap.RowMajorStrides(shape);
            for (var p = 0L; p < points; p++)
            {
                var point = strides.Select((s, d) => p / s % shape[d]).ToArray();
                var expected = (double)point[0];
                for (var k = 0; k < reads.Length; k++) expected += weights[k] * sources[k][reads[k].Map.OffsetOf(point)];
                var matches = dtype == DType.UInt8 ? ((long)expected % 256 + 256) % 256 == (output.Bits(p) & 0xFF) : expected == output[p];
                Assert.True(matches, $"{string.Join('x', shape)} {dtype} point {p}: expected {expected}, got {output[p]}");
            }
            Assert.Equal(77, output.Bits(points));
            return compiled.Nest.StagedDimension;
        }
        finally
        {
            foreach (var input in inputs) input.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_transposed_input_beside_a_contiguous_one_is_staged(int width, DType dtype)
    {
        foreach (var (rows, cols) in new[] { (8, 8), (33, 130), (100, 257), (9, 64) })
        {
            int[] shape = [rows, cols];
            var staged = Check(width, dtype, shape,
                (new IndexMap(0, [1, rows]), rows * cols),            // x.T: x is [cols, rows]
                (IndexMap.Identity(shape), rows * cols),
                (IndexMap.Broadcast([cols], shape), cols));           // a bias along the rows
            Assert.True(staged == 0, $"{rows}x{cols}: staged {staged}");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Batches_reversed_reads_and_a_distant_staged_dimension(int width, DType dtype)
    {
        // Per batch transposes: x is [batch, cols, rows].
        Assert.Equal(1, Check(width, dtype, [3, 20, 45], (new IndexMap(0, [20 * 45, 1, 20]), 3 * 20 * 45)));
        // Transposed and reversed along the inner dimension: x[c, r] read at column 44 - c.
        Assert.Equal(0, Check(width, dtype, [20, 45], (new IndexMap(44 * 20, [1, -20]), 20 * 45)));
        // Contiguous along the first of three dimensions, strided along the others: x is [cols, batch, rows].
        Assert.Equal(0, Check(width, dtype, [16, 3, 40], (new IndexMap(0, [1, 16, 48]), 16 * 3 * 40)));
        // Two staged inputs that share the staged dimension, one that strides without a contiguous dimension.
        Assert.Equal(0, Check(width, dtype, [24, 30],
            (new IndexMap(0, [1, 24]), 24 * 30), (new IndexMap(5, [1, 24]), 24 * 30 + 5), (new IndexMap(0, [60, 2]), 24 * 60)));
    }

    [Fact]
    public void Large_loops_are_split_over_the_cores_and_match()
    {
        Assert.Equal(0, Check(512, DType.Float32, [700, 701], (new IndexMap(0, [1, 700]), 700 * 701), (IndexMap.Identity([700, 701]), 700 * 701)));
    }

    [Fact]
    public void Short_tiles_and_unstrided_reads_are_not_staged()
    {
        Assert.Equal(-1, Check(512, DType.Float32, [4, 100], (new IndexMap(0, [1, 4]), 400)));       // 4 rows: gathers are cheaper
        Assert.Equal(-1, Check(512, DType.Float32, [100, 4], (new IndexMap(0, [1, 100]), 400)));     // a short inner dimension
        Assert.Equal(-1, Check(512, DType.Float32, [64, 9], (new IndexMap(0, [1, 64]), 576)));       // moved innermost instead
        Assert.Equal(-1, Check(512, DType.Float32, [30, 40], (IndexMap.Identity([30, 40]), 1200)));  // contiguous
        Assert.Equal(-1, Check(512, DType.Float32, [30, 40], (new IndexMap(0, [80, 2]), 2400)));     // no contiguous dimension
    }
}
