using System.Numerics;
using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

/// <summary>
/// An inlined epilogue applied to a finished block of C outside the GEMM, with the vectors the GEMM would use:
/// for a caller whose product computes into scratch and copies its result into place (a convolution whose
/// product spans several images), so the epilogue still runs while the block is in cache.
/// </summary>
internal static unsafe class TileSweepRunner
{
    /// <summary>
    /// Applies the epilogue to C's <paramref name="rows"/> x <paramref name="cols"/> block at <paramref name="c"/>
    /// (row stride <paramref name="ldc"/>), which is the block at row <paramref name="row0"/>, column 0 of the
    /// matrix that <paramref name="operands"/> (a <see cref="TileOperands"/>*) describes.
    /// </summary>
    public delegate void Sweep(nint c, nint ldc, int rows, int cols, nint operands, int row0);

    /// <summary>The sweep for compute type <paramref name="compute"/> and epilogue type <paramref name="expression"/>.</summary>
    public static Sweep For(Type compute, Type expression) =>
        typeof(TileSweepRunner).GetMethod(nameof(Apply))!.MakeGenericMethod(compute, expression).CreateDelegate<Sweep>();

    /// <summary>The floats' sweep in the widest vectors the CPU has, as <see cref="GemmRunner.Run{T, TEpi}"/> picks them.</summary>
    public static void Apply<T, TEpi>(nint c, nint ldc, int rows, int cols, nint operands, int row0)
        where T : unmanaged, INumber<T> where TEpi : ITileExpression
    {
        var ops = (TileOperands*)operands;
        if (typeof(T) == typeof(float))
        {
            if (CpuIsa.HasVector512) TileSweep<float, Vector512<float>, Float512>.Apply<TEpi>((float*)c, ldc, rows, cols, ops, row0, 0, cols);
            else if (CpuIsa.HasVector256) TileSweep<float, Vector256<float>, Float256>.Apply<TEpi>((float*)c, ldc, rows, cols, ops, row0, 0, cols);
            else if (Vector128.IsHardwareAccelerated) TileSweep<float, Vector128<float>, Vector128Ops<float>>.Apply<TEpi>((float*)c, ldc, rows, cols, ops, row0, 0, cols);
            else TileSweep<float, float, ScalarOps<float>>.Apply<TEpi>((float*)c, ldc, rows, cols, ops, row0, 0, cols);
        }
        else if (typeof(T) == typeof(double))
        {
            if (CpuIsa.HasVector512) TileSweep<double, Vector512<double>, Double512>.Apply<TEpi>((double*)c, ldc, rows, cols, ops, row0, 0, cols);
            else if (CpuIsa.HasVector256) TileSweep<double, Vector256<double>, Double256>.Apply<TEpi>((double*)c, ldc, rows, cols, ops, row0, 0, cols);
            else if (Vector128.IsHardwareAccelerated) TileSweep<double, Vector128<double>, Vector128Ops<double>>.Apply<TEpi>((double*)c, ldc, rows, cols, ops, row0, 0, cols);
            else TileSweep<double, double, ScalarOps<double>>.Apply<TEpi>((double*)c, ldc, rows, cols, ops, row0, 0, cols);
        }
        else if (typeof(TEpi) != typeof(NoEpilogue))
        {
            throw new NotSupportedException("inlined epilogues are for float products");
        }
    }
}
