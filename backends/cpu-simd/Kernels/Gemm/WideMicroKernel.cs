using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// The micro-kernel for machines with 32 vector registers (AVX-512): a 6 x (4 vectors) tile of C in 24 registers,
/// so each step of k issues 24 FMAs for 4 loads of B and 6 broadcasts of A (against 12 FMAs for 8 in the
/// narrow <see cref="MicroKernel{T,TVec,TOps}"/>), which keeps both FMA pipes of a Zen 4/5 core busy. With 16
/// registers (AVX2) the 24 accumulators would spill, so narrower vectors use the 6 x 2 kernel.
/// </summary>
internal static unsafe class WideMicroKernel<T, TVec, TOps>
    where T : unmanaged where TVec : struct where TOps : ISimdOps<T, TVec>
{
    public const int Rows = 6;

    public static int Columns => 4 * TOps.Width;

    /// <summary>
    /// How many steps of k before the end the tile of C is requested. C is 16 MiB at N = 2048 and each tile is
    /// read back once per block of depth from L3 or memory: loaded only at the end, its 24 lines cost a few hundred
    /// stalled cycles per call (sgemm 2048: 80 instead of 92 GFLOP per CPU-second). 32 steps are some 770
    /// cycles of FMAs, longer than a DRAM miss, and stream only 8 KiB of B through L1, so the lines are still there.
    /// </summary>
    private const int PrefetchSteps = 32;

    /// <summary>
    /// C[0..R, 0..Columns) (+)= A x Bp over <paramref name="kc"/> steps, R = <typeparamref name="TRows"/>' count.
    /// Row r of step k of A is <c>a[r * aRow + k * aStep]</c>: a packed panel (aRow 1, aStep 6) or rows of a
    /// row-major A read in place (aRow its row stride, aStep 1); rows past R are neither read nor written. Bp holds
    /// <see cref="Columns"/> per step. With <paramref name="accumulate"/> the tile is added to C, else it replaces C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TRows>(int kc, T* a, nint aRow, nint aStep, T* b, T* c, nint ldc, bool accumulate)
        where TRows : ITileRows
    {
        var c00 = TOps.Zero; var c01 = TOps.Zero; var c02 = TOps.Zero; var c03 = TOps.Zero;
        var c10 = TOps.Zero; var c11 = TOps.Zero; var c12 = TOps.Zero; var c13 = TOps.Zero;
        var c20 = TOps.Zero; var c21 = TOps.Zero; var c22 = TOps.Zero; var c23 = TOps.Zero;
        var c30 = TOps.Zero; var c31 = TOps.Zero; var c32 = TOps.Zero; var c33 = TOps.Zero;
        var c40 = TOps.Zero; var c41 = TOps.Zero; var c42 = TOps.Zero; var c43 = TOps.Zero;
        var c50 = TOps.Zero; var c51 = TOps.Zero; var c52 = TOps.Zero; var c53 = TOps.Zero;
        nint w = TOps.Width;
        nint r2 = 2 * aRow, r3 = 3 * aRow, r4 = 4 * aRow, r5 = 5 * aRow;
        var prefetchAt = Math.Max(0, kc - PrefetchSteps);
        for (var k = 0; k < kc; k++)
        {
            if (k == prefetchAt) PrefetchTile<TRows>(c, ldc);
            var b0 = TOps.Load(b);
            var b1 = TOps.Load(b + w);
            var b2 = TOps.Load(b + 2 * w);
            var b3 = TOps.Load(b + 3 * w);
            var a0 = TOps.Broadcast(a[0]);
            c00 = TOps.MultiplyAdd(a0, b0, c00); c01 = TOps.MultiplyAdd(a0, b1, c01);
            c02 = TOps.MultiplyAdd(a0, b2, c02); c03 = TOps.MultiplyAdd(a0, b3, c03);
            if (TRows.Count > 1)
            {
                var a1 = TOps.Broadcast(a[aRow]);
                c10 = TOps.MultiplyAdd(a1, b0, c10); c11 = TOps.MultiplyAdd(a1, b1, c11);
                c12 = TOps.MultiplyAdd(a1, b2, c12); c13 = TOps.MultiplyAdd(a1, b3, c13);
            }
            if (TRows.Count > 2)
            {
                var a2 = TOps.Broadcast(a[r2]);
                c20 = TOps.MultiplyAdd(a2, b0, c20); c21 = TOps.MultiplyAdd(a2, b1, c21);
                c22 = TOps.MultiplyAdd(a2, b2, c22); c23 = TOps.MultiplyAdd(a2, b3, c23);
            }
            if (TRows.Count > 3)
            {
                var a3 = TOps.Broadcast(a[r3]);
                c30 = TOps.MultiplyAdd(a3, b0, c30); c31 = TOps.MultiplyAdd(a3, b1, c31);
                c32 = TOps.MultiplyAdd(a3, b2, c32); c33 = TOps.MultiplyAdd(a3, b3, c33);
            }
            if (TRows.Count > 4)
            {
                var a4 = TOps.Broadcast(a[r4]);
                c40 = TOps.MultiplyAdd(a4, b0, c40); c41 = TOps.MultiplyAdd(a4, b1, c41);
                c42 = TOps.MultiplyAdd(a4, b2, c42); c43 = TOps.MultiplyAdd(a4, b3, c43);
            }
            if (TRows.Count > 5)
            {
                var a5 = TOps.Broadcast(a[r5]);
                c50 = TOps.MultiplyAdd(a5, b0, c50); c51 = TOps.MultiplyAdd(a5, b1, c51);
                c52 = TOps.MultiplyAdd(a5, b2, c52); c53 = TOps.MultiplyAdd(a5, b3, c53);
            }
            a += aStep;
            b += 4 * w;
        }
        StoreRow(c, w, c00, c01, c02, c03, accumulate);
        if (TRows.Count > 1) StoreRow(c + ldc, w, c10, c11, c12, c13, accumulate);
        if (TRows.Count > 2) StoreRow(c + 2 * ldc, w, c20, c21, c22, c23, accumulate);
        if (TRows.Count > 3) StoreRow(c + 3 * ldc, w, c30, c31, c32, c33, accumulate);
        if (TRows.Count > 4) StoreRow(c + 4 * ldc, w, c40, c41, c42, c43, accumulate);
        if (TRows.Count > 5) StoreRow(c + 5 * ldc, w, c50, c51, c52, c53, accumulate);
    }

    /// <summary>
    /// Requests the tile's rows, four 64-byte lines each (4 vectors of 64 bytes). Unrolled within a row and
    /// free of calls: a loop or a static field read here made the JIT spill all 24 accumulators around the k loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile<TRows>(T* c, nint ldc) where TRows : ITileRows
    {
        if (!Sse.IsSupported) return;
        for (var r = 0; r < TRows.Count; r++)
        {
            var row = (byte*)(c + r * ldc);
            Sse.Prefetch0(row);
            Sse.Prefetch0(row + 64);
            Sse.Prefetch0(row + 128);
            Sse.Prefetch0(row + 192);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* row, nint w, TVec v0, TVec v1, TVec v2, TVec v3, bool accumulate)
    {
        if (accumulate)
        {
            v0 = TOps.Add(v0, TOps.Load(row));
            v1 = TOps.Add(v1, TOps.Load(row + w));
            v2 = TOps.Add(v2, TOps.Load(row + 2 * w));
            v3 = TOps.Add(v3, TOps.Load(row + 3 * w));
        }
        TOps.Store(row, v0);
        TOps.Store(row + w, v1);
        TOps.Store(row + 2 * w, v2);
        TOps.Store(row + 3 * w, v3);
    }
}
