using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Codegen;

/// <summary>The bits of one stored element, for filling buffers (identities, padding) outside generated code
/// (<see cref="ElementRuns.Fill"/>).</summary>
internal static class ElementBits
{
    /// <summary>A constant's storage bits, zero-extended to 64 bits.</summary>
    public static ulong Of(ConstNode constant) => constant.DType.IsFloat()
        ? FromDouble(constant.DType, constant.Value)
        : Truncate(constant.DType, constant.Bits);

    /// <summary>A double converted to <paramref name="dtype"/> (floats round; integers truncate toward zero and wrap; Bool is != 0).</summary>
    public static ulong FromDouble(DType dtype, double value) => dtype switch
    {
        DType.Float32 => BitConverter.SingleToUInt32Bits((float)value),
        DType.Float64 => BitConverter.DoubleToUInt64Bits(value),
        DType.Float16 => HalfPrecision.DoubleToHalfBits(value),
        DType.BFloat16 => HalfPrecision.SingleToBFloat16Bits((float)value),
        DType.Bool => value != 0 ? 1ul : 0ul,
        // uint64 values from 2^63 up have no long; saturating like the kernels' converts.
        DType.UInt64 => double.IsNaN(value) || value <= 0 ? 0 : (ulong)Math.Min(value, 18446744073709551615.0),
        _ => Truncate(dtype, double.IsNaN(value) ? 0 : (long)value),
    };

    private static ulong Truncate(DType dtype, long bits) => dtype switch
    {
        DType.Bool => bits != 0 ? 1ul : 0ul,
        DType.UInt8 or DType.Int8 => (byte)bits,
        DType.Int16 or DType.UInt16 => (ushort)bits,
        DType.Int32 or DType.UInt32 => (uint)bits,
        _ => (ulong)bits,
    };
}
