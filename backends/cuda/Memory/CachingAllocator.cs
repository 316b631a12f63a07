using ILGPU;
using ILGPU.Runtime;

namespace JaxNet.Backends.Cuda.Memory;

/// <summary>
/// A per-device caching allocator (PyTorch's design, small): blocks come in power-of-two size classes (256 B
/// up), freed blocks go to a free list of their class and are handed out again without a driver call. The device
/// stream is in order, so a block freed after its last use was issued can be reused by later work at once. The
/// allocator holds at most <see cref="Limit"/> bytes (a fraction of device memory, not JAX's grab-everything
/// default); when a request would pass it, the cached free blocks are released first.
/// </summary>
internal sealed class CachingAllocator(Accelerator accelerator, long limit) : IDisposable
{
    public const long MinimumBlock = 256;
    private readonly Dictionary<long, Stack<MemoryBuffer1D<byte, Stride1D.Dense>>> free = [];

    // Blocks handed out. Holding them here matters: ILGPU buffers dispose themselves in their finalizers, and
    // the host frees arrays from finalizers too, so a block reachable only from a dying array could be disposed
    // in the same GC as the array's finalizer returns it to a free list.
    private readonly HashSet<MemoryBuffer1D<byte, Stride1D.Dense>> inUse = new(ReferenceEqualityComparer.Instance);
    private readonly object gate = new();

    public long Limit { get; } = limit;

    /// <summary>Bytes held from the device: blocks in use plus cached free blocks.</summary>
    public long ReservedBytes { get; private set; }

    /// <summary>Bytes in cached free blocks.</summary>
    public long CachedBytes { get; private set; }

    /// <summary>Driver allocations made so far (a cache hit makes none).</summary>
    public long DeviceAllocations { get; private set; }

    public static long SizeClass(long bytes)
    {
        var size = MinimumBlock;
        while (size < bytes) size *= 2;
        return size;
    }

    public MemoryBuffer1D<byte, Stride1D.Dense> Allocate(long bytes)
    {
        var size = SizeClass(bytes);
        lock (gate)
        {
            if (free.TryGetValue(size, out var list) && list.Count > 0)
            {
                CachedBytes -= size;
                var cached = list.Pop();
                inUse.Add(cached);
                return cached;
            }
            if (ReservedBytes + size > Limit) ReleaseCached();
            if (ReservedBytes + size > Limit)
                throw new OutOfMemoryException(
                    $"cuda: {bytes} bytes requested, {ReservedBytes} of the allocator's limit of {Limit} bytes in use");
            var block = accelerator.Allocate1D<byte>(size);
            ReservedBytes += size;
            DeviceAllocations++;
            inUse.Add(block);
            return block;
        }
    }

    public void Free(MemoryBuffer1D<byte, Stride1D.Dense> block)
    {
        lock (gate)
        {
            if (!inUse.Remove(block)) return;
            if (!free.TryGetValue(block.Length, out var list)) free[block.Length] = list = new();
            list.Push(block);
            CachedBytes += block.Length;
        }
    }

    /// <summary>Returns every cached free block to the device.</summary>
    public void ReleaseCached()
    {
        lock (gate)
        {
            foreach (var list in free.Values)
            {
                while (list.Count > 0)
                {
                    var block = list.Pop();
                    ReservedBytes -= block.Length;
                    CachedBytes -= block.Length;
                    block.Dispose();
                }
            }
        }
    }

    public void Dispose() => ReleaseCached();
}
