using System.Runtime.InteropServices;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// Moves elements between a buffer's little-endian bytes and a <see cref="Column"/>; one loop per dtype, with the
/// dtype switch outside it.
/// </summary>
internal static class ElementIO
{
    /// <summary>Reads the elements at <paramref name="indices"/> (element, not byte, positions).</summary>
    public static Column Gather(byte[] data, DType dtype, ReadOnlySpan<long> indices)
    {
        var n = indices.Length;
        var column = Column.Create(dtype, n);
        switch (dtype)
        {
            case DType.Float32: { var s = MemoryMarshal.Cast<byte, float>(data.AsSpan()); var d = column.Floats; for (var i = 0; i < n; i++) d[i] = s[(int)indices[i]]; break; }
            case DType.Float64: { var s = MemoryMarshal.Cast<byte, double>(data.AsSpan()); var d = column.Floats; for (var i = 0; i < n; i++) d[i] = s[(int)indices[i]]; break; }
            case DType.BFloat16: { var s = MemoryMarshal.Cast<byte, ushort>(data.AsSpan()); var d = column.Floats; for (var i = 0; i < n; i++) d[i] = BFloat16.FromBits(s[(int)indices[i]]); break; }
            case DType.Float16: { var s = MemoryMarshal.Cast<byte, Half>(data.AsSpan()); var d = column.Floats; for (var i = 0; i < n; i++) d[i] = (double)s[(int)indices[i]]; break; }
            case DType.Int32: { var s = MemoryMarshal.Cast<byte, int>(data.AsSpan()); var d = column.Ints; for (var i = 0; i < n; i++) d[i] = s[(int)indices[i]]; break; }
            case DType.UInt32: { var s = MemoryMarshal.Cast<byte, uint>(data.AsSpan()); var d = column.Ints; for (var i = 0; i < n; i++) d[i] = s[(int)indices[i]]; break; }
            case DType.Int64 or DType.UInt64: { var s = MemoryMarshal.Cast<byte, long>(data.AsSpan()); var d = column.Ints; for (var i = 0; i < n; i++) d[i] = s[(int)indices[i]]; break; }
            case DType.UInt8: { var d = column.Ints; for (var i = 0; i < n; i++) d[i] = data[indices[i]]; break; }
            case DType.Int8: { var d = column.Ints; for (var i = 0; i < n; i++) d[i] = (sbyte)data[indices[i]]; break; }
            case DType.Int16: { var s = MemoryMarshal.Cast<byte, short>(data.AsSpan()); var d = column.Ints; for (var i = 0; i < n; i++) d[i] = s[(int)indices[i]]; break; }
            case DType.UInt16: { var s = MemoryMarshal.Cast<byte, ushort>(data.AsSpan()); var d = column.Ints; for (var i = 0; i < n; i++) d[i] = s[(int)indices[i]]; break; }
            case DType.Bool: { var d = column.Ints; for (var i = 0; i < n; i++) d[i] = data[indices[i]] != 0 ? 1 : 0; break; }
            default: throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null);
        }
        return column;
    }

    /// <summary>Reads <paramref name="count"/> contiguous elements starting at element <paramref name="start"/>.</summary>
    public static Column ReadContiguous(byte[] data, DType dtype, long start, int count)
    {
        var indices = new long[count];
        for (var i = 0; i < count; i++) indices[i] = start + i;
        return Gather(data, dtype, indices);
    }

    /// <summary>Reads a whole buffer as <paramref name="count"/> elements.</summary>
    public static Column ReadAll(byte[] data, DType dtype, long count) => ReadContiguous(data, dtype, 0, checked((int)count));

    /// <summary>Writes <paramref name="values"/> (already of <paramref name="dtype"/>) to consecutive elements.</summary>
    public static void WriteContiguous(byte[] data, DType dtype, long start, Column values)
    {
        var n = values.Length;
        var at = (int)start;
        switch (dtype)
        {
            case DType.Float32: { var d = MemoryMarshal.Cast<byte, float>(data.AsSpan()); var s = values.Floats; for (var i = 0; i < n; i++) d[at + i] = (float)s[i]; break; }
            case DType.Float64: { var d = MemoryMarshal.Cast<byte, double>(data.AsSpan()); var s = values.Floats; for (var i = 0; i < n; i++) d[at + i] = s[i]; break; }
            case DType.BFloat16: { var d = MemoryMarshal.Cast<byte, ushort>(data.AsSpan()); var s = values.Floats; for (var i = 0; i < n; i++) d[at + i] = BFloat16.ToBits((float)s[i]); break; }
            case DType.Float16: { var d = MemoryMarshal.Cast<byte, Half>(data.AsSpan()); var s = values.Floats; for (var i = 0; i < n; i++) d[at + i] = (Half)s[i]; break; }
            case DType.Int32: { var d = MemoryMarshal.Cast<byte, int>(data.AsSpan()); var s = values.Ints; for (var i = 0; i < n; i++) d[at + i] = (int)s[i]; break; }
            case DType.UInt32: { var d = MemoryMarshal.Cast<byte, uint>(data.AsSpan()); var s = values.Ints; for (var i = 0; i < n; i++) d[at + i] = (uint)s[i]; break; }
            case DType.Int64 or DType.UInt64: { var d = MemoryMarshal.Cast<byte, long>(data.AsSpan()); var s = values.Ints; for (var i = 0; i < n; i++) d[at + i] = s[i]; break; }
            case DType.UInt8: { var s = values.Ints; for (var i = 0; i < n; i++) data[at + i] = (byte)s[i]; break; }
            case DType.Int8: { var s = values.Ints; for (var i = 0; i < n; i++) data[at + i] = (byte)(sbyte)s[i]; break; }
            case DType.Int16: { var d = MemoryMarshal.Cast<byte, short>(data.AsSpan()); var s = values.Ints; for (var i = 0; i < n; i++) d[at + i] = (short)s[i]; break; }
            case DType.UInt16: { var d = MemoryMarshal.Cast<byte, ushort>(data.AsSpan()); var s = values.Ints; for (var i = 0; i < n; i++) d[at + i] = (ushort)s[i]; break; }
            case DType.Bool: { var s = values.Ints; for (var i = 0; i < n; i++) data[at + i] = s[i] != 0 ? (byte)1 : (byte)0; break; }
            default: throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null);
        }
    }

    /// <summary>A column of <paramref name="n"/> copies of a constant given as a double (floats) or bits (integers).</summary>
    public static Column Constant(DType dtype, int n, double value, long bits)
    {
        var column = Column.Create(dtype, n);
        if (column.IsFloat) Array.Fill(column.Floats, DTypeValues.Round(value, dtype));
        else Array.Fill(column.Ints, DTypeValues.Normalize(bits, dtype));
        return column;
    }
}
