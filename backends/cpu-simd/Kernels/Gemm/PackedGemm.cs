using System.Numerics;
using System.Runtime.CompilerServices;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// BLIS-style blocked GEMM: for each block of columns (NC) and of depth (KC), B is packed into panels of
/// <see cref="MicroKernel{T,TVec,TOps}.Columns"/> columns, then each block of rows (MC) of A is packed into panels
/// of 6 rows and the micro-kernel sweeps the tiles. Blocks of rows (and, when there are few, column ranges) are
/// spread over the cores.
/// </summary>
internal static unsafe class PackedGemm<T, TVec, TOps>
    where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>
{
    private const int MR = MicroKernel<T, TVec, TOps>.Rows;

    // KC x NR x sizeof(T) of a B micro-panel stays within L1; an MC x KC block of A within L2.
    private static int KC => sizeof(T) == 4 ? 256 : 192;

    private const int MC = 96;

    private const int NC = 2048;

    public static void Run(in GemmArgs g, bool allowParallel)
    {
        if (g.M == 0 || g.N == 0) return;
        if (g.K == 0)
        {
            for (var i = 0; i < g.M; i++) new Span<T>((T*)g.C + i * g.Ldc, g.N).Clear();
            return;
        }
        var nr = MicroKernel<T, TVec, TOps>.Columns;
        var kcMax = Math.Min(KC, g.K);
        var ncMax = Math.Min(NC, g.N);
        var bPack = NativeBlock.Allocate((long)kcMax * RoundUp(ncMax, nr) * sizeof(T));
        var parallel = allowParallel && Environment.ProcessorCount > 1 && g.Flops >= GemmRunner.ParallelThreshold;
        try
        {
            for (var jc = 0; jc < g.N; jc += NC)
            {
                var nc = Math.Min(NC, g.N - jc);
                for (var pc = 0; pc < g.K; pc += KC)
                {
                    var kc = Math.Min(KC, g.K - pc);
                    PackB((T*)g.B + pc * g.BRow + jc * g.BCol, g.BRow, g.BCol, kc, nc, nr, (T*)bPack);
                    SweepRows(g, jc, nc, pc, kc, nr, (T*)bPack, parallel);
                }
            }
        }
        finally
        {
            NativeBlock.Free(bPack);
        }
    }

    private static void SweepRows(GemmArgs g, int jc, int nc, int pc, int kc, int nr, T* bPack, bool parallel)
    {
        var mBlocks = (g.M + MC - 1) / MC;
        var nPanels = (nc + nr - 1) / nr;
        var splits = parallel ? Math.Clamp((2 * Environment.ProcessorCount + mBlocks - 1) / mBlocks, 1, nPanels) : 1;
        var items = mBlocks * splits;
        var aBytes = (long)MC * kc * sizeof(T);
        var bAddress = (nint)bPack;
        if (!parallel || items == 1)
        {
            var aPack = NativeBlock.Allocate(aBytes);
            try
            {
                for (var item = 0; item < items; item++) Block(g, jc, nc, pc, kc, nr, (T*)bAddress, (T*)aPack, item / splits, item % splits, splits);
            }
            finally
            {
                NativeBlock.Free(aPack);
            }
            return;
        }
        Parallel.For(0, items, () => NativeBlock.Allocate(aBytes), (item, _, aPack) =>
        {
            Block(g, jc, nc, pc, kc, nr, (T*)bAddress, (T*)aPack, item / splits, item % splits, splits);
            return aPack;
        }, NativeBlock.Free);
    }

    /// <summary>One block of rows of C against one range of B's panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(in GemmArgs g, int jc, int nc, int pc, int kc, int nr, T* bPack, T* aPack,
        int mBlock, int split, int splits)
    {
        var ic = mBlock * MC;
        var mc = Math.Min(MC, g.M - ic);
        PackA((T*)g.A + ic * g.ARow + pc * g.ACol, g.ARow, g.ACol, mc, kc, aPack);
        var nPanels = (nc + nr - 1) / nr;
        var first = (int)((long)nPanels * split / splits);
        var last = (int)((long)nPanels * (split + 1) / splits);
        var accumulate = pc > 0;
        var edge = stackalloc T[MR * nr];
        for (var jp = first; jp < last; jp++)
        {
            var cols = Math.Min(nr, nc - jp * nr);
            var bPanel = bPack + (long)jp * kc * nr;
            for (var ip = 0; ip * MR < mc; ip++)
            {
                var rows = Math.Min(MR, mc - ip * MR);
                var aPanel = aPack + (long)ip * kc * MR;
                var c = (T*)g.C + (ic + ip * MR) * g.Ldc + jc + jp * nr;
                if (rows == MR && cols == nr)
                {
                    MicroKernel<T, TVec, TOps>.Run(kc, aPanel, bPanel, c, g.Ldc, accumulate);
                    continue;
                }
                MicroKernel<T, TVec, TOps>.Run(kc, aPanel, bPanel, edge, nr, accumulate: false);
                for (var r = 0; r < rows; r++)
                for (var j = 0; j < cols; j++)
                    c[r * g.Ldc + j] = accumulate ? c[r * g.Ldc + j] + edge[r * nr + j] : edge[r * nr + j];
            }
        }
    }

    /// <summary>Packs kc x nc of B into panels of nr columns, k-major inside a panel, zero-padding the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(T* b, nint bRow, nint bCol, int kc, int nc, int nr, T* pack)
    {
        for (var j0 = 0; j0 < nc; j0 += nr)
        {
            var cols = Math.Min(nr, nc - j0);
            for (var k = 0; k < kc; k++)
            {
                var src = b + k * bRow + j0 * bCol;
                var dst = pack + (long)j0 * kc + (long)k * nr;
                if (bCol == 1)
                {
                    Buffer.MemoryCopy(src, dst, (long)cols * sizeof(T), (long)cols * sizeof(T));
                }
                else
                {
                    for (var j = 0; j < cols; j++) dst[j] = src[j * bCol];
                }
                for (var j = cols; j < nr; j++) dst[j] = T.Zero;
            }
        }
    }

    /// <summary>Packs mc x kc of A into panels of 6 rows, k-major inside a panel, zero-padding the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(T* a, nint aRow, nint aCol, int mc, int kc, T* pack)
    {
        for (var i0 = 0; i0 < mc; i0 += MR)
        {
            var rows = Math.Min(MR, mc - i0);
            var panel = pack + (long)i0 * kc;
            for (var r = 0; r < MR; r++)
            {
                if (r >= rows)
                {
                    for (var k = 0; k < kc; k++) panel[k * MR + r] = T.Zero;
                    continue;
                }
                var src = a + (i0 + r) * aRow;
                for (var k = 0; k < kc; k++) panel[k * MR + r] = src[k * aCol];
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
