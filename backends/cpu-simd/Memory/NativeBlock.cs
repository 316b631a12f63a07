using System.Runtime.InteropServices;

namespace JaxNet.Backends.CpuSimd.Memory;

/// <summary>64-byte-aligned native memory: one cache line, one Vector512, so every buffer starts aligned.</summary>
internal static unsafe class NativeBlock
{
    public const int Alignment = 64;

    /// <summary>Allocates at least one byte, so that even a 0-byte buffer has a distinct valid address.</summary>
    public static nint Allocate(long byteSize)
    {
        if (byteSize < 0) throw new ArgumentOutOfRangeException(nameof(byteSize), byteSize, "a size cannot be negative");
        try
        {
            return (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(byteSize, 1), Alignment);
        }
        catch (OutOfMemoryException e)
        {
            throw new OutOfMemoryException($"cpu: cannot allocate {byteSize} bytes", e);
        }
    }

    public static void Free(nint address) => NativeMemory.AlignedFree((void*)address);

    /// <summary>A zero-filled block, for scratch that must start at zero.</summary>
    public static nint AllocateZeroed(long byteSize)
    {
        var address = Allocate(byteSize);
        NativeMemory.Clear((void*)address, (nuint)Math.Max(byteSize, 1));
        return address;
    }

    /// <summary>
    /// A reusable buffer (a thread's packing scratch) of at least <paramref name="bytes"/>: <paramref name="block"/>
    /// is replaced by a larger one when too small. The fields are cleared before allocating, so a failed allocation
    /// leaves no freed block behind.
    /// </summary>
    public static nint Reuse(ref nint block, ref long capacity, long bytes)
    {
        if (capacity >= bytes) return block;
        if (block != 0) Free(block);
        block = 0;
        capacity = 0;
        block = Allocate(bytes);
        capacity = bytes;
        return block;
    }
}
