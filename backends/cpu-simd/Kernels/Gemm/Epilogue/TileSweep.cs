using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

/// <summary>
/// Applies an epilogue in place to a rows x cols block of C: a tile the micro-kernel has just stored (still in
/// L1), a ragged edge tile, or the zeros of a product with K = 0. A vector at a time, the last vector of a ragged
/// row through a small buffer. Loading the tile back from L1 costs a load and a store per vector against the
/// micro-kernel's kc FMAs per vector; evaluating the program inside the micro-kernel instead inlined it 24 times
/// and outgrew the JIT's inlining budget (the calls left behind ran at tier 0: the MLP step took 2.9 ms, not 1.9).
/// </summary>
internal static unsafe class TileSweep<T, TVec, TOps>
    where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<TEpi>(T* c, nint ldc, int rows, int cols, TileOperands* ops, nint row0, nint col0, nint limit)
        where TEpi : ITileExpression
    {
        if (typeof(TEpi) == typeof(NoEpilogue)) return;
        var w = TOps.Width;
        var lanes = stackalloc T[w];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < cols; j += w)
            {
                var p = c + r * ldc + j;
                var count = Math.Min(w, cols - j);
                if (count == w)
                {
                    TOps.Store(p, TEpi.Evaluate<T, TVec, TOps>(TOps.Load(p), ops, row0 + r, col0 + j, limit));
                    continue;
                }
                for (var i = 0; i < w; i++) lanes[i] = i < count ? p[i] : T.Zero;
                TOps.Store(lanes, TEpi.Evaluate<T, TVec, TOps>(TOps.Load(lanes), ops, row0 + r, col0 + j, limit));
                for (var i = 0; i < count; i++) p[i] = lanes[i];
            }
        }
    }
}
