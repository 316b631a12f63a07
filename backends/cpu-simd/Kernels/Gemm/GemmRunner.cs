using System.Numerics;
using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// Chooses the GEMM implementation for a compute type: the packed FMA micro-kernel in the widest vectors the CPU
/// has for f32/f64, the integer axpy loop for i32/i64.
/// </summary>
internal static unsafe class GemmRunner
{
    /// <summary>Below this many flops a product runs on one core: forking costs more than it saves.</summary>
    public const double ParallelThreshold = 2e6;

    /// <summary>A product with its epilogue's type bound, as <see cref="EntryFor"/> makes it.</summary>
    public delegate void Entry(in GemmArgs g, bool allowParallel);

    public static void Run<T>(in GemmArgs g, bool allowParallel) where T : unmanaged, INumber<T> =>
        Run<T, NoEpilogue>(g, allowParallel);

    /// <summary>
    /// The product for compute type <paramref name="compute"/> with inlined epilogue <paramref name="expression"/>
    /// (an <see cref="ITileExpression"/>): the generic method instantiated once, when the kernel compiles.
    /// </summary>
    public static Entry EntryFor(Type compute, Type expression) =>
        typeof(GemmRunner).GetMethods().Single(m => m.Name == nameof(Run) && m.GetGenericArguments().Length == 2)
            .MakeGenericMethod(compute, expression).CreateDelegate<Entry>();

    /// <summary>C = A B, then <typeparamref name="TEpi"/> on each element (floats only; integers take no epilogue).</summary>
    public static void Run<T, TEpi>(in GemmArgs g, bool allowParallel) where T : unmanaged, INumber<T> where TEpi : ITileExpression
    {
        if (typeof(T) == typeof(float))
        {
            if (CpuIsa.HasVector512) PackedGemm<float, Vector512<float>, Float512>.Run<TEpi>(g, allowParallel);
            else if (CpuIsa.HasVector256) PackedGemm<float, Vector256<float>, Float256>.Run<TEpi>(g, allowParallel);
            else if (Vector128.IsHardwareAccelerated) PackedGemm<float, Vector128<float>, Vector128Ops<float>>.Run<TEpi>(g, allowParallel);
            else PackedGemm<float, float, ScalarOps<float>>.Run<TEpi>(g, allowParallel);
        }
        else if (typeof(T) == typeof(double))
        {
            if (CpuIsa.HasVector512) PackedGemm<double, Vector512<double>, Double512>.Run<TEpi>(g, allowParallel);
            else if (CpuIsa.HasVector256) PackedGemm<double, Vector256<double>, Double256>.Run<TEpi>(g, allowParallel);
            else if (Vector128.IsHardwareAccelerated) PackedGemm<double, Vector128<double>, Vector128Ops<double>>.Run<TEpi>(g, allowParallel);
            else PackedGemm<double, double, ScalarOps<double>>.Run<TEpi>(g, allowParallel);
        }
        else
        {
            if (typeof(TEpi) != typeof(NoEpilogue)) throw new NotSupportedException("inlined epilogues are for float products");
            if (g.BSource is not null) throw new NotSupportedException("a B that packs itself is for float products");
            IntegerGemm<T>.Run(g, allowParallel);
        }
    }

    /// <summary>
    /// The columns the packed GEMM computes at once for compute type <paramref name="compute"/> (a product of N
    /// columns costs N rounded up to a multiple of it, for N wider than two vectors); 1 for the integer GEMM,
    /// which has no panels.
    /// </summary>
    public static int PanelColumns(DType compute)
    {
        if (compute == DType.Float32)
            return CpuIsa.HasVector512 ? PackedGemm<float, Vector512<float>, Float512>.PanelColumns
                : CpuIsa.HasVector256 ? PackedGemm<float, Vector256<float>, Float256>.PanelColumns
                : Vector128.IsHardwareAccelerated ? PackedGemm<float, Vector128<float>, Vector128Ops<float>>.PanelColumns
                : PackedGemm<float, float, ScalarOps<float>>.PanelColumns;
        if (compute == DType.Float64)
            return CpuIsa.HasVector512 ? PackedGemm<double, Vector512<double>, Double512>.PanelColumns
                : CpuIsa.HasVector256 ? PackedGemm<double, Vector256<double>, Double256>.PanelColumns
                : Vector128.IsHardwareAccelerated ? PackedGemm<double, Vector128<double>, Vector128Ops<double>>.PanelColumns
                : PackedGemm<double, double, ScalarOps<double>>.PanelColumns;
        return 1;
    }

    /// <summary>What <see cref="Run{T}"/> does for a compute dtype, for Describe.</summary>
    public static string Describe(DType compute)
    {
        if (!compute.IsFloat()) return $"{compute.ShortName()} row-axpy GEMM (Vector<T>)";
        var (vector, lanes) = CpuIsa.HasVector512 ? ("Vector512", 64) : CpuIsa.HasVector256 ? ("Vector256", 32)
            : Vector128.IsHardwareAccelerated ? ("Vector128", 16) : ("scalar", compute.SizeOf());
        // 32 vector registers with AVX-512 hold the 6 x 4-vector tile; 16 (AVX2 and narrower) the 6 x 2 one.
        var columns = (CpuIsa.HasVector512 ? 4 : 2) * lanes / compute.SizeOf();
        return $"packed {compute.ShortName()} GEMM, {vector} FMA 6x{columns} micro-kernel";
    }
}
