using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Products with at most one vector of columns take the narrow GEMM path, and transposed operands are packed from
/// their contiguous side: check both against a float64 product, with plain and transposed operands and odd sizes.
/// </summary>
public sealed class NarrowGemmTests
{
    [Theory]
    [InlineData(128, 512, 10, false, false)]
    [InlineData(513, 129, 10, true, false)]
    [InlineData(7, 33, 1, false, true)]
    [InlineData(130, 70, 16, true, true)]
    [InlineData(61, 300, 200, true, false)]
    [InlineData(61, 300, 200, false, true)]
    public void Matches_a_float64_product(int m, int k, int n, bool transposeA, bool transposeB)
    {
        var rng = new Random(m * 31 + n);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        // Stored transposed when asked: A as [k, m], B as [n, k]; the contraction names the contracted dimension.
        using var h = new ModuleHarness();
        var ba = h.Input(a);
        var bb = h.Input(b);
        var c = h.Output(4L * m * n);
        int[] aShape = transposeA ? [k, m] : [m, k];
        int[] bShape = transposeB ? [n, k] : [k, n];
        var dims = new DotDimensions([], [], [transposeA ? 0 : 1], [transposeB ? 1 : 0]);
        h.Run(new ContractionKernel("dot", new TensorRef(ba, DType.Float32, aShape), new TensorRef(bb, DType.Float32, bShape),
            dims, Precision.Highest, DType.Float32, null, c));
        var got = h.Result<float>(c);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double expected = 0, magnitude = 0;
                for (var p = 0; p < k; p++)
                {
                    var term = (double)(transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j]);
                    expected += term;
                    magnitude += Math.Abs(term);
                }
                Assert.True(Math.Abs(got[i * n + j] - expected) <= 1e-5 * magnitude + 1e-6, $"C[{i},{j}] = {got[i * n + j]}, expected {expected}");
            }
    }
}
