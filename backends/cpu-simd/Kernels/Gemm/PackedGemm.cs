using System.Numerics;
using System.Runtime.CompilerServices;
using JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// BLIS-style blocked GEMM: for each block of columns (NC) and of depth (KC), B is packed into panels of NR
/// columns, then each block of rows (MC) of A is packed into panels of 6 rows and the micro-kernel sweeps the
/// tiles, each B micro-panel (KC x NR) staying in L1 while the A block (MC x KC) streams from L2.
/// </summary>
/// <remarks>
/// Parallel products are split once, up front, into one contiguous slab of C per core (rows when there are
/// enough, else columns); each core packs its own panels and runs the whole blocked loop on its slab, so the
/// cores never wait for each other between blocks. Packing buffers are per thread and reused across calls (at
/// most KC x NC + MC x KC elements each), so a call allocates nothing and touches warm pages.
/// The fused epilogue <typeparamref name="TEpi"/> of <see cref="Run{TEpi}"/> is applied to each tile by
/// <see cref="TileSweep{T,TVec,TOps}"/> as soon as the micro-kernel has stored its last block of depth, while the
/// tile is in L1: C goes to memory once, finished, instead of being read back by a second pass.
/// A row-major A of one block of rows (M &lt;= MC, as a batch of 128) is not packed: the micro-kernel reads its six
/// rows in place (<see cref="ReadsAInPlace"/>). Edge tiles of fewer than six rows run a kernel of their row count
/// (<see cref="ITileRows"/>), so the 2-row tile that ends M = 128 costs a third of a whole one.
/// </remarks>
internal static unsafe class PackedGemm<T, TVec, TOps>
    where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>
{
    private const int MR = MicroKernel<T, TVec, TOps>.Rows;

    /// <summary>With 64-byte vectors the CPU has 32 vector registers (AVX-512): use the 6 x 4-vector kernel.</summary>
    private static readonly bool Wide = Unsafe.SizeOf<TVec>() == 64;

    private static readonly int NR = Wide ? WideMicroKernel<T, TVec, TOps>.Columns : MicroKernel<T, TVec, TOps>.Columns;

    /// <summary>The panel width of products wider than two vectors: a product whose N is not a multiple of it
    /// computes its last panel in full.</summary>
    public static int PanelColumns => NR;

    /// <summary>The panel width of products at most two vectors wide (a batch of 64 x 32 x 32 DFT pieces): the
    /// 6 x 2-vector kernel, where the wide one would compute as many zero columns as real ones.</summary>
    private static readonly int NarrowNR = MicroKernel<T, TVec, TOps>.Columns;

    /// <summary>KC, MC and NC for this element size and panel width, from the caches read at startup.</summary>
    private static readonly GemmBlocking Blocks = GemmBlocking.For(CacheSizes.Current, sizeof(T), MR, NR);

    private static readonly int KC = Blocks.KC;

    private static readonly int MC = Blocks.MC;

    private static readonly int NC = Blocks.NC;

    [ThreadStatic] private static nint packA;
    [ThreadStatic] private static long packABytes;
    [ThreadStatic] private static nint packB;
    [ThreadStatic] private static long packBBytes;

    public static void Run<TEpi>(in GemmArgs g, bool allowParallel) where TEpi : ITileExpression
    {
        if (g.M == 0 || g.N == 0) return;
        if (g.K == 0)
        {
            for (var i = 0; i < g.M; i++) new Span<T>((T*)g.C + i * g.Ldc, g.N).Clear();
            TileSweep<T, TVec, TOps>.Apply<TEpi>((T*)g.C, g.Ldc, g.M, g.N, (TileOperands*)g.Epilogue, g.Row0, g.Col0, g.Col0 + g.N);
            return;
        }
        var threads = allowParallel && g.Flops >= GemmRunner.ParallelThreshold ? Environment.ProcessorCount : 1;
        if (g.N <= TOps.Width && NR > TOps.Width && g.BSource is null)
        {
            // A logits-sized product (N = 10 against 64-column panels) would waste most of each micro-kernel call.
            NarrowGemm<T, TVec, TOps>.Run<TEpi>(g, threads);
            return;
        }
        if (threads == 1)
        {
            Serial<TEpi>(g, PanelWidth(g));
            return;
        }
        // Each core packs all of the operand that is not split: split the longer side, so the shorter one is
        // packed twice (128 x 784 x 512 split by columns: 270 us, by rows: 280-325 us). Rows also when there are
        // too few column panels to give every core two.
        var byRows = g.M >= g.N || g.N < threads * 2 * NR;
        var units = byRows ? (g.M + MR - 1) / MR : (g.N + NR - 1) / NR;
        threads = Math.Min(threads, units);
        var args = g;
        CpuParallel.For(threads, t =>
        {
            var slab = Slab(args, byRows, units, t, threads);
            Serial<TEpi>(slab, PanelWidth(slab));
        });
    }

    /// <summary>The part of the product that thread <paramref name="t"/> of <paramref name="threads"/> computes.</summary>
    private static GemmArgs Slab(in GemmArgs g, bool byRows, int units, int t, int threads)
    {
        var unit = byRows ? MR : NR;
        var extent = byRows ? g.M : g.N;
        var first = Math.Min(extent, (int)((long)units * t / threads) * unit);
        var last = Math.Min(extent, (int)((long)units * (t + 1) / threads) * unit);
        return byRows
            ? g with { M = last - first, A = g.A + first * g.ARow * sizeof(T), C = g.C + first * g.Ldc * sizeof(T), Row0 = g.Row0 + first }
            : g with { N = last - first, B = g.B + first * g.BCol * sizeof(T), C = g.C + first * sizeof(T), Col0 = g.Col0 + first };
    }

    private static int PanelWidth(in GemmArgs g) => Wide && g.N <= NarrowNR ? NarrowNR : NR;

    /// <summary>The whole blocked loop on the calling thread, B in panels of <paramref name="nr"/> columns.</summary>
    private static void Serial<TEpi>(in GemmArgs g, int nr) where TEpi : ITileExpression
    {
        if (g.M == 0 || g.N == 0) return;
        var kcMax = Math.Min(KC, g.K);
        var bPack = Scratch(ref packB, ref packBBytes, (long)kcMax * RoundUp(Math.Min(NC, g.N), nr));
        var inPlace = ReadsAInPlace(g);
        var aPack = inPlace ? null : Scratch(ref packA, ref packABytes, (long)kcMax * RoundUp(Math.Min(MC, g.M), MR));
        for (var jc = 0; jc < g.N; jc += NC)
        {
            var nc = Math.Min(NC, g.N - jc);
            for (var pc = 0; pc < g.K; pc += KC)
            {
                var kc = Math.Min(KC, g.K - pc);
                if (g.BSource is { } source) source.Pack((nint)bPack, pc, kc, g.Col0 + jc, nc, nr);
                else PackB((T*)g.B + pc * g.BRow + jc * g.BCol, g.BRow, g.BCol, kc, nc, bPack, nr);
                for (var ic = 0; ic < g.M; ic += MC)
                {
                    var mc = Math.Min(MC, g.M - ic);
                    var a = (T*)g.A + ic * g.ARow + pc * g.ACol;
                    if (!inPlace) PackA(a, g.ARow, g.ACol, mc, kc, aPack);
                    var direct = inPlace ? a : null;
                    if (pc + kc < g.K) Block<NoEpilogue>(g, ic, mc, jc, nc, kc, bPack, aPack, direct, nr, accumulate: pc > 0);
                    else Block<TEpi>(g, ic, mc, jc, nc, kc, bPack, aPack, direct, nr, accumulate: pc > 0);
                }
            }
        }
    }

    /// <summary>
    /// Whether the micro-kernel reads A's rows where they are instead of a packed copy: when A is row-major (each
    /// row contiguous along k, six rows streaming through L1 as the packed panel would) and the product has one
    /// block of rows. Then A is read once per panel of B either way, and packing it (scalar moves, by each core of
    /// a column split) was 5-8 % of a 128 x 784 x 256 slab. Taller products keep the packed copy: their block is
    /// swept by many more panels, and a contiguous block cannot alias in the L2 as rows a power of two apart do.
    /// </summary>
    private static bool ReadsAInPlace(in GemmArgs g) => g.ACol == 1 && g.M <= MC;

    /// <summary>This thread's packing buffer of at least <paramref name="elements"/>, grown when too small.</summary>
    private static T* Scratch(ref nint block, ref long capacity, long elements) =>
        (T*)NativeBlock.Reuse(ref block, ref capacity, elements * sizeof(T));

    /// <summary>
    /// One packed block of A (mc x kc) against the packed block of B (kc x nc), then <typeparamref name="TEpi"/>
    /// (<see cref="NoEpilogue"/> for every block of depth but the last).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<TEpi>(in GemmArgs g, int ic, int mc, int jc, int nc, int kc, T* bPack, T* aPack, T* aDirect, int nr, bool accumulate)
        where TEpi : ITileExpression
    {
        var ops = (TileOperands*)g.Epilogue;
        var limit = (nint)g.Col0 + g.N;
        var edge = stackalloc T[MR * nr];
        for (var jp = 0; jp * nr < nc; jp++)
        {
            var cols = Math.Min(nr, nc - jp * nr);
            var bPanel = bPack + (long)jp * kc * nr;
            for (var ip = 0; ip * MR < mc; ip++)
            {
                var rows = Math.Min(MR, mc - ip * MR);
                var aPanel = aPack + (long)ip * kc * MR;
                nint aRow = 1, aStep = MR;
                if (aDirect != null)
                {
                    aPanel = aDirect + ip * MR * g.ARow;
                    aRow = g.ARow;
                    aStep = 1;
                }
                var c = (T*)g.C + (ic + ip * MR) * g.Ldc + jc + jp * nr;
                nint row = g.Row0 + ic + ip * MR, col = g.Col0 + jc + jp * nr;
                if (cols == nr)
                {
                    // The whole tile's kernel inlined here; the switch over edge row counts is a call of its own.
                    if (rows == MR) Kernel<SixRows>(kc, aPanel, aRow, aStep, bPanel, c, g.Ldc, nr, accumulate);
                    else Kernel(rows, kc, aPanel, aRow, aStep, bPanel, c, g.Ldc, nr, accumulate);
                    TileSweep<T, TVec, TOps>.Apply<TEpi>(c, g.Ldc, rows, nr, ops, row, col, limit);
                    continue;
                }
                Kernel(rows, kc, aPanel, aRow, aStep, bPanel, edge, nr, nr, accumulate: false);
                for (var r = 0; r < rows; r++) StoreEdgeRow(c + r * g.Ldc, edge + r * nr, cols, accumulate);
                TileSweep<T, TVec, TOps>.Apply<TEpi>(c, g.Ldc, rows, cols, ops, row, col, limit);
            }
        }
    }

    /// <summary>One row of an edge tile into C, whole vectors first: a product with N = 32 against the 64-column
    /// panels is all edge tiles, and copying them element by element took as long as computing them.</summary>
    private static void StoreEdgeRow(T* c, T* edge, int cols, bool accumulate)
    {
        var j = 0;
        for (; j + Vector<T>.Count <= cols; j += Vector<T>.Count)
        {
            var v = Vector.Load(edge + j);
            (accumulate ? v + Vector.Load(c + j) : v).Store(c + j);
        }
        for (; j < cols; j++) c[j] = accumulate ? c[j] + edge[j] : edge[j];
    }

    /// <summary>The micro-kernel for a tile of <paramref name="rows"/> rows: an edge tile costs its rows, not six.</summary>
    private static void Kernel(int rows, int kc, T* a, nint aRow, nint aStep, T* b, T* c, nint ldc, int nr, bool accumulate)
    {
        switch (rows)
        {
            case 6: Kernel<SixRows>(kc, a, aRow, aStep, b, c, ldc, nr, accumulate); break;
            case 5: Kernel<FiveRows>(kc, a, aRow, aStep, b, c, ldc, nr, accumulate); break;
            case 4: Kernel<FourRows>(kc, a, aRow, aStep, b, c, ldc, nr, accumulate); break;
            case 3: Kernel<ThreeRows>(kc, a, aRow, aStep, b, c, ldc, nr, accumulate); break;
            case 2: Kernel<TwoRows>(kc, a, aRow, aStep, b, c, ldc, nr, accumulate); break;
            default: Kernel<OneRow>(kc, a, aRow, aStep, b, c, ldc, nr, accumulate); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel<TRows>(int kc, T* a, nint aRow, nint aStep, T* b, T* c, nint ldc, int nr, bool accumulate)
        where TRows : ITileRows
    {
        if (Wide && nr == NR) WideMicroKernel<T, TVec, TOps>.Run<TRows>(kc, a, aRow, aStep, b, c, ldc, accumulate);
        else MicroKernel<T, TVec, TOps>.Run<TRows>(kc, a, aRow, aStep, b, c, ldc, accumulate);
    }

    /// <summary>Packs kc x nc of B into panels of <paramref name="nr"/> columns, k-major inside a panel, zero-padding the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(T* b, nint bRow, nint bCol, int kc, int nc, T* pack, int nr)
    {
        if (bRow == 1 && bCol != 1)
        {
            PackBTransposed(b, bCol, kc, nc, pack, nr);
            return;
        }
        for (var j0 = 0; j0 < nc; j0 += nr)
        {
            var cols = Math.Min(nr, nc - j0);
            for (var k = 0; k < kc; k++)
            {
                var src = b + k * bRow + j0 * bCol;
                var dst = pack + (long)j0 * kc + (long)k * nr;
                if (bCol == 1 && cols == nr)
                {
                    // A whole panel row: a few vector moves (a MemoryCopy call cost more than the copy).
                    for (var j = 0; j < nr; j += TOps.Width) TOps.Store(dst + j, TOps.Load(src + j));
                    continue;
                }
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

    /// <summary>
    /// PackB for a B whose columns are contiguous along k (a transposed operand, such as W^T in a backward pass):
    /// each source column is read once, contiguously, and written down its panel with stride NR (the panel is in
    /// L1), instead of gathering NR elements a column stride apart for every k; with AVX, eight columns at a time
    /// through register transposes (<see cref="TransposePack"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackBTransposed(T* b, nint bCol, int kc, int nc, T* pack, int nr)
    {
        for (var j0 = 0; j0 < nc; j0 += nr)
        {
            var cols = Math.Min(nr, nc - j0);
            var panel = pack + (long)j0 * kc;
            var done = 0;
            if (TransposePack.Supported && typeof(T) == typeof(float))
                done = TransposePack.Float((float*)(b + j0 * bCol), bCol, kc, cols, (float*)panel, nr);
            else if (TransposePack.Supported && typeof(T) == typeof(double))
                done = TransposePack.Double((double*)(b + j0 * bCol), bCol, kc, cols, (double*)panel, nr);
            for (var j = done; j < cols; j++)
            {
                var src = b + (j0 + j) * bCol;
                for (var k = 0; k < kc; k++) panel[(long)k * nr + j] = src[k];
            }
            for (var j = cols; j < nr; j++)
                for (var k = 0; k < kc; k++) panel[(long)k * nr + j] = T.Zero;
        }
    }

    /// <summary>Packs mc x kc of A into panels of 6 rows, k-major inside a panel, zero-padding the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(T* a, nint aRow, nint aCol, int mc, int kc, T* pack)
    {
        if (aRow == 1 && aCol != 1)
        {
            PackATransposed(a, aCol, mc, kc, pack);
            return;
        }
        for (var i0 = 0; i0 < mc; i0 += MR)
        {
            var rows = Math.Min(MR, mc - i0);
            var panel = pack + (long)i0 * kc;
            if (rows == MR)
            {
                // Six source rows at once: one store stream, six read streams.
                T* r0 = a + i0 * aRow, r1 = r0 + aRow, r2 = r1 + aRow, r3 = r2 + aRow, r4 = r3 + aRow, r5 = r4 + aRow;
                for (var k = 0; k < kc; k++)
                {
                    var o = k * aCol;
                    var dst = panel + k * MR;
                    dst[0] = r0[o]; dst[1] = r1[o]; dst[2] = r2[o]; dst[3] = r3[o]; dst[4] = r4[o]; dst[5] = r5[o];
                }
                continue;
            }
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

    /// <summary>
    /// PackA for an A whose rows are contiguous along m (a transposed operand, such as X^T in a weight gradient):
    /// source row k is read once, contiguously, its elements going to every panel at depth k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackATransposed(T* a, nint aCol, int mc, int kc, T* pack)
    {
        var full = mc / MR * MR;
        for (var k = 0; k < kc; k++)
        {
            var src = a + k * aCol;
            var dst = pack + k * MR;
            for (var i = 0; i < full; i += MR, dst += (long)kc * MR)
            {
                dst[0] = src[i]; dst[1] = src[i + 1]; dst[2] = src[i + 2]; dst[3] = src[i + 3]; dst[4] = src[i + 4]; dst[5] = src[i + 5];
            }
            if (full == mc) continue;
            for (var r = 0; r < MR; r++) dst[r] = full + r < mc ? src[full + r] : T.Zero;
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
