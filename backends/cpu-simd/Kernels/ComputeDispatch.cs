using System.Numerics;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>A generic action instantiated for one compute type (f32, f64, i32 or i64).</summary>
internal interface IComputeVisitor<out TResult>
{
    TResult Visit<T>() where T : unmanaged, INumber<T>;
}

internal static class ComputeDispatch
{
    public static TResult Visit<TResult>(DType compute, IComputeVisitor<TResult> visitor) => compute switch
    {
        DType.Float32 => visitor.Visit<float>(),
        DType.Float64 => visitor.Visit<double>(),
        DType.Int32 => visitor.Visit<int>(),
        DType.Int64 => visitor.Visit<long>(),
        _ => throw new ArgumentOutOfRangeException(nameof(compute), compute, "not a compute dtype"),
    };
}
