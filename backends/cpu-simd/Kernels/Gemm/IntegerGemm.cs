using System.Numerics;
using System.Runtime.CompilerServices;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// Integer matrix products (wrapping arithmetic): row-by-row axpy form, C[i,:] += A[i,p] * B[p,:], vectorised with
/// <see cref="Vector{T}"/> when B's rows are contiguous; rows are spread over the cores when large.
/// </summary>
internal static unsafe class IntegerGemm<T> where T : unmanaged, INumber<T>
{
    public static void Run(in GemmArgs g, bool allowParallel)
    {
        if (g.M == 0 || g.N == 0) return;
        var args = g;
        if (allowParallel && g.Flops >= GemmRunner.ParallelThreshold && g.M > 1)
            CpuParallel.For(g.M, i => Row(args, i));
        else
            for (var i = 0; i < g.M; i++) Row(args, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row(in GemmArgs g, int i)
    {
        var c = (T*)g.C + i * g.Ldc;
        new Span<T>(c, g.N).Clear();
        var a = (T*)g.A + i * g.ARow;
        var width = Vector<T>.Count;
        for (var p = 0; p < g.K; p++)
        {
            var x = a[p * g.ACol];
            if (x == T.Zero) continue;
            var b = (T*)g.B + p * g.BRow;
            var j = 0;
            if (g.BCol == 1 && Vector.IsHardwareAccelerated)
            {
                var xs = new Vector<T>(x);
                for (; j <= g.N - width; j += width)
                    Vector.Store(Vector.Load(c + j) + xs * Vector.Load(b + j), c + j);
            }
            for (; j < g.N; j++) c[j] += x * b[j * g.BCol];
        }
    }
}
