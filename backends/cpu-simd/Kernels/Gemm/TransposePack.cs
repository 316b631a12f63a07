using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// Packing from a source whose columns are contiguous along k (a transposed B, such as W^T in a backward pass)
/// into k-major panel rows, a square of registers at a time: eight columns of eight floats (four of four doubles)
/// are loaded, transposed in registers and stored as rows of the panel, instead of one scalar store a panel row
/// apart per element. x86 with AVX only; callers pack what is left (and other CPUs) element by element.
/// </summary>
internal static unsafe class TransposePack
{
    public static bool Supported => TransposeTiles.Supported;

    /// <summary>
    /// panel[k * nr + j] = source[j * column + k] for whole groups of eight columns j &lt; <paramref name="cols"/> and
    /// every k &lt; <paramref name="kc"/>; returns the number of columns done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Float(float* source, nint column, int kc, int cols, float* panel, nint nr)
    {
        var j = 0;
        for (; j + 8 <= cols; j += 8)
        {
            var s = source + j * column;
            var k = 0;
            for (; k + 8 <= kc; k += 8, s += 8) TransposeTiles.Tile8x8(s, column, panel + k * nr + j, nr);
            for (; k < kc; k++)
                for (var c = 0; c < 8; c++) panel[k * nr + j + c] = source[(j + c) * column + k];
        }
        return j;
    }

    /// <summary>As <see cref="Float"/> for doubles, four columns at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Double(double* source, nint column, int kc, int cols, double* panel, nint nr)
    {
        var j = 0;
        for (; j + 4 <= cols; j += 4)
        {
            var s = source + j * column;
            var k = 0;
            for (; k + 4 <= kc; k += 4, s += 4) TransposeTiles.Tile4x4(s, column, panel + k * nr + j, nr);
            for (; k < kc; k++)
                for (var c = 0; c < 4; c++) panel[k * nr + j + c] = source[(j + c) * column + k];
        }
        return j;
    }
}
