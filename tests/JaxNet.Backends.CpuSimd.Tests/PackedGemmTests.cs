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
    public void F32MatchesFloat64(int m, int k, int n, bool transposeA, bool transposeB) =>
        Check<float>(m, k, n, transposeA, transposeB, 1e-5);

    [Theory]
    [InlineData(5, 400, 600, false, false)]   // columns split, N over two NC blocks (f64)
    [InlineData(130, 140, 50, false, true)]
    [InlineData(9, 7, 13, false, true)]       // transposed B in 4 x 4 squares of doubles, ragged both ways
    [InlineData(40, 600, 16, false, false)]   // narrow panels of doubles (two vectors of 8), K over two KC blocks
    public void F64MatchesFloat64(int m, int k, int n, bool transposeA, bool transposeB) =>
        Check<double>(m, k, n, transposeA, transposeB, 1e-12);

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
