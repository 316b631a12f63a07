using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

public sealed class GatherScatterTests
{
    private static readonly float[] Matrix4x3 = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();

    private static float[] GatherRows(int[] rows, IndexMode mode, double fill = 0)
    {
        using var h = new ModuleHarness();
        var x = h.Input(Matrix4x3);
        var idx = h.Input(rows);
        var o = h.Output(rows.Length * 3 * 4);
        var d = new GatherDimensions([1], [0], [0], 1);
        h.Run(new GatherKernel("take", new TensorRef(x, DType.Float32, [4, 3]), new TensorRef(idx, DType.Int32, [rows.Length, 1]),
            d, [1, 3], mode, fill, GatherKernel.InferOutputShape([rows.Length, 1], d, [1, 3]), o));
        return h.Result<float>(o);
    }

    [Fact]
    public void GatherTakesRows() =>
        Assert.Equal(new float[] { 6, 7, 8, 0, 1, 2, 6, 7, 8 }, GatherRows([2, 0, 2], IndexMode.Clip));

    [Fact]
    public void GatherClipClampsStarts() =>
        Assert.Equal(new float[] { 9, 10, 11, 0, 1, 2 }, GatherRows([5, -2], IndexMode.Clip));

    [Fact]
    public void GatherFillOrDropFillsOutOfBoundsSlices() =>
        Assert.Equal(new float[] { -1, -1, -1, 3, 4, 5, -1, -1, -1 }, GatherRows([4, 1, -1], IndexMode.FillOrDrop, fill: -1));

    [Fact]
    public void GatherPointsWithTwoIndicesAndI64()
    {
        using var h = new ModuleHarness();
        var x = h.Input(Enumerable.Range(0, 12).Select(i => (long)i * 10).ToArray());
        var idx = h.Input(new long[] { 1, 2, 2, 3, 0, 0 });
        var o = h.Output(3 * 8);
        var d = new GatherDimensions([], [0, 1], [0, 1], 1);
        h.Run(new GatherKernel("points", new TensorRef(x, DType.Int64, [3, 4]), new TensorRef(idx, DType.Int64, [3, 2]),
            d, [1, 1], IndexMode.Clip, 0, [3], o));
        Assert.Equal(new long[] { 60, 110, 0 }, h.Result<long>(o));
    }

    [Fact]
    public void GatherWindowsWithImplicitIndexVectorDim()
    {
        // x[5,6]; windows x[0:2, s:s+3] for s in [1, 4] (4 clamps to 3); output [2, 2, 3].
        var x = Enumerable.Range(0, 30).Select(i => (short)i).ToArray();
        using var h = new ModuleHarness();
        var xb = h.Input(x);
        var idx = h.Input(new[] { 1, 4 });
        var d = new GatherDimensions([1, 2], [], [1], 1);
        var shape = GatherKernel.InferOutputShape([2], d, [2, 3]);
        Assert.Equal(new[] { 2, 2, 3 }, shape);
        var o = h.Output(12 * 2);
        h.Run(new GatherKernel("windows", new TensorRef(xb, DType.Float16, [5, 6]), new TensorRef(idx, DType.Int32, [2]),
            d, [2, 3], IndexMode.Clip, 0, shape, o));
        Assert.Equal(new short[] { 1, 2, 3, 7, 8, 9, 3, 4, 5, 9, 10, 11 }, h.Result<short>(o));
    }

    private static T[] Scatter<T>(T[] operand, int[] indices, T[] updates, ScatterCombiner combiner, IndexMode mode, DType dtype) where T : unmanaged
    {
        using var h = new ModuleHarness();
        var x = h.Input(operand);
        var idx = h.Input(indices);
        var u = h.Input(updates);
        var o = h.Output(operand.Length * (long)dtype.SizeOf());
        h.Run(new ScatterKernel("scatter", new TensorRef(x, dtype, [operand.Length]), new TensorRef(idx, DType.Int32, [indices.Length, 1]),
            new TensorRef(u, dtype, [updates.Length]), new ScatterDimensions([], [0], [0], 1), combiner, mode, o));
        return h.Result<T>(o);
    }

    [Fact]
    public void ScatterAddAppliesRepeatedIndices() =>
        Assert.Equal(new float[] { 0, 11, 0, 2, 0 },
            Scatter(new float[5], [1, 3, 1], [1f, 2, 10], ScatterCombiner.Add, IndexMode.FillOrDrop, DType.Float32));

    [Fact]
    public void ScatterDropsOrClipsOutOfBoundsUpdates()
    {
        Assert.Equal(new[] { 1, 1, 1, 1, 1 }, Scatter(new[] { 1, 1, 1, 1, 1 }, [7, -1], [5, 6], ScatterCombiner.Add, IndexMode.FillOrDrop, DType.Int32));
        Assert.Equal(new[] { 7, 1, 1, 1, 6 }, Scatter(new[] { 1, 1, 1, 1, 1 }, [7, -1], [5, 6], ScatterCombiner.Add, IndexMode.Clip, DType.Int32));
    }

    [Fact]
    public void ScatterCombiners()
    {
        double[] operand = [1, 5, double.NaN, 4];
        Assert.Equal(new double[] { 3, 5, double.NaN, 4 }, Scatter(operand, [0, 1, 2], [3.0, 2, 9], ScatterCombiner.Max, IndexMode.Clip, DType.Float64));
        Assert.Equal(new double[] { 1, 2, double.NaN, double.NaN }, Scatter(operand, [1, 3, 2], [2.0, double.NaN, -1], ScatterCombiner.Min, IndexMode.Clip, DType.Float64));
        Assert.Equal(new double[] { 6, 5, double.NaN, 4 }, Scatter(operand, [0, 0], [2.0, 3], ScatterCombiner.Mul, IndexMode.Clip, DType.Float64));
        Assert.Equal(new double[] { 1, 8, double.NaN, 4 }, Scatter(operand, [1], [8.0], ScatterCombiner.Replace, IndexMode.Clip, DType.Float64));
        Assert.Equal(new byte[] { 1, 1, 0 }, Scatter(new byte[] { 1, 0, 0 }, [0, 1, 1], new byte[] { 1, 1, 1 }, ScatterCombiner.Add, IndexMode.Clip, DType.Bool));
        Assert.Equal(new byte[] { 255, 44 }, Scatter(new byte[] { 250, 200 }, [0, 1], new byte[] { 5, 100 }, ScatterCombiner.Add, IndexMode.Clip, DType.UInt8));
    }

    [Fact]
    public void ScatterRowsWithWindows()
    {
        using var h = new ModuleHarness();
        var x = h.Input(new uint[] { 1, 2, 3, 4, 5, 6 });
        var idx = h.Input(new[] { 2, 0 });
        var u = h.Input(new uint[] { 10, 20, 30, 40 });
        var o = h.Output(24);
        h.Run(new ScatterKernel("rows", new TensorRef(x, DType.UInt32, [3, 2]), new TensorRef(idx, DType.Int32, [2, 1]),
            new TensorRef(u, DType.UInt32, [2, 2]), new ScatterDimensions([1], [0], [0], 1), ScatterCombiner.Replace, IndexMode.FillOrDrop, o));
        Assert.Equal(new uint[] { 30, 40, 3, 4, 10, 20 }, h.Result<uint>(o));
    }

    [Fact]
    public void BadIndexDTypeIsACompileError()
    {
        using var h = new ModuleHarness();
        var x = h.Input(new float[4]);
        var idx = h.Input(new float[1]);
        var o = h.Output(4);
        var error = Assert.Throws<KernelCompilationException>(() => h.Run(new GatherKernel("g", new TensorRef(x, DType.Float32, [4]),
            new TensorRef(idx, DType.Float32, [1, 1]), new GatherDimensions([], [0], [0], 1), [1], IndexMode.Clip, 0, [1], o)));
        Assert.Contains("indices", error.Message);
    }
}
