using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Copies that read their source transposed in the last two dimensions take the blocked transpose: the results
/// must be the element-by-element transpose for odd sizes (partial blocks), leading dimensions, every element
/// size, an offset source, and sizes large enough to run on several cores.
/// </summary>
public sealed class TransposeCopyTests
{
    [Theory]
    [InlineData(new[] { 3, 5 }, 0)]
    [InlineData(new[] { 33, 65 }, 0)]
    [InlineData(new[] { 2, 3, 40, 37 }, 0)]
    [InlineData(new[] { 700, 513 }, 0)]
    [InlineData(new[] { 17, 9 }, 4)]
    public void Float32_transposes_match_element_by_element(int[] outShape, int offset)
    {
        var rank = outShape.Length;
        // Source stored as [..., cols, rows] plus an offset; the output reads it as [..., rows, cols].
        var rows = outShape[rank - 2];
        var cols = outShape[rank - 1];
        var lead = outShape[..(rank - 2)].Aggregate(1, (a, b) => a * b);
        var total = lead * rows * cols;
        var src = Enumerable.Range(0, total + offset).Select(i => (float)i).ToArray();
        var strides = new long[rank];
        strides[rank - 2] = 1;
        strides[rank - 1] = rows;
        var leadStride = (long)rows * cols;
        for (var d = rank - 3; d >= 0; d--)
        {
            strides[d] = leadStride;
            leadStride *= outShape[d];
        }
        using var h = new ModuleHarness();
        var bs = h.Input(src);
        var bo = h.Output(4L * total);
        h.Run(new CopyKernel("t", new MappedInput(bs, DType.Float32, new IndexMap(offset, strides)), outShape, bo));
        var got = h.Result<float>(bo);
        for (var m = 0; m < lead; m++)
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < cols; c++)
                    Assert.Equal(src[offset + m * rows * cols + c * rows + r], got[m * rows * cols + r * cols + c]);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void A_source_with_gaps_between_its_columns_transposes(DType dtype)
    {
        // The source holds 21 columns of 43 elements, of which the output reads the first 37 rows (tiles of 8 and
        // 4 with ragged edges, each source column starting at an odd element offset).
        const int rows = 37, cols = 21, stored = 43, offset = 3;
        var size = dtype.SizeOf();
        var words = Enumerable.Range(0, (offset + cols * stored) * size / 4).Select(i => (uint)(i * 2654435761u)).ToArray();
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()).ToArray();
        using var h = new ModuleHarness();
        var bs = h.Input(bytes);
        var bo = h.Output((long)rows * cols * size);
        h.Run(new CopyKernel("t", new MappedInput(bs, dtype, new IndexMap(offset, [1, stored])), [rows, cols], bo));
        var got = h.Result<byte>(bo);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                for (var b = 0; b < size; b++)
                    Assert.Equal(bytes[(offset + c * stored + r) * size + b], got[(r * cols + c) * size + b]);
    }

    [Theory]
    [InlineData(DType.UInt8)]
    [InlineData(DType.Float16)]
    [InlineData(DType.Float64)]
    public void Every_element_size_transposes(DType dtype)
    {
        const int rows = 45, cols = 70;
        var size = dtype.SizeOf();
        var bytes = Enumerable.Range(0, rows * cols * size).Select(i => (byte)(i * 7 + 3)).ToArray();
        using var h = new ModuleHarness();
        var bs = h.Input(bytes);
        var bo = h.Output(bytes.Length);
        h.Run(new CopyKernel("t", new MappedInput(bs, dtype, new IndexMap(0, [1, rows])), [rows, cols], bo));
        var got = h.Result<byte>(bo);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                for (var b = 0; b < size; b++)
                    Assert.Equal(bytes[(c * rows + r) * size + b], got[(r * cols + c) * size + b]);
    }
}
