using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

public sealed class SortScanTests
{
    [Fact]
    public void SortUsesTheTotalOrderAndIsStable()
    {
        float[] keys = [3, float.NaN, 0f, -0f, float.NegativeInfinity, 1, -float.NaN, 1, float.PositiveInfinity];
        var payload = Enumerable.Range(0, keys.Length).ToArray();
        using var h = new ModuleHarness();
        var k = h.Input(keys);
        var p = h.Input(payload);
        var ok = h.Output(keys.Length * 4);
        var op = h.Output(keys.Length * 4);
        h.Run(new SortKernel("sort", [new TensorRef(k, DType.Float32, [keys.Length]), new TensorRef(p, DType.Int32, [keys.Length])],
            0, 1, false, true, [ok, op]));
        var sorted = h.Result<float>(ok);
        Assert.Equal(new[] { 4, 3, 2, 5, 7, 0, 8, 1, 6 }, h.Result<int>(op));
        Assert.True(float.IsNegative(sorted[1]) && sorted[1] == 0);
        Assert.True(float.IsPositive(sorted[2]) && sorted[2] == 0);
        Assert.True(float.IsNaN(sorted[7]) && float.IsNaN(sorted[8]));
    }

    [Fact]
    public void DescendingPutsNaNFirstAndKeepsTiesInOrder()
    {
        double[] keys = [1, double.NaN, 2, 1, -0.0, 0.0];
        using var h = new ModuleHarness();
        var k = h.Input(keys);
        var p = h.Input(Enumerable.Range(0, keys.Length).ToArray());
        var ok = h.Output(keys.Length * 8);
        var op = h.Output(keys.Length * 4);
        h.Run(new SortKernel("sort", [new TensorRef(k, DType.Float64, [keys.Length]), new TensorRef(p, DType.Int32, [keys.Length])],
            0, 1, true, true, [ok, op]));
        Assert.Equal(new[] { 1, 2, 0, 3, 5, 4 }, h.Result<int>(op));
    }

    [Fact]
    public void TwoKeysSortLexicographicallyAlongAnInnerAxis()
    {
        // shape [2, 4] sorted along axis 1 by (k1, k2).
        using var h = new ModuleHarness();
        var k1 = h.Input(new byte[] { 1, 1, 0, 0, 2, 2, 2, 2 });
        var k2 = h.Input(new long[] { 5, 3, 9, 1, 4, 3, 2, 1 });
        var o1 = h.Output(8);
        var o2 = h.Output(64);
        h.Run(new SortKernel("sort2", [new TensorRef(k1, DType.UInt8, [2, 4]), new TensorRef(k2, DType.Int64, [2, 4])], 1, 2, false, false, [o1, o2]));
        Assert.Equal(new byte[] { 0, 0, 1, 1, 2, 2, 2, 2 }, h.Result<byte>(o1));
        Assert.Equal(new long[] { 1, 9, 3, 5, 1, 2, 3, 4 }, h.Result<long>(o2));
    }

    [Fact]
    public void SortAlongTheOuterAxisOfHalfs()
    {
        using var h = new ModuleHarness();
        var k = h.Input(new[] { (Half)3, (Half)(-1), (Half)1, (Half)2, (Half)(-2), Half.NaN });
        var o = h.Output(12);
        h.Run(new SortKernel("sort", [new TensorRef(k, DType.Float16, [3, 2])], 0, 1, false, false, [o]));
        Assert.Equal(new[] { (Half)(-2), (Half)(-1), (Half)1, (Half)2, (Half)3, Half.NaN }, h.Result<Half>(o));
    }

    private static TOut[] Scan<TIn, TOut>(TIn[] input, int[] shape, int axis, ReduceOp op, bool reverse, DType inType, DType acc, DType outType)
        where TIn : unmanaged where TOut : unmanaged
    {
        using var h = new ModuleHarness();
        var x = h.Input(input);
        var o = h.Output(input.Length * (long)outType.SizeOf());
        h.Run(new ScanKernel("scan", new TensorRef(x, inType, shape), axis, op, reverse, acc, outType, o));
        return h.Result<TOut>(o);
    }

    [Fact]
    public void CumulativeSumsForwardAndReverse()
    {
        Assert.Equal(new float[] { 1, 3, 6, 10 }, Scan<float, float>([1, 2, 3, 4], [4], 0, ReduceOp.Sum, false, DType.Float32, DType.Float32, DType.Float32));
        Assert.Equal(new float[] { 10, 9, 7, 4 }, Scan<float, float>([1, 2, 3, 4], [4], 0, ReduceOp.Sum, true, DType.Float32, DType.Float32, DType.Float32));
    }

    [Fact]
    public void ScanAlongAMiddleAxisMatchesLoops()
    {
        int[] shape = [2, 3, 4];
        var x = Enumerable.Range(0, 24).Select(i => (double)(i % 5 - 2)).ToArray();
        var expected = new double[24];
        for (var a = 0; a < 2; a++)
            for (var c = 0; c < 4; c++)
            {
                double running = 1;
                for (var b = 2; b >= 0; b--)
                {
                    running *= x[a * 12 + b * 4 + c];
                    expected[a * 12 + b * 4 + c] = running;
                }
            }
        Assert.Equal(expected, Scan<double, double>(x, shape, 1, ReduceOp.Prod, true, DType.Float64, DType.Float64, DType.Float64));
    }

    [Fact]
    public void CumMaxPropagatesNaNAndCumMinWorksOnIntegers()
    {
        var max = Scan<float, float>([1, float.NaN, 3], [3], 0, ReduceOp.Max, false, DType.Float32, DType.Float32, DType.Float32);
        Assert.Equal(1, max[0]);
        Assert.True(float.IsNaN(max[1]) && float.IsNaN(max[2]));
        Assert.Equal(new[] { 5, 2, 2, -7 }, Scan<int, int>([5, 2, 8, -7], [4], 0, ReduceOp.Min, false, DType.Int32, DType.Int32, DType.Int32));
        Assert.Equal(new[] { int.MinValue, int.MinValue }, Scan<int, int>([int.MinValue, 3], [2], 0, ReduceOp.Min, false, DType.Int32, DType.Int32, DType.Int32));
    }

    [Fact]
    public void ScanConvertsThroughTheAccumulator()
    {
        Assert.Equal(new[] { 200, 300, 555 }, Scan<byte, int>([200, 100, 255], [3], 0, ReduceOp.Sum, false, DType.UInt8, DType.Int32, DType.Int32));
        Assert.Equal(new[] { (Half)0.5, (Half)1.5 }, Scan<float, Half>([0.5f, 1f], [2], 0, ReduceOp.Sum, false, DType.Float32, DType.Float32, DType.Float16));
        Assert.Equal(new byte[] { 0, 1, 1 }, Scan<byte, byte>([0, 1, 1], [3], 0, ReduceOp.Sum, false, DType.Bool, DType.Bool, DType.Bool));
    }
}
