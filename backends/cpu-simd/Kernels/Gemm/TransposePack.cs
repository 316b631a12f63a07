using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// Packing from a source whose columns are contiguous along k (a transposed B, such as W^T in a backward pass)
/// into k-major panel rows, a square of registers at a time: eight columns of eight floats (four of four doubles)
/// are loaded, transposed in registers and stored as rows of the panel, instead of one scalar store a panel row
/// apart per element. x86 with AVX only; callers pack what is left (and other CPUs) element by element.
/// </summary>
internal static unsafe class TransposePack
{
    public static bool Supported => Avx.IsSupported;

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
            for (; k + 8 <= kc; k += 8, s += 8)
            {
                var r0 = Avx.LoadVector256(s);
                var r1 = Avx.LoadVector256(s + column);
                var r2 = Avx.LoadVector256(s + 2 * column);
                var r3 = Avx.LoadVector256(s + 3 * column);
                var r4 = Avx.LoadVector256(s + 4 * column);
                var r5 = Avx.LoadVector256(s + 5 * column);
                var r6 = Avx.LoadVector256(s + 6 * column);
                var r7 = Avx.LoadVector256(s + 7 * column);
                var t0 = Avx.UnpackLow(r0, r1);
                var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3);
                var t3 = Avx.UnpackHigh(r2, r3);
                var t4 = Avx.UnpackLow(r4, r5);
                var t5 = Avx.UnpackHigh(r4, r5);
                var t6 = Avx.UnpackLow(r6, r7);
                var t7 = Avx.UnpackHigh(r6, r7);
                var u0 = Avx.Shuffle(t0, t2, 0x44);
                var u1 = Avx.Shuffle(t0, t2, 0xEE);
                var u2 = Avx.Shuffle(t1, t3, 0x44);
                var u3 = Avx.Shuffle(t1, t3, 0xEE);
                var u4 = Avx.Shuffle(t4, t6, 0x44);
                var u5 = Avx.Shuffle(t4, t6, 0xEE);
                var u6 = Avx.Shuffle(t5, t7, 0x44);
                var u7 = Avx.Shuffle(t5, t7, 0xEE);
                var d = panel + k * nr + j;
                Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
                Avx.Store(d + nr, Avx.Permute2x128(u1, u5, 0x20));
                Avx.Store(d + 2 * nr, Avx.Permute2x128(u2, u6, 0x20));
                Avx.Store(d + 3 * nr, Avx.Permute2x128(u3, u7, 0x20));
                Avx.Store(d + 4 * nr, Avx.Permute2x128(u0, u4, 0x31));
                Avx.Store(d + 5 * nr, Avx.Permute2x128(u1, u5, 0x31));
                Avx.Store(d + 6 * nr, Avx.Permute2x128(u2, u6, 0x31));
                Avx.Store(d + 7 * nr, Avx.Permute2x128(u3, u7, 0x31));
            }
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
            for (; k + 4 <= kc; k += 4, s += 4)
            {
                var r0 = Avx.LoadVector256(s);
                var r1 = Avx.LoadVector256(s + column);
                var r2 = Avx.LoadVector256(s + 2 * column);
                var r3 = Avx.LoadVector256(s + 3 * column);
                var t0 = Avx.UnpackLow(r0, r1);
                var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3);
                var t3 = Avx.UnpackHigh(r2, r3);
                var d = panel + k * nr + j;
                Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
                Avx.Store(d + nr, Avx.Permute2x128(t1, t3, 0x20));
                Avx.Store(d + 2 * nr, Avx.Permute2x128(t0, t2, 0x31));
                Avx.Store(d + 3 * nr, Avx.Permute2x128(t1, t3, 0x31));
            }
            for (; k < kc; k++)
                for (var c = 0; c < 4; c++) panel[k * nr + j + c] = source[(j + c) * column + k];
        }
        return j;
    }
}
