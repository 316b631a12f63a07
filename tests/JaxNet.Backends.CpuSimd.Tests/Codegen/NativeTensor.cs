using System.Runtime.InteropServices;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>A test buffer in 64-byte-aligned native memory, written and read as doubles or raw integers.</summary>
internal sealed unsafe class NativeTensor : IDisposable
{
    private NativeTensor(DType dtype, long count)
    {
        DType = dtype;
        Count = count;
        Address = (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(count * dtype.SizeOf(), 64), 64);
        new Span<byte>((void*)Address, (int)Math.Max(count * dtype.SizeOf(), 64)).Fill(0xCD);
    }

    public DType DType { get; }

    public long Count { get; }

    public nint Address { get; }

    /// <summary>Values converted to the dtype the obvious way (floats round, integers truncate, Bool is != 0).</summary>
    public static NativeTensor Of(DType dtype, params double[] values)
    {
        var t = new NativeTensor(dtype, values.Length);
        for (var i = 0; i < values.Length; i++) t.Set(i, values[i]);
        return t;
    }

    /// <summary>Integer values, wrapped to the dtype's width.</summary>
    public static NativeTensor OfBits(DType dtype, params long[] values)
    {
        var t = new NativeTensor(dtype, values.Length);
        for (var i = 0; i < values.Length; i++) t.SetBits(i, values[i]);
        return t;
    }

    public static NativeTensor Empty(DType dtype, long count) => new(dtype, count);

    public void Set(long i, double v)
    {
        var p = Address + (nint)(i * DType.SizeOf());
        switch (DType)
        {
            case DType.Float32: *(float*)p = (float)v; break;
            case DType.Float64: *(double*)p = v; break;
            case DType.Float16: *(Half*)p = (Half)v; break;
            case DType.BFloat16: *(ushort*)p = NearestBFloat16((float)v); break;
            case DType.Bool: *(byte*)p = v != 0 ? (byte)1 : (byte)0; break;
            case DType.UInt64: *(ulong*)p = double.IsNaN(v) || v <= 0 ? 0 : v >= 18446744073709551615.0 ? ulong.MaxValue : (ulong)v; break;
            default: SetBits(i, (long)v); break;
        }
    }

    /// <summary>Of the two bfloat16 values around v, the nearer; on a tie the one with an even last bit.</summary>
    private static ushort NearestBFloat16(float v)
    {
        if (float.IsNaN(v)) return 0x7FC0;
        var down = (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16);
        var up = (ushort)(down + 1);
        var distanceDown = Math.Abs(v - (double)BitConverter.Int32BitsToSingle(down << 16));
        var distanceUp = Math.Abs(v - (double)BitConverter.Int32BitsToSingle(up << 16));
        if (float.IsInfinity(v) || distanceDown < distanceUp) return down;
        return distanceUp < distanceDown || (up & 1) == 0 ? up : down;
    }

    public void SetBits(long i, long v)
    {
        var p = Address + (nint)(i * DType.SizeOf());
        switch (DType.SizeOf())
        {
            case 1: *(byte*)p = (byte)v; break;
            case 2: *(ushort*)p = (ushort)v; break;
            case 4: *(uint*)p = (uint)v; break;
            default: *(long*)p = v; break;
        }
    }

    public double this[long i]
    {
        get
        {
            var p = Address + (nint)(i * DType.SizeOf());
            return DType switch
            {
                DType.Float32 => *(float*)p,
                DType.Float64 => *(double*)p,
                DType.Float16 => (double)*(Half*)p,
                DType.BFloat16 => BitConverter.Int32BitsToSingle(*(ushort*)p << 16),
                DType.UInt64 => *(ulong*)p,
                _ => Bits(i),
            };
        }
    }

    /// <summary>The element as an integer: sign-extended for the signed types, zero-extended otherwise (uint64: its bits).</summary>
    public long Bits(long i)
    {
        var p = Address + (nint)(i * DType.SizeOf());
        return DType switch
        {
            DType.Int8 => *(sbyte*)p,
            DType.Int16 => *(short*)p,
            DType.Int32 => *(int*)p,
            DType.Int64 or DType.UInt64 or DType.Float64 => *(long*)p,
            DType.UInt32 or DType.Float32 => *(uint*)p,
            DType.Float16 or DType.BFloat16 or DType.UInt16 => *(ushort*)p,
            _ => *(byte*)p,
        };
    }

    public double[] ToArray() => Enumerable.Range(0, (int)Count).Select(i => this[i]).ToArray();

    public void Dispose() => NativeMemory.AlignedFree((void*)Address);
}
