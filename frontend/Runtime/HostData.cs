using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using JaxNet.Core;

namespace JaxNet.Runtime;

/// <summary>Converts between host element values and the bytes of a dtype (row-major, little-endian).</summary>
internal static class HostData
{
    /// <summary>The dtype that holds a C# element type without loss.</summary>
    public static DType DTypeOf(Type t) =>
        t == typeof(float) ? DType.Float32
        : t == typeof(double) ? DType.Float64
        : t == typeof(int) ? DType.Int32
        : t == typeof(long) ? DType.Int64
        : t == typeof(uint) ? DType.UInt32
        : t == typeof(byte) ? DType.UInt8
        : t == typeof(sbyte) ? DType.Int8
        : t == typeof(short) ? DType.Int16
        : t == typeof(ushort) ? DType.UInt16
        : t == typeof(ulong) ? DType.UInt64
        : t == typeof(bool) ? DType.Bool
        : t == typeof(Half) ? DType.Float16
        : t == typeof(Complex) ? DType.Complex128
        : throw new ArgumentException($"arrays of {t.Name} are not supported (use float, double, int, long, uint, ulong, short, ushort, byte, sbyte, bool, Half or Complex)");

    public static Scalar Read(ReadOnlySpan<byte> bytes, DType dtype, long index)
    {
        var at = (int)(index * dtype.SizeOf());
        var s = bytes[at..];
        return dtype switch
        {
            DType.Bool => Scalar.FromBits(dtype, s[0] != 0 ? 1 : 0),
            DType.UInt8 => Scalar.FromBits(dtype, s[0]),
            DType.Int8 => Scalar.FromBits(dtype, (sbyte)s[0]),
            DType.Int16 => Scalar.FromBits(dtype, BinaryPrimitives.ReadInt16LittleEndian(s)),
            DType.UInt16 => Scalar.FromBits(dtype, BinaryPrimitives.ReadUInt16LittleEndian(s)),
            DType.UInt64 => Scalar.FromBits(dtype, BinaryPrimitives.ReadInt64LittleEndian(s)),
            DType.Int32 => Scalar.FromBits(dtype, BinaryPrimitives.ReadInt32LittleEndian(s)),
            DType.UInt32 => Scalar.FromBits(dtype, BinaryPrimitives.ReadUInt32LittleEndian(s)),
            DType.Int64 => Scalar.FromBits(dtype, BinaryPrimitives.ReadInt64LittleEndian(s)),
            DType.Float16 => new Scalar(dtype, (double)BinaryPrimitives.ReadHalfLittleEndian(s), 0),
            DType.BFloat16 => new Scalar(dtype, BFloat16Bits.ToDouble(BinaryPrimitives.ReadUInt16LittleEndian(s)), 0),
            DType.Float32 => new Scalar(dtype, BinaryPrimitives.ReadSingleLittleEndian(s), 0),
            DType.Complex64 => Scalar.OfComplex(dtype, BinaryPrimitives.ReadSingleLittleEndian(s), BinaryPrimitives.ReadSingleLittleEndian(s[4..])),
            DType.Complex128 => Scalar.OfComplex(dtype, BinaryPrimitives.ReadDoubleLittleEndian(s), BinaryPrimitives.ReadDoubleLittleEndian(s[8..])),
            _ => new Scalar(dtype, BinaryPrimitives.ReadDoubleLittleEndian(s), 0),
        };
    }

    public static void Write(Span<byte> bytes, long index, Scalar value)
    {
        var dtype = value.DType;
        var s = bytes[(int)(index * dtype.SizeOf())..];
        switch (dtype)
        {
            case DType.Bool: s[0] = (byte)(value.Bits != 0 ? 1 : 0); break;
            case DType.UInt8 or DType.Int8: s[0] = (byte)value.Bits; break;
            case DType.Int16 or DType.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)value.Bits); break;
            case DType.UInt64: BinaryPrimitives.WriteInt64LittleEndian(s, value.Bits); break;
            case DType.Int32: BinaryPrimitives.WriteInt32LittleEndian(s, (int)value.Bits); break;
            case DType.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)value.Bits); break;
            case DType.Int64: BinaryPrimitives.WriteInt64LittleEndian(s, value.Bits); break;
            case DType.Float16: BinaryPrimitives.WriteHalfLittleEndian(s, (Half)value.Value); break;
            case DType.BFloat16: BinaryPrimitives.WriteUInt16LittleEndian(s, BFloat16Bits.FromDouble(value.Value)); break;
            case DType.Float32: BinaryPrimitives.WriteSingleLittleEndian(s, (float)value.Value); break;
            case DType.Complex64:
                BinaryPrimitives.WriteSingleLittleEndian(s, (float)value.Value);
                BinaryPrimitives.WriteSingleLittleEndian(s[4..], (float)value.Imag);
                break;
            case DType.Complex128:
                BinaryPrimitives.WriteDoubleLittleEndian(s, value.Value);
                BinaryPrimitives.WriteDoubleLittleEndian(s[8..], value.Imag);
                break;
            default: BinaryPrimitives.WriteDoubleLittleEndian(s, value.Value); break;
        }
    }

    /// <summary>A host value of a C# element type as a scalar of its own dtype.</summary>
    public static Scalar ScalarOf<T>(T value) => value switch
    {
        float f => new Scalar(DType.Float32, f, 0),
        double d => new Scalar(DType.Float64, d, 0),
        Half h => new Scalar(DType.Float16, (double)h, 0),
        int i => Scalar.FromBits(DType.Int32, i),
        long l => Scalar.FromBits(DType.Int64, l),
        uint u => Scalar.FromBits(DType.UInt32, u),
        byte b => Scalar.FromBits(DType.UInt8, b),
        sbyte b => Scalar.FromBits(DType.Int8, b),
        short h => Scalar.FromBits(DType.Int16, h),
        ushort h => Scalar.FromBits(DType.UInt16, h),
        ulong u => Scalar.FromBits(DType.UInt64, (long)u),
        bool b => Scalar.FromBits(DType.Bool, b ? 1 : 0),
        Complex c => Scalar.OfComplex(DType.Complex128, c.Real, c.Imaginary),
        _ => throw new ArgumentException($"values of {typeof(T).Name} are not supported"),
    };

    public static T ValueAs<T>(Scalar s)
    {
        object o = typeof(T) == typeof(float) ? (float)s.AsDouble
            : typeof(T) == typeof(double) ? s.AsDouble
            : typeof(T) == typeof(Half) ? (Half)s.AsDouble
            : typeof(T) == typeof(int) ? (int)s.Convert(DType.Int32).Bits
            : typeof(T) == typeof(long) ? s.Convert(DType.Int64).Bits
            : typeof(T) == typeof(uint) ? (uint)s.Convert(DType.UInt32).Bits
            : typeof(T) == typeof(byte) ? (byte)s.Convert(DType.UInt8).Bits
            : typeof(T) == typeof(sbyte) ? (sbyte)s.Convert(DType.Int8).Bits
            : typeof(T) == typeof(short) ? (short)s.Convert(DType.Int16).Bits
            : typeof(T) == typeof(ushort) ? (ushort)s.Convert(DType.UInt16).Bits
            : typeof(T) == typeof(ulong) ? (ulong)s.Convert(DType.UInt64).Bits
            : typeof(T) == typeof(bool) ? s.AsDouble != 0 || s.Imag != 0
            : typeof(T) == typeof(Complex) ? new Complex(s.AsDouble, s.Imag)
            : throw new ArgumentException($"cannot read values as {typeof(T).Name}");
        return (T)o;
    }

    /// <summary>Bytes of <paramref name="dtype"/> holding <paramref name="values"/> converted element by element.</summary>
    public static byte[] Encode<T>(ReadOnlySpan<T> values, DType dtype) where T : unmanaged
    {
        if (DTypeOf(typeof(T)) == dtype) return MemoryMarshal.AsBytes(values).ToArray();
        var bytes = new byte[values.Length * dtype.SizeOf()];
        for (var i = 0; i < values.Length; i++) Write(bytes, i, ScalarOf(values[i]).Convert(dtype));
        return bytes;
    }

    /// <summary>Elements of type T decoded from bytes of <paramref name="dtype"/> (converted when they differ).</summary>
    public static T[] Decode<T>(byte[] bytes, DType dtype, long count) where T : unmanaged
    {
        if (DTypeOf(typeof(T)) == dtype) return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        var result = new T[count];
        for (var i = 0; i < count; i++) result[i] = ValueAs<T>(Read(bytes, dtype, i));
        return result;
    }
}
