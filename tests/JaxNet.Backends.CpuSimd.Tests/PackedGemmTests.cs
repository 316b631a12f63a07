using System.Numerics;
using JaxNet.Backends.CpuSimd.Kernels.Gemm;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The packed GEMM against a float64 reference on shapes that reach every path: several KC and NC blocks, edge
/// tiles, the row and the column split across cores, transposed (strided) operands, f32 and f64.
/// </summary>
public sealed unsafe class PackedGemmTests
{
    [Theory]
    [InlineData(200, 260, 70, false, false)]   // rows split, K over two KC blocks, edge columns
    [InlineData(7, 300, 1100, false, false)]  // too few rows: columns split, N over one NC block (f32)
    [InlineData(7, 300, 1100, true, true)]    // the same with both operands transposed
    [InlineData(61, 129, 97, true, false)]    // serial (below the parallel threshold), odd everything
    [InlineData(61, 131, 77, false, true)]    // transposed B: register-transposed 8 x 8 squares, ragged k and columns
    [InlineData(64, 300, 200, false, true)]   // the same on both cores, K over several KC blocks (AVX-512; one on AVX2)
    [InlineData(1, 1, 1, false, false)]
    [InlineData(64, 32, 32, false, false)]    // two vectors of columns: the narrow panels (AVX-512), whole tiles
    [InlineData(67, 700, 31, false, false)]   // narrow panels with edge rows and columns, K over several KC blocks
    [InlineData(66, 45, 20, true, true)]      // narrow panels, both operands transposed
    [InlineData(2049, 7, 2049, false, false)] // edge rows and a one-column panel after two NC blocks, both cores
    [InlineData(2049, 1, 70, false, false)]   // K = 1: one step of depth per tile, M over several MC blocks
    [InlineData(7, 2049, 65, false, false)]   // K over many KC blocks ending in a ragged one, one edge column
    [InlineData(1, 2049, 129, true, false)]   // one row
    [InlineData(130, 2049, 1, false, true)]   // one column (the narrow path)
    public void F32MatchesFloat64(int m, int k, int n, bool transposeA, bool transposeB) =>
        Check<float>(m, k, n, transposeA, transposeB, 1e-5);

    [Theory]
    [InlineData(5, 400, 600, false, false)]   // columns split, N over two NC blocks (f64)
    [InlineData(130, 140, 50, false, true)]
    [InlineData(9, 7, 13, false, true)]       // transposed B in 4 x 4 squares of doubles, ragged both ways
    [InlineData(40, 600, 16, false, false)]   // narrow panels of doubles (two vectors of 8), K over two KC blocks
    [InlineData(2049, 1, 129, false, false)]  // K = 1, edge rows and columns
    [InlineData(7, 2049, 33, false, false)]   // K over many KC blocks, one edge column
    public void F64MatchesFloat64(int m, int k, int n, bool transposeA, bool transposeB) =>
        Check<double>(m, k, n, transposeA, transposeB, 1e-12);

    [Fact]
    public void A_NaN_or_infinity_in_A_reaches_only_its_row()
    {
        const int m = 130, k = 300, n = 200;
        var a = Enumerable.Range(0, m * k).Select(i => (float)((i * 7 % 23 - 11) / 8.0)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(i => (float)((i * 5 % 19 - 9) / 4.0)).ToArray();
        a[5 * k + 299] = float.NaN;       // the last block of depth of row 5
        a[77 * k + 3] = float.PositiveInfinity;
        var c = new float[m * n];
        fixed (float* pa = a, pb = b, pc = c)
            GemmRunner.Run<float>(new GemmArgs(m, n, k, (nint)pa, k, 1, (nint)pb, n, 1, (nint)pc, n), allowParallel: true);
        for (var j = 0; j < n; j++)
        {
            Assert.True(float.IsNaN(c[5 * n + j]), $"C[5,{j}] = {c[5 * n + j]}");
            // inf times b: +-inf where b is nonzero, NaN where it is zero (inf * 0).
            Assert.Equal(b[3 * n + j] == 0 ? float.NaN : b[3 * n + j] > 0 ? float.PositiveInfinity : float.NegativeInfinity, c[77 * n + j]);
            Assert.True(float.IsFinite(c[6 * n + j]) && float.IsFinite(c[76 * n + j]));
        }
    }

    [Theory]
    [InlineData(0, 5, 7)]
    [InlineData(5, 0, 7)]
    [InlineData(5, 7, 0)]
    public void Empty_products_write_zeros_or_nothing(int m, int k, int n)
    {
        var a = new float[Math.Max(1, m * k)];
        var b = new float[Math.Max(1, k * n)];
        var c = Enumerable.Repeat(float.NaN, Math.Max(1, m * n)).ToArray();
        fixed (float* pa = a, pb = b, pc = c)
            GemmRunner.Run<float>(new GemmArgs(m, n, k, (nint)pa, k, 1, (nint)pb, n, 1, (nint)pc, n), allowParallel: true);
        // K = 0 is a sum of nothing: every element of C is 0. With M or N = 0 there is no C to write.
        if (m * n > 0) Assert.All(c, x => Assert.Equal(0f, x));
        else Assert.True(float.IsNaN(c[0]));
    }

    private static void Check<T>(int m, int k, int n, bool transposeA, bool transposeB, double tolerance)
        where T : unmanaged, INumber<T>
    {
        var a = Enumerable.Range(0, m * k).Select(i => T.CreateTruncating((i * 7 % 23 - 11) / 8.0)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(i => T.CreateTruncating((i * 5 % 19 - 9) / 4.0)).ToArray();
        var c = new T[m * n];
        // A is m x k: row-major, or stored k x m (transposed) and read through swapped strides.
        nint aRow = transposeA ? 1 : k, aCol = transposeA ? m : 1;
        nint bRow = transposeB ? 1 : n, bCol = transposeB ? k : 1;
        fixed (T* pa = a, pb = b, pc = c)
            GemmRunner.Run<T>(new GemmArgs(m, n, k, (nint)pa, aRow, aCol, (nint)pb, bRow, bCol, (nint)pc, n), allowParallel: true);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double expected = 0, scale = 0;
                for (var p = 0; p < k; p++)
                {
                    var product = double.CreateTruncating(a[i * aRow + p * aCol]) * double.CreateTruncating(b[p * bRow + j * bCol]);
                    expected += product;
                    scale += Math.Abs(product);
                }
                var actual = double.CreateTruncating(c[i * n + j]);
                Assert.True(Math.Abs(actual - expected) <= tolerance * (1 + scale), $"C[{i},{j}] = {actual}, expected {expected}");
            }
    }
}
