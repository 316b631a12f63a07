using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// The register-tiled GEMM micro-kernel: a 6 x (2 vectors) tile of C kept in 12 vector registers, updated with one
/// FMA per register per step of k from packed panels of A (6 values per k) and B (2 vectors per k).
/// </summary>
internal static unsafe class MicroKernel<T, TVec, TOps>
    where T : unmanaged where TVec : struct where TOps : ISimdOps<T, TVec>
{
    public const int Rows = 6;

    public static int Columns => 2 * TOps.Width;

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
        var c00 = TOps.Zero; var c01 = TOps.Zero;
        var c10 = TOps.Zero; var c11 = TOps.Zero;
        var c20 = TOps.Zero; var c21 = TOps.Zero;
        var c30 = TOps.Zero; var c31 = TOps.Zero;
        var c40 = TOps.Zero; var c41 = TOps.Zero;
        var c50 = TOps.Zero; var c51 = TOps.Zero;
        nint w = TOps.Width;
        nint r2 = 2 * aRow, r3 = 3 * aRow, r4 = 4 * aRow, r5 = 5 * aRow;
        for (var k = 0; k < kc; k++)
        {
            var b0 = TOps.Load(b);
            var b1 = TOps.Load(b + w);
            var a0 = TOps.Broadcast(a[0]);
            c00 = TOps.MultiplyAdd(a0, b0, c00); c01 = TOps.MultiplyAdd(a0, b1, c01);
            if (TRows.Count > 1)
            {
                var a1 = TOps.Broadcast(a[aRow]);
                c10 = TOps.MultiplyAdd(a1, b0, c10); c11 = TOps.MultiplyAdd(a1, b1, c11);
            }
            if (TRows.Count > 2)
            {
                var a2 = TOps.Broadcast(a[r2]);
                c20 = TOps.MultiplyAdd(a2, b0, c20); c21 = TOps.MultiplyAdd(a2, b1, c21);
            }
            if (TRows.Count > 3)
            {
                var a3 = TOps.Broadcast(a[r3]);
                c30 = TOps.MultiplyAdd(a3, b0, c30); c31 = TOps.MultiplyAdd(a3, b1, c31);
            }
            if (TRows.Count > 4)
            {
                var a4 = TOps.Broadcast(a[r4]);
                c40 = TOps.MultiplyAdd(a4, b0, c40); c41 = TOps.MultiplyAdd(a4, b1, c41);
            }
            if (TRows.Count > 5)
            {
                var a5 = TOps.Broadcast(a[r5]);
                c50 = TOps.MultiplyAdd(a5, b0, c50); c51 = TOps.MultiplyAdd(a5, b1, c51);
            }
            a += aStep;
            b += 2 * w;
        }
        StoreRow(c, w, c00, c01, accumulate);
        if (TRows.Count > 1) StoreRow(c + ldc, w, c10, c11, accumulate);
        if (TRows.Count > 2) StoreRow(c + 2 * ldc, w, c20, c21, accumulate);
        if (TRows.Count > 3) StoreRow(c + 3 * ldc, w, c30, c31, accumulate);
        if (TRows.Count > 4) StoreRow(c + 4 * ldc, w, c40, c41, accumulate);
        if (TRows.Count > 5) StoreRow(c + 5 * ldc, w, c50, c51, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* row, nint w, TVec v0, TVec v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 = TOps.Add(v0, TOps.Load(row));
            v1 = TOps.Add(v1, TOps.Load(row + w));
        }
        TOps.Store(row, v0);
        TOps.Store(row + w, v1);
    }
}
