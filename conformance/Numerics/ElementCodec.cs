using System.Buffers.Binary;

namespace JaxNet.Conformance.Numerics;

/// <summary>
/// Reads and writes elements of the buffer encodings of ABI v1 (little endian; Bool is one byte 0/1; bf16 is the
/// upper half of an f32).
/// </summary>
public static class ElementCodec
{
    /// <summary>Reads element <paramref name="index"/> of a buffer holding <paramref name="dtype"/> values.</summary>
    public static Scalar Read(ReadOnlySpan<byte> buffer, DType dtype, long index)
    {
        var at = checked((int)(index * dtype.SizeOf()));
        return dtype switch
        {
            DType.Bool => Scalar.FromBits(dtype, buffer[at] != 0 ? 1 : 0),
            DType.UInt8 => Scalar.FromBits(dtype, buffer[at]),
            DType.Int8 => Scalar.FromBits(dtype, (sbyte)buffer[at]),
            DType.Int16 => Scalar.FromBits(dtype, BinaryPrimitives.ReadInt16LittleEndian(buffer[at..])),
            DType.UInt16 => Scalar.FromBits(dtype, BinaryPrimitives.ReadUInt16LittleEndian(buffer[at..])),
            DType.UInt64 => Scalar.FromBits(dtype, BinaryPrimitives.ReadInt64LittleEndian(buffer[at..])),
            DType.Int32 => Scalar.FromBits(dtype, BinaryPrimitives.ReadInt32LittleEndian(buffer[at..])),
            DType.UInt32 => Scalar.FromBits(dtype, BinaryPrimitives.ReadUInt32LittleEndian(buffer[at..])),
            DType.Int64 => Scalar.FromBits(dtype, BinaryPrimitives.ReadInt64LittleEndian(buffer[at..])),
            DType.Float16 or DType.BFloat16 => Scalar.FromBits(dtype, BinaryPrimitives.ReadUInt16LittleEndian(buffer[at..])),
            DType.Float32 => Scalar.FromBits(dtype, BinaryPrimitives.ReadUInt32LittleEndian(buffer[at..])),
            DType.Float64 => Scalar.FromBits(dtype, BinaryPrimitives.ReadInt64LittleEndian(buffer[at..])),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
        };
    }

    /// <summary>Writes <paramref name="value"/> (which must have <paramref name="dtype"/>) as element <paramref name="index"/>.</summary>
    public static void Write(Span<byte> buffer, DType dtype, long index, Scalar value)
    {
        if (value.DType != dtype)
            throw new ArgumentException($"writing a {value.DType.ShortName()} value into a {dtype.ShortName()} buffer");
        var at = checked((int)(index * dtype.SizeOf()));
        switch (dtype.SizeOf())
        {
            case 1: buffer[at] = (byte)value.Bits; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(buffer[at..], (ushort)value.Bits); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(buffer[at..], (uint)value.Bits); break;
            default: BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], value.Bits); break;
        }
    }

    /// <summary>The value of a float encoding.</summary>
    public static double DecodeFloat(DType dtype, long bits) => dtype switch
    {
        DType.Float64 => BitConverter.Int64BitsToDouble(bits),
        DType.Float32 => BitConverter.Int32BitsToSingle((int)bits),
        DType.Float16 => (double)BitConverter.UInt16BitsToHalf((ushort)bits),
        DType.BFloat16 => BitConverter.Int32BitsToSingle((int)((uint)(ushort)bits << 16)),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype"),
    };

    /// <summary>
    /// The encoding of a float value that is already representable in <paramref name="dtype"/> (see
    /// <see cref="FloatFormat.Round(double, DType)"/>); NaN becomes the dtype's canonical quiet NaN.
    /// </summary>
    public static long EncodeFloat(DType dtype, double value)
    {
        if (double.IsNaN(value))
        {
            return dtype switch
            {
                DType.Float64 => BitConverter.DoubleToInt64Bits(double.NaN) & long.MaxValue,
                DType.Float32 => 0x7FC00000,
                DType.Float16 => 0x7E00,
                DType.BFloat16 => 0x7FC0,
                _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype"),
            };
        }
        return dtype switch
        {
            DType.Float64 => BitConverter.DoubleToInt64Bits(value),
            DType.Float32 => (uint)BitConverter.SingleToInt32Bits((float)value),
            DType.Float16 => BitConverter.HalfToUInt16Bits((Half)value),
            DType.BFloat16 => (uint)BitConverter.SingleToInt32Bits((float)value) >> 16,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype"),
        };
    }
}
