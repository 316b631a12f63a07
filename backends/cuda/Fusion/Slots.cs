using System.Runtime.CompilerServices;
using ILGPU;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Fusion;

/// <summary>
/// The buffers a fused kernel reads and writes, passed by value as one kernel parameter (ILGPU kernels have a
/// fixed signature, the IR's kernels a variable number of buffers). A kernel may use up to <see cref="Count"/>.
/// </summary>
internal struct Slots
{
    public const int Count = 16;

    public ArrayView<byte> S0;
    public ArrayView<byte> S1;
    public ArrayView<byte> S2;
    public ArrayView<byte> S3;
    public ArrayView<byte> S4;
    public ArrayView<byte> S5;
    public ArrayView<byte> S6;
    public ArrayView<byte> S7;
    public ArrayView<byte> S8;
    public ArrayView<byte> S9;
    public ArrayView<byte> S10;
    public ArrayView<byte> S11;
    public ArrayView<byte> S12;
    public ArrayView<byte> S13;
    public ArrayView<byte> S14;
    public ArrayView<byte> S15;

    public readonly ArrayView<byte> Get(int slot) => slot switch
    {
        0 => S0,
        1 => S1,
        2 => S2,
        3 => S3,
        4 => S4,
        5 => S5,
        6 => S6,
        7 => S7,
        8 => S8,
        9 => S9,
        10 => S10,
        11 => S11,
        12 => S12,
        13 => S13,
        14 => S14,
        _ => S15,
    };

    public void Set(int slot, ArrayView<byte> view)
    {
        switch (slot)
        {
            case 0: S0 = view; break;
            case 1: S1 = view; break;
            case 2: S2 = view; break;
            case 3: S3 = view; break;
            case 4: S4 = view; break;
            case 5: S5 = view; break;
            case 6: S6 = view; break;
            case 7: S7 = view; break;
            case 8: S8 = view; break;
            case 9: S9 = view; break;
            case 10: S10 = view; break;
            case 11: S11 = view; break;
            case 12: S12 = view; break;
            case 13: S13 = view; break;
            case 14: S14 = view; break;
            case 15: S15 = view; break;
        }
    }

    /// <summary>Reads element <paramref name="index"/> of a dtype as a register value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long Load(int slot, long index, DType dtype) => LoadFrom(Get(slot), index, dtype);

    /// <summary>Writes a register value as element <paramref name="index"/> of a dtype.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int slot, long index, DType dtype, long value) => StoreTo(Get(slot), index, dtype, value);

    /// <summary>Reads element <paramref name="index"/> of a buffer of a dtype as a register value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LoadFrom(ArrayView<byte> view, long index, DType dtype) => dtype switch
    {
        DType.Float64 or DType.Int64 or DType.UInt64 => view.Cast<long>()[index],
        DType.Float32 => view.Cast<uint>()[index],
        DType.Int32 => view.Cast<int>()[index],
        DType.UInt32 => view.Cast<uint>()[index],
        DType.Int16 => view.Cast<short>()[index],
        DType.UInt16 => view.Cast<ushort>()[index],
        DType.Float16 or DType.BFloat16 => Registers.FromStorageBits(view.Cast<ushort>()[index], dtype),
        _ => Registers.Normalize(view[index], dtype),
    };

    /// <summary>Writes a register value as element <paramref name="index"/> of a buffer of a dtype.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTo(ArrayView<byte> view, long index, DType dtype, long value)
    {
        switch (dtype)
        {
            case DType.Float64:
            case DType.Int64:
            case DType.UInt64: view.Cast<long>()[index] = value; break;
            case DType.Float32:
            case DType.Int32:
            case DType.UInt32: view.Cast<uint>()[index] = (uint)value; break;
            case DType.Float16:
            case DType.BFloat16: view.Cast<ushort>()[index] = (ushort)Registers.StorageBits(value, dtype); break;
            case DType.Int16:
            case DType.UInt16: view.Cast<ushort>()[index] = (ushort)value; break;
            default: view[index] = (byte)value; break;
        }
    }

    /// <summary>Reads a raw 64-bit register value (intermediates between the kernels of one IR kernel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long LoadRaw(int slot, long index) => Get(slot).Cast<long>()[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void StoreRaw(int slot, long index, long value) => Get(slot).Cast<long>()[index] = value;
}
