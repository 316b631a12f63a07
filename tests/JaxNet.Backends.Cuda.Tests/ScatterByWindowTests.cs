using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// A scatter whose indexed dimensions have windows of one spreads its window over threads, each walking the scatter
/// points in order; the result must be exactly what one thread walking every update gives (float rounding order
/// included), with repeated indices, a replace's last write, and dropped out-of-bounds rows. Scalar updates and
/// overlapping windows are sorted by target instead, with the same exact result.
/// </summary>
public sealed class ScatterByWindowTests(Emulated emulated) : IClassFixture<Emulated>
{
    private const int Rows = 5, Width = 48, Updates = 7;
    private static readonly int[] RowIndices = [3, 1, 3, 9, 3, 0, 1];

    [Theory]
    [InlineData(ScatterCombiner.Add)]
    [InlineData(ScatterCombiner.Replace)]
    [InlineData(ScatterCombiner.Max)]
    public void Rows_scatter_over_the_window_in_the_order_of_one_thread(ScatterCombiner combiner)
    {
        // operand [5, 48], indices [7, 1], updates [7, 48]: row r of the updates goes to operand row RowIndices[r].
        var operand = Enumerable.Range(0, Rows * Width).Select(i => 1f + i % 3).ToArray();
        // 1e8 then small values: adding them in another order changes the float result.
        var updates = Enumerable.Range(0, Updates * Width).Select(i => i / Width % 2 == 0 ? 1e8f + i : 1.5f + i % 5).ToArray();
        var kernel = Kernel(combiner, [Updates, 1], [Updates, Width], new ScatterDimensions([1], [0], [0], 1));
        using (var compiled = new ScatterByWindow(emulated.Accelerator, kernel))
        {
            Assert.Equal(Width, compiled.Threads);
            Assert.False(compiled.Sorted);
        }

        var result = Run(kernel, operand, RowIndices, updates);

        var expected = (float[])operand.Clone();
        for (var u = 0; u < Updates; u++)
        {
            var row = RowIndices[u];
            if (row >= Rows) continue;
            for (var c = 0; c < Width; c++)
            {
                ref var target = ref expected[row * Width + c];
                var update = updates[u * Width + c];
                target = combiner switch { ScatterCombiner.Add => target + update, ScatterCombiner.Max => Math.Max(target, update), _ => update };
            }
        }
        Assert.Equal(expected, result);
    }

    [Fact]
    public void A_narrow_window_over_many_rows_is_sorted_with_the_same_result()
    {
        // 300 row updates of width 4 into 9 rows: 4 threads would walk 300 steps each, so the updates are sorted.
        const int rows = 9, width = 4, count = 300;
        var indices = Enumerable.Range(0, count).Select(i => i * 31 % 11 - 1).ToArray();
        var updates = Enumerable.Range(0, count * width).Select(i => i % 5 == 0 ? 3e7f + i : 0.1f * (i % 13)).ToArray();
        var operand = Enumerable.Range(0, rows * width).Select(i => 0.25f * i).ToArray();
        var kernel = Kernel(ScatterCombiner.Add, [count, 1], [count, width], new ScatterDimensions([1], [0], [0], 1), operandShape: [rows, width]);
        using (var compiled = new ScatterByWindow(emulated.Accelerator, kernel))
        {
            Assert.Equal(width, compiled.Threads);
            Assert.True(compiled.Sorted);
        }
        var expected = (float[])operand.Clone();
        for (var u = 0; u < count; u++)
        {
            if (indices[u] < 0 || indices[u] >= rows) continue;
            for (var c = 0; c < width; c++) expected[indices[u] * width + c] += updates[u * width + c];
        }
        Assert.Equal(expected, Run(kernel, operand, indices, updates));
    }

    [Fact]
    public void Overlapping_windows_sort_by_target_and_apply_in_order()
    {
        // operand [6], windows of 3 starting at 0, 2, 1: element 2 is in all three.
        var kernel = Kernel(ScatterCombiner.Replace, [3, 1], [3, 3], new ScatterDimensions([1], [], [0], 1), operandShape: [6]);
        using (var compiled = new ScatterByWindow(emulated.Accelerator, kernel)) Assert.True(compiled.Sorted);
        var result = Run(kernel, [0, 0, 0, 0, 0, 0], [0, 2, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Equal(new[] { 1f, 7f, 8f, 9f, 6f, 0f }, result);
    }

    [Theory]
    [InlineData(ScatterCombiner.Add)]
    [InlineData(ScatterCombiner.Replace)]
    [InlineData(ScatterCombiner.Min)]
    public void Scalar_updates_sort_by_target_with_one_threads_result(ScatterCombiner combiner)
    {
        // 3000 updates into 37 elements (some out of bounds, dropped): many repeats, in an order that changes float sums.
        const int elements = 37, count = 3000;
        var indices = Enumerable.Range(0, count).Select(i => i * 7919 % 41 - 2).ToArray();
        var updates = Enumerable.Range(0, count).Select(i => i % 3 == 0 ? 1e7f + i : 0.37f * (i % 11)).ToArray();
        var operand = Enumerable.Range(0, elements).Select(i => 0.5f * i).ToArray();
        var kernel = Kernel(combiner, [count, 1], [count], new ScatterDimensions([], [0], [0], 1), operandShape: [elements]);
        using (var compiled = new ScatterByWindow(emulated.Accelerator, kernel)) Assert.True(compiled.Sorted);

        var expected = (float[])operand.Clone();
        for (var u = 0; u < count; u++)
        {
            if (indices[u] < 0 || indices[u] >= elements) continue;
            ref var target = ref expected[indices[u]];
            target = combiner switch { ScatterCombiner.Add => target + updates[u], ScatterCombiner.Min => Math.Min(target, updates[u]), _ => updates[u] };
        }
        Assert.Equal(expected, Run(kernel, operand, indices, updates));
    }

    private static ScatterKernel Kernel(ScatterCombiner combiner, int[] indicesShape, int[] updatesShape, ScatterDimensions dims,
        int[]? operandShape = null) =>
        new("s", new TensorRef(0, DType.Float32, operandShape ?? [Rows, Width]), new TensorRef(1, DType.Int32, indicesShape),
            new TensorRef(2, DType.Float32, updatesShape), dims, combiner, IndexMode.FillOrDrop, 3);

    private float[] Run(ScatterKernel kernel, float[] operand, int[] indices, float[] updates)
    {
        var module = new KernelModule("m",
        [
            new BufferDecl(0, BufferRole.Parameter, 4L * operand.Length), new BufferDecl(1, BufferRole.Parameter, 4L * indices.Length),
            new BufferDecl(2, BufferRole.Parameter, 4L * updates.Length), new BufferDecl(3, BufferRole.Result, 4L * operand.Length),
        ], [kernel], [0, 1, 2], [3]);
        return Emulated.Values<float>(emulated.Run(module, Emulated.Bytes(operand), Emulated.Bytes(indices), Emulated.Bytes(updates))[0]);
    }
}
