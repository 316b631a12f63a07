using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// A gather or replacing scatter whose window rows are contiguous on both sides (dynamic_slice, dynamic_update_slice,
/// row takes and updates) copies them as blocks: the result must equal the element-by-element definition bit for bit,
/// for every element size, clamped starts, rows merged into one run, overlapping windows (the later one wins), empty
/// windows, slices out of bounds (filled), and runs too short to copy, which keep the element loop.
/// </summary>
public sealed class WindowBlockCopyTests
{
    [Theory]
    [InlineData("5x37", "3x20", "1 9", DType.Float32, IndexMode.Clip, true)]
    [InlineData("4x16", "2x16", "1 0", DType.Float64, IndexMode.Clip, true)] // whole rows: one run of 32
    [InlineData("3x4x33", "2x4x33", "5 0 0", DType.Int64, IndexMode.Clip, true)] // clamped to start 1
    [InlineData("6x40", "2x9", "-3 35", DType.UInt8, IndexMode.Clip, true)] // clamped to (0, 31)
    [InlineData("6x40", "2x9", "1 35", DType.Int32, IndexMode.FillOrDrop, true)] // out of bounds: filled
    [InlineData("2x10", "2x7", "0 2", DType.Float16, IndexMode.Clip, false)] // runs of 7: element by element
    [InlineData("3x5", "0x5", "1 0", DType.Float32, IndexMode.Clip, false)] // nothing to read
    [InlineData("300x700", "200x500", "50 99", DType.Float32, IndexMode.Clip, true)]
    public void DynamicSlicesMatchTheDefinition(string operandShape, string sliceShape, string start, DType dtype, IndexMode mode, bool copied)
    {
        var operand = Shape(operandShape);
        var slice = Shape(sliceShape);
        var starts = start.Split(' ').Select(int.Parse).ToArray();
        var size = dtype.SizeOf();
        var data = new byte[operand.Aggregate(1, (a, b) => a * b) * size];
        new Random(3).NextBytes(data);
        var all = Enumerable.Range(0, operand.Length).ToArray();
        using var h = new ModuleHarness();
        var (x, idx) = (h.Input(data), h.Input(starts));
        var o = h.Output(Math.Max(1, slice.Aggregate(1, (a, b) => a * b)) * size);
        h.Run(new GatherKernel("slice", new TensorRef(x, dtype, operand), new TensorRef(idx, DType.Int32, [operand.Length]),
            new GatherDimensions(all, [], all, 0), slice, mode, 5, slice, o));
        var count = slice.Aggregate(1, (a, b) => a * b);
        var expected = new byte[Math.Max(1, count) * size];
        var inBounds = starts.Select((s, d) => s >= 0 && s + slice[d] <= operand[d]).All(b => b);
        var clamped = starts.Select((s, d) => Math.Clamp(s, 0, operand[d] - slice[d])).ToArray();
        var strides = IndexMap.RowMajorStrides(operand);
        for (var w = 0; w < count; w++)
        {
            if (mode == IndexMode.FillOrDrop && !inBounds)
            {
                BitConverter.GetBytes(5).CopyTo(expected, w * size); // the fill value, an int32 in that case
                continue;
            }
            var (rest, at) = (w, 0L);
            for (var d = operand.Length - 1; d >= 0; d--)
            {
                at += (clamped[d] + rest % slice[d]) * strides[d];
                rest /= slice[d];
            }
            Array.Copy(data, at * size, expected, (long)w * size, size);
        }
        Assert.Equal(expected[..(count * size)], h.Result<byte>(o)[..(count * size)]);
        Assert.Equal(copied, h.Executable!.Describe().Contains("by block copies"));
    }

    [Theory]
    [InlineData("5x37", "3x20", "1 9", DType.Float32, true)]
    [InlineData("4x16", "2x16", "1 0", DType.Float64, true)] // whole rows: one run of 32
    [InlineData("3x4x33", "2x4x33", "5 0 0", DType.Int64, true)] // clamped to start 1
    [InlineData("6x40", "2x9", "-3 35", DType.UInt8, true)] // clamped to (0, 31)
    [InlineData("9x11", "9x11", "0 0", DType.Float16, true)]
    [InlineData("2x10", "2x7", "0 2", DType.Float16, false)] // runs of 7: element by element
    [InlineData("3x5", "0x5", "1 0", DType.Float32, false)] // nothing to write
    [InlineData("300x700", "200x500", "50 99", DType.Float32, true)]
    public void DynamicUpdateSlicesMatchTheDefinition(string operandShape, string updateShape, string start, DType dtype, bool copied)
    {
        var operand = Shape(operandShape);
        var update = Shape(updateShape);
        var starts = start.Split(' ').Select(int.Parse).ToArray();
        var rank = operand.Length;
        var all = Enumerable.Range(0, rank).ToArray();
        var text = RunAgainstReference(operand, update, [rank], starts, new ScatterDimensions(all, [], all, 0), dtype);
        Assert.Equal(copied, text.Contains("by block copies"));
    }

    [Fact]
    public void OverlappingRowWindowsApplyInOrder()
    {
        // Two windows of rows [2, 12] at rows 1 and 2 of a [5, 12] operand: row 2 takes the second window's.
        var dims = new ScatterDimensions([1, 2], [], [0], 1);
        var text = RunAgainstReference([5, 12], [2, 2, 12], [2, 1], [1, 2], dims, DType.Int32);
        Assert.Contains("by block copies", text);
    }

    private static int[] Shape(string text) => text.Split('x').Select(int.Parse).ToArray();

    /// <summary>Runs the scatter on the backend and checks each byte against the definition; returns the plan.</summary>
    private static string RunAgainstReference(int[] operandShape, int[] updateShape, int[] indexShape, int[] indices, ScatterDimensions dims, DType dtype)
    {
        var size = dtype.SizeOf();
        var random = new Random(7);
        var operand = new byte[Math.Max(1, operandShape.Aggregate(1, (a, b) => a * b)) * size];
        var updates = new byte[Math.Max(1, updateShape.Aggregate(1, (a, b) => a * b)) * size];
        random.NextBytes(operand);
        random.NextBytes(updates);
        using var h = new ModuleHarness();
        var (x, idx, u) = (h.Input(operand), h.Input(indices), h.Input(updates));
        var o = h.Output(operand.Length);
        h.Run(new ScatterKernel("update", new TensorRef(x, dtype, operandShape), new TensorRef(idx, DType.Int32, indexShape),
            new TensorRef(u, dtype, updateShape), dims, ScatterCombiner.Replace, IndexMode.Clip, o));
        Assert.Equal(Reference(operand, operandShape, updates, updateShape, indices, dims, size), h.Result<byte>(o));
        return h.Executable!.Describe();
    }

    /// <summary>The definition for these layouts (the index vector last in the indices, windows of every operand
    /// dimension): each point's window, start clamped to fit, copied element by element in order.</summary>
    private static byte[] Reference(byte[] operand, int[] operandShape, byte[] updates, int[] updateShape, int[] indices, ScatterDimensions dims, int size)
    {
        var result = operand.ToArray();
        var rank = operandShape.Length;
        var window = dims.UpdateWindowDims.Select(d => updateShape[d]).ToArray();
        var points = updateShape.Length == rank ? 1 : updateShape[0];
        var windowCount = window.Aggregate(1, (a, b) => a * b);
        var operandStrides = IndexMap.RowMajorStrides(operandShape);
        for (var p = 0; p < points; p++)
        {
            var start = Enumerable.Range(0, rank).Select(d => d < dims.ScatterDimsToOperandDims.Length
                ? Math.Clamp(indices[p * dims.ScatterDimsToOperandDims.Length + d], 0, operandShape[d] - window[d]) : 0).ToArray();
            for (var w = 0; w < windowCount; w++)
            {
                var (rest, at) = (w, 0L);
                for (var d = rank - 1; d >= 0; d--)
                {
                    at += (start[d] + rest % window[d]) * operandStrides[d];
                    rest /= window[d];
                }
                Array.Copy(updates, ((long)p * windowCount + w) * size, result, at * size, size);
            }
        }
        return result;
    }
}
