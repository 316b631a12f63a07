using System.Numerics;

namespace JaxNet.Backends.CpuSimd.Kernels.Elements;

/// <summary>A generic action instantiated once per dtype (at compile time, never per element).</summary>
internal interface IElementVisitor<out TResult>
{
    TResult Visit<TStored, TValue, TCodec>()
        where TStored : unmanaged
        where TValue : unmanaged, INumber<TValue>
        where TCodec : IElementCodec<TStored, TValue>;
}

/// <summary>Maps a <see cref="DType"/> to its storage type, value type and codec.</summary>
internal static class ElementDispatch
{
    public static TResult Visit<TResult>(DType dtype, IElementVisitor<TResult> visitor) => dtype switch
    {
        DType.Bool => visitor.Visit<byte, byte, BoolCodec>(),
        DType.UInt8 => visitor.Visit<byte, byte, SameCodec<byte>>(),
        DType.Int32 => visitor.Visit<int, int, SameCodec<int>>(),
        DType.Int64 => visitor.Visit<long, long, SameCodec<long>>(),
        DType.UInt32 => visitor.Visit<uint, uint, SameCodec<uint>>(),
        DType.Int8 => visitor.Visit<sbyte, sbyte, SameCodec<sbyte>>(),
        DType.Int16 => visitor.Visit<short, short, SameCodec<short>>(),
        DType.UInt16 => visitor.Visit<ushort, ushort, SameCodec<ushort>>(),
        DType.UInt64 => visitor.Visit<ulong, ulong, SameCodec<ulong>>(),
        DType.Float16 => visitor.Visit<Half, float, HalfCodec>(),
        DType.BFloat16 => visitor.Visit<ushort, float, BFloat16Codec>(),
        DType.Float32 => visitor.Visit<float, float, SameCodec<float>>(),
        DType.Float64 => visitor.Visit<double, double, SameCodec<double>>(),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>
    /// The dtype a contraction or convolution computes in for an accumulator dtype: f16/bf16 in f32; Bool and the
    /// integers up to 32 bits in i32, u64 in i64 (wrapping products give the same low bits; Bool becomes "!= 0" when
    /// stored).
    /// </summary>
    public static DType ComputeDType(DType accumulator) => accumulator switch
    {
        DType.Float16 or DType.BFloat16 or DType.Float32 => DType.Float32,
        DType.Float64 => DType.Float64,
        DType.Int64 or DType.UInt64 => DType.Int64,
        _ => DType.Int32,
    };

    /// <summary>True for the value types whose NaN handling matters.</summary>
    public static bool IsFloatValue<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);
}
