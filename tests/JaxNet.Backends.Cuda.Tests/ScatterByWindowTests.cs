using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// A scatter whose indexed dimensions have windows of one spreads its window over threads, each walking the scatter
/// points in order; the result must be exactly what one thread walking every update gives (float rounding order
/// included), with repeated indices, a replace's last write, and dropped out-of-bounds rows. Overlapping windows
/// keep one thread.
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
        using (var compiled = new ScatterByWindow(emulated.Accelerator, kernel)) Assert.Equal(Width, compiled.Threads);

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
    public void Overlapping_windows_keep_one_thread_and_apply_in_order()
    {
        // operand [6], windows of 3 starting at 0, 2, 1: element 2 is in all three.
        var kernel = Kernel(ScatterCombiner.Replace, [3, 1], [3, 3], new ScatterDimensions([1], [], [0], 1), operandShape: [6]);
        using (var compiled = new ScatterByWindow(emulated.Accelerator, kernel)) Assert.Equal(1, compiled.Threads);
        var result = Run(kernel, [0, 0, 0, 0, 0, 0], [0, 2, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Equal(new[] { 1f, 7f, 8f, 9f, 6f, 0f }, result);
    }

    [Fact]
    public void Scalar_updates_walk_on_one_thread()
    {
        var kernel = Kernel(ScatterCombiner.Add, [4, 1], [4], new ScatterDimensions([], [0], [0], 1), operandShape: [3]);
        using (var compiled = new ScatterByWindow(emulated.Accelerator, kernel)) Assert.Equal(1, compiled.Threads);
        Assert.Equal(new[] { 1f, 6f, 3f }, Run(kernel, [0, 0, 0], [2, 1, 0, 1], [3, 2, 1, 4]));
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
