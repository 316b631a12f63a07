using System.Numerics;
using System.Runtime.CompilerServices;
using JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// C = A B when B has at most one vector of columns (N &lt;= the vector's width), as in a classifier's logits and
/// their weight gradient: B is packed once into K rows of one zero-padded vector, and each row of C is
/// sum_k A[m,k] * B[k,:], eight rows at a time so that each load of B serves eight FMAs. The packed
/// micro-kernel would spend most of each call on zero padding (N = 10 against 64-column panels ran at 10-25
/// GFLOP/s). Each row's vector of results
/// goes through the fused epilogue before its store. The packed B lives in a per-thread buffer reused across calls.
/// </summary>
internal static unsafe class NarrowGemm<T, TVec, TOps>
    where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>
{
    [ThreadStatic] private static nint pack;
    [ThreadStatic] private static long packBytes;

    public static void Run<TEpi>(in GemmArgs g, int threads) where TEpi : ITileExpression
    {
        var width = TOps.Width;
        var packed = (T*)NativeBlock.Reuse(ref pack, ref packBytes, (long)g.K * width * sizeof(T));
        PackB(g, packed);
        threads = Math.Min(threads, Math.Max(1, g.M / 16));
        if (threads == 1)
        {
            Rows<TEpi>(g, packed, 0, g.M);
            return;
        }
        // The workers read this thread's buffer; it is not reused before the loop returns.
        var args = g;
        var b = (nint)packed;
        CpuParallel.For(threads,
            t => Rows<TEpi>(args, (T*)b, (int)((long)args.M * t / threads), (int)((long)args.M * (t + 1) / threads)));
    }

    /// <summary>B as K rows of one vector each, zero past column N.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(in GemmArgs g, T* packed)
    {
        var width = TOps.Width;
        var b = (T*)g.B;
        for (var k = 0; k < g.K; k++)
        {
            var row = packed + (long)k * width;
            var source = b + k * g.BRow;
            if (g.BCol == 1)
            {
                Buffer.MemoryCopy(source, row, width * sizeof(T), g.N * sizeof(T));
            }
            else
            {
                for (var j = 0; j < g.N; j++) row[j] = source[j * g.BCol];
            }
            for (var j = g.N; j < width; j++) row[j] = T.Zero;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TEpi>(in GemmArgs g, T* b, int first, int last) where TEpi : ITileExpression
    {
        var width = TOps.Width;
        var tail = stackalloc T[width];
        var rows = stackalloc T[8 * width];
        var m = first;
        for (; m + 8 <= last; m += 8) EightRows<TEpi>(g, b, m, rows, tail);
        for (; m < last; m++) OneRow<TEpi>(g, b, m, tail);
    }

    /// <summary>
    /// Rows m..m+7: each B row loaded once serves eight FMAs (against one per load when rows run one at a time),
    /// and a transposed A (rows contiguous along m, as h^T in a weight gradient) is read eight adjacent values per k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EightRows<TEpi>(in GemmArgs g, T* b, int m, T* rows, T* tail) where TEpi : ITileExpression
    {
        nint width = TOps.Width;
        nint ar = g.ARow, ac = g.ACol;
        var depth = g.K;
        var a = (T*)g.A + m * ar;
        TVec c0 = TOps.Zero, c1 = TOps.Zero, c2 = TOps.Zero, c3 = TOps.Zero;
        TVec c4 = TOps.Zero, c5 = TOps.Zero, c6 = TOps.Zero, c7 = TOps.Zero;
        for (var k = 0; k < depth; k++)
        {
            var bk = TOps.Load(b);
            c0 = TOps.MultiplyAdd(TOps.Broadcast(a[0]), bk, c0);
            c1 = TOps.MultiplyAdd(TOps.Broadcast(a[ar]), bk, c1);
            c2 = TOps.MultiplyAdd(TOps.Broadcast(a[2 * ar]), bk, c2);
            c3 = TOps.MultiplyAdd(TOps.Broadcast(a[3 * ar]), bk, c3);
            c4 = TOps.MultiplyAdd(TOps.Broadcast(a[4 * ar]), bk, c4);
            c5 = TOps.MultiplyAdd(TOps.Broadcast(a[5 * ar]), bk, c5);
            c6 = TOps.MultiplyAdd(TOps.Broadcast(a[6 * ar]), bk, c6);
            c7 = TOps.MultiplyAdd(TOps.Broadcast(a[7 * ar]), bk, c7);
            a += ac;
            b += width;
        }
        // Stored before the epilogue, whose calls (a ragged operand's load) would clobber the accumulators' registers.
        TOps.Store(rows, c0);
        TOps.Store(rows + width, c1);
        TOps.Store(rows + 2 * width, c2);
        TOps.Store(rows + 3 * width, c3);
        TOps.Store(rows + 4 * width, c4);
        TOps.Store(rows + 5 * width, c5);
        TOps.Store(rows + 6 * width, c6);
        TOps.Store(rows + 7 * width, c7);
        for (var r = 0; r < 8; r++) Finish<TEpi>(g, m + r, TOps.Load(rows + r * width), tail);
    }

    /// <summary>One row: four independent FMA chains over k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRow<TEpi>(in GemmArgs g, T* b, int m, T* tail) where TEpi : ITileExpression
    {
        var width = TOps.Width;
        var a = (T*)g.A + m * g.ARow;
        TVec acc0 = TOps.Zero, acc1 = TOps.Zero, acc2 = TOps.Zero, acc3 = TOps.Zero;
        var k = 0;
        for (; k + 4 <= g.K; k += 4)
        {
            acc0 = TOps.MultiplyAdd(TOps.Broadcast(a[k * g.ACol]), TOps.Load(b + (long)k * width), acc0);
            acc1 = TOps.MultiplyAdd(TOps.Broadcast(a[(k + 1) * g.ACol]), TOps.Load(b + (long)(k + 1) * width), acc1);
            acc2 = TOps.MultiplyAdd(TOps.Broadcast(a[(k + 2) * g.ACol]), TOps.Load(b + (long)(k + 2) * width), acc2);
            acc3 = TOps.MultiplyAdd(TOps.Broadcast(a[(k + 3) * g.ACol]), TOps.Load(b + (long)(k + 3) * width), acc3);
        }
        for (; k < g.K; k++)
            acc0 = TOps.MultiplyAdd(TOps.Broadcast(a[k * g.ACol]), TOps.Load(b + (long)k * width), acc0);
        Finish<TEpi>(g, m, TOps.Add(TOps.Add(acc0, acc1), TOps.Add(acc2, acc3)), tail);
    }

    /// <summary>Row m's vector of results through the epilogue (in its register) to C; a ragged row through <paramref name="tail"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TEpi>(in GemmArgs g, int m, TVec sum, T* tail) where TEpi : ITileExpression
    {
        sum = TEpi.Evaluate<T, TVec, TOps>(sum, (TileOperands*)g.Epilogue, g.Row0 + m, g.Col0, (nint)g.Col0 + g.N);
        var c = (T*)g.C + m * g.Ldc;
        if (g.N == TOps.Width)
        {
            TOps.Store(c, sum);
            return;
        }
        TOps.Store(tail, sum);
        for (var j = 0; j < g.N; j++) c[j] = tail[j];
    }
}
