using System.Numerics;
using JaxNet.Backends.CpuSimd.Kernels.Gemm;
using JaxNet.Backends.CpuSimd.Tests.Codegen;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The packed GEMM's edge tiles (1 to 5 rows, computed by the row-count kernels straight into C) and its in-place
/// reads of a row-major A, against a float64 reference over every combination of M, N and K in 1, 2, 5, 7, 127 and
/// 129: each row count of an edge tile, ragged panels of B, and products on both sides of the parallel threshold.
/// </summary>
public sealed unsafe class GemmEdgeTileTests
{
    private static readonly int[] Sizes = [1, 2, 5, 7, 127, 129];

    [Theory]
    [InlineData(false)] // A row-major: read in place
    [InlineData(true)]  // A transposed: packed
    public void F32_products_of_odd_shapes_match_float64(bool transposeA)
    {
        foreach (var m in Sizes)
            foreach (var n in Sizes)
                foreach (var k in Sizes)
                    Check<float>(m, k, n, transposeA, 1e-5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void F64_products_of_odd_shapes_match_float64(bool transposeA)
    {
        foreach (var m in Sizes)
            foreach (var n in Sizes)
                foreach (var k in Sizes)
                    Check<double>(m, k, n, transposeA, 1e-12);
    }

    [Theory]
    [InlineData(127, 64, 300)]  // a 1-row edge tile, whole panels
    [InlineData(5, 129, 200)]   // one 5-row tile only, a ragged panel
    [InlineData(128, 784, 512)] // the MLP's first layer: a 2-row edge tile, both cores
    public void A_row_major_A_is_never_read_past_its_last_element(int m, int k, int n)
    {
        // A ends against an inaccessible page: reading a row past the last (a padded 6-row tile) would fault.
        var a = Enumerable.Range(0, m * k).Select(i => (i * 7 % 23 - 11) / 8.0).ToArray();
        using var guarded = new GuardedBuffer(DType.Float32, a);
        var b = Enumerable.Range(0, k * n).Select(i => (float)((i * 5 % 19 - 9) / 4.0)).ToArray();
        var c = new float[m * n];
        fixed (float* pb = b, pc = c)
            GemmRunner.Run<float>(new GemmArgs(m, n, k, guarded.Address, k, 1, (nint)pb, n, 1, (nint)pc, n), allowParallel: true);
        foreach (var (i, j) in new[] { (0, 0), (m - 1, n - 1), (m - 1, 0), (m / 2, n / 2) })
        {
            double expected = 0, scale = 0;
            for (var p = 0; p < k; p++)
            {
                var product = (float)a[i * k + p] * (double)b[p * n + j];
                expected += product;
                scale += Math.Abs(product);
            }
            Assert.True(Math.Abs(c[i * n + j] - expected) <= 1e-5 * (1 + scale), $"C[{i},{j}] = {c[i * n + j]}, expected {expected}");
        }
    }

    [Fact]
    public void NaN_and_infinity_in_an_edge_tile_stay_in_their_rows()
    {
        const int m = 128, k = 40, n = 70; // rows 126 and 127 are a 2-row edge tile
        var a = Enumerable.Range(0, m * k).Select(i => (float)((i % 11) - 5)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(i => (float)((i % 7) + 1)).ToArray();
        a[126 * k + 3] = float.NaN;
        a[127 * k + 39] = float.PositiveInfinity;
        var c = new float[m * n];
        fixed (float* pa = a, pb = b, pc = c)
            GemmRunner.Run<float>(new GemmArgs(m, n, k, (nint)pa, k, 1, (nint)pb, n, 1, (nint)pc, n), allowParallel: false);
        for (var j = 0; j < n; j++)
        {
            Assert.True(float.IsNaN(c[126 * n + j]));
            Assert.Equal(float.PositiveInfinity, c[127 * n + j]); // b is positive everywhere
            Assert.True(float.IsFinite(c[125 * n + j]));
        }
    }

    /// <summary>
    /// C = A B with C inside a larger buffer (two more columns per row, one more row) filled with a sentinel: the
    /// product must match the float64 reference and leave every element outside C as it was.
    /// </summary>
    private static void Check<T>(int m, int k, int n, bool transposeA, double tolerance) where T : unmanaged, INumber<T>
    {
        var a = Enumerable.Range(0, m * k).Select(i => T.CreateTruncating((i * 7 % 23 - 11) / 8.0)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(i => T.CreateTruncating((i * 5 % 19 - 9) / 4.0)).ToArray();
        var ldc = n + 2;
        var sentinel = T.CreateTruncating(-12345.0);
        var c = Enumerable.Repeat(sentinel, (m + 1) * ldc).ToArray();
        nint aRow = transposeA ? 1 : k, aCol = transposeA ? m : 1;
        fixed (T* pa = a, pb = b, pc = c)
            GemmRunner.Run<T>(new GemmArgs(m, n, k, (nint)pa, aRow, aCol, (nint)pb, n, 1, (nint)pc, ldc), allowParallel: true);
        for (var i = 0; i <= m; i++)
            for (var j = 0; j < ldc; j++)
            {
                var actual = double.CreateTruncating(c[i * ldc + j]);
                if (i == m || j >= n)
                {
                    Assert.True(c[i * ldc + j] == sentinel, $"{m}x{k}x{n}: C[{i},{j}] outside the product was written ({actual})");
                    continue;
                }
                double expected = 0, scale = 0;
                for (var p = 0; p < k; p++)
                {
                    var product = double.CreateTruncating(a[i * aRow + p * aCol]) * double.CreateTruncating(b[p * n + j]);
                    expected += product;
                    scale += Math.Abs(product);
                }
                Assert.True(Math.Abs(actual - expected) <= tolerance * (1 + scale), $"{m}x{k}x{n}: C[{i},{j}] = {actual}, expected {expected}");
            }
    }
}
