using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

/// <summary>
/// Applies an epilogue in place to a rows x cols block of C: a tile the micro-kernel has just stored (still in
/// L1), a ragged edge tile, or the zeros of a product with K = 0. A vector at a time; the last vector of a ragged
/// row through a small buffer, in a method of its own. Loading the tile back from L1 costs a load and a store per
/// vector against the micro-kernel's kc FMAs per vector; evaluating the program inside the micro-kernel instead
/// inlined it 24 times and outgrew the JIT's inlining budget (the calls left behind ran at tier 0: the MLP step
/// took 2.9 ms, not 1.9).
/// </summary>
/// <remarks>
/// The whole vectors are a loop with nothing else in it: with the ragged tail's stack buffer in the same loop the
/// JIT kept the vectors of every iteration in stack slots (an epilogue then cost about 25 cycles a vector).
/// </remarks>
internal static unsafe class TileSweep<T, TVec, TOps>
    where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<TEpi>(T* c, nint ldc, int rows, int cols, TileOperands* ops, nint row0, nint col0, nint limit)
        where TEpi : ITileExpression
    {
        if (typeof(TEpi) == typeof(NoEpilogue)) return;
        var w = TOps.Width;
        var whole = cols / w * w;
        for (var r = 0; r < rows; r++)
        {
            var p = c + r * ldc;
            for (var j = 0; j < whole; j += w)
                TOps.Store(p + j, TEpi.Evaluate<T, TVec, TOps>(TOps.Load(p + j), ops, row0 + r, col0 + j, limit));
        }
        if (whole < cols) Ragged<TEpi>(c + whole, ldc, rows, cols - whole, ops, row0, col0 + whole, limit);
    }

    /// <summary>The last <paramref name="count"/> (fewer than a vector) columns of each row.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Ragged<TEpi>(T* c, nint ldc, int rows, int count, TileOperands* ops, nint row0, nint col, nint limit)
        where TEpi : ITileExpression
    {
        var lanes = stackalloc T[TOps.Width];
        for (var r = 0; r < rows; r++)
        {
            var p = c + r * ldc;
            for (var i = 0; i < TOps.Width; i++) lanes[i] = i < count ? p[i] : T.Zero;
            TOps.Store(lanes, TEpi.Evaluate<T, TVec, TOps>(TOps.Load(lanes), ops, row0 + r, col, limit));
            for (var i = 0; i < count; i++) p[i] = lanes[i];
        }
    }
}
