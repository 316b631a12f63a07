using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// The parallel merge sort against a stable sort on the host: lines that are not powers of two, sorted along the
/// last axis and along the first (strided lines), ascending and descending, with repeated keys (the payload shows
/// the order of ties), NaN, and both zeros.
/// </summary>
public sealed class MergeSortTests(Emulated emulated) : IClassFixture<Emulated>
{
    [Theory]
    [InlineData(3, 37, 1, false)]
    [InlineData(37, 3, 0, false)]
    [InlineData(2, 64, 1, true)]
    [InlineData(1, 1, 1, false)]
    public void Lines_sort_stably_in_the_total_order(int rows, int columns, int axis, bool descending)
    {
        var n = rows * columns;
        var pool = new[] { 3f, -1f, 0f, -0f, float.NaN, 2.5f, float.NegativeInfinity, 7f };
        var keys = Enumerable.Range(0, n).Select(i => pool[i * 5 % pool.Length] + (i % 11 == 0 ? 1 : 0)).ToArray();
        var payload = Enumerable.Range(0, n).ToArray();
        var kernel = new SortKernel("sort", [new TensorRef(0, DType.Float32, [rows, columns]), new TensorRef(1, DType.Int32, [rows, columns])],
            axis, 1, descending, Stable: true, [2, 3]);
        var module = new KernelModule("m",
        [
            new BufferDecl(0, BufferRole.Parameter, 4L * n), new BufferDecl(1, BufferRole.Parameter, 4L * n),
            new BufferDecl(2, BufferRole.Result, 4L * n), new BufferDecl(3, BufferRole.Result, 4L * n),
        ], [kernel], [0, 1], [2, 3]);
        var results = emulated.Run(module, Emulated.Bytes(keys), Emulated.Bytes(payload));
        var sortedKeys = Emulated.Values<float>(results[0]);
        var sortedPayload = Emulated.Values<int>(results[1]);

        var lines = axis == 1 ? rows : columns;
        var length = axis == 1 ? columns : rows;
        int At(int line, int i) => axis == 1 ? line * columns + i : i * columns + line;
        for (var line = 0; line < lines; line++)
        {
            var order = Enumerable.Range(0, length).Select(i => At(line, i));
            var expected = (descending ? order.OrderByDescending(e => Rank(keys[e])) : order.OrderBy(e => Rank(keys[e]))).ToArray();
            for (var i = 0; i < length; i++)
            {
                Assert.Equal(expected[i], sortedPayload[At(line, i)]);
                Assert.Equal(BitConverter.SingleToInt32Bits(keys[expected[i]]), BitConverter.SingleToInt32Bits(sortedKeys[At(line, i)]));
            }
        }
    }

    // The IR's total order: -inf < ... < -0 < +0 < ... < +inf < NaN. LINQ's OrderBy is stable, as the sort must be.
    private static (int, double, int) Rank(float x) =>
        float.IsNaN(x) ? (1, 0, 0) : (0, x, x == 0 && float.IsNegative(x) ? 0 : 1);
}
