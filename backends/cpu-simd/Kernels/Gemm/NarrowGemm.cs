using System.Numerics;
using System.Runtime.CompilerServices;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// C = A B when B has at most one vector of columns (N &lt;= the vector's width), as in a classifier's logits and
/// their weight gradient: B is packed once into K rows of one zero-padded vector, and each row of C is
/// sum_k A[m,k] * B[k,:], four independent FMA chains over k. Measured at 128 x 512 x 10: 32 us against 54 us
/// through the packed kernel; still about half of what its loads allow (two per FMA), which is left for later. The packed micro-kernel would spend most of each
/// call on zero padding (N = 10 against 64-column panels ran at 10-25 GFLOP/s).
/// </summary>
internal static unsafe class NarrowGemm<T, TVec, TOps>
    where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>
{
    public static void Run(in GemmArgs g, int threads)
    {
        var width = TOps.Width;
        var packed = (T*)NativeBlock.Allocate((long)g.K * width * sizeof(T));
        try
        {
            for (var k = 0; k < g.K; k++)
            {
                var row = packed + (long)k * width;
                for (var j = 0; j < width; j++) row[j] = j < g.N ? ((T*)g.B)[k * g.BRow + j * g.BCol] : T.Zero;
            }
            threads = Math.Min(threads, Math.Max(1, g.M / 16));
            if (threads == 1)
            {
                Rows(g, packed, 0, g.M);
                return;
            }
            var args = g;
            var b = (nint)packed;
            Parallel.For(0, threads, CpuParallel.Options,
                t => Rows(args, (T*)b, (int)((long)args.M * t / threads), (int)((long)args.M * (t + 1) / threads)));
        }
        finally
        {
            NativeBlock.Free((nint)packed);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows(in GemmArgs g, T* b, int first, int last)
    {
        var width = TOps.Width;
        var tail = stackalloc T[width];
        for (var m = first; m < last; m++)
        {
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
            var sum = TOps.Add(TOps.Add(acc0, acc1), TOps.Add(acc2, acc3));
            var c = (T*)g.C + m * g.Ldc;
            if (g.N == width)
            {
                TOps.Store(c, sum);
                continue;
            }
            TOps.Store(tail, sum);
            for (var j = 0; j < g.N; j++) c[j] = tail[j];
        }
    }
}
