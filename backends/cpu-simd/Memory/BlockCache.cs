using System.Numerics;

namespace JaxNet.Backends.CpuSimd.Memory;

/// <summary>
/// A caching allocator over <see cref="NativeBlock"/>: released blocks go to a free list per size class and are
/// handed out again by <see cref="Rent"/>, so repeated programs reuse warm, already-faulted pages instead of paying
/// the kernel's page faults on every fresh multi-megabyte buffer. At most <see cref="CapBytes"/> bytes are held;
/// a block that would exceed the cap is returned to the system at once. Every block is 64-byte aligned.
/// </summary>
/// <remarks>
/// Size classes: up to 64 bytes one class; above, four classes per power of two (so a block is at most 25% larger
/// than asked, and sizes that differ by a few bytes share a list). The cache only sees a block when the backend
/// releases it, which the backend does in stream order (after all work issued before the free), so a block that
/// is rented again can no longer be touched by earlier work. Thread-safe.
/// </remarks>
internal sealed class BlockCache : IDisposable
{
    private readonly Dictionary<long, Stack<nint>> free = [];
    private readonly object gate;
    private long cachedBytes;
    private bool disposed;

    /// <param name="capBytes">The most bytes held in released blocks.</param>
    /// <param name="gate">The lock guarding the cache: the owner's, when it has state to update in the same critical
    /// section (the cpu backend's set of live buffers), so that an allocation or a release takes one lock, not
    /// two; null for a lock of the cache's own.</param>
    public BlockCache(long capBytes, object? gate = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capBytes);
        CapBytes = capBytes;
        this.gate = gate ?? new object();
    }

    /// <summary>The most bytes the cache holds in released blocks.</summary>
    public long CapBytes { get; }

    /// <summary>Bytes currently held in released blocks, ready for reuse.</summary>
    public long CachedBytes
    {
        get
        {
            lock (gate) return cachedBytes;
        }
    }

    /// <summary>How many rents were served from the cache (for tests and diagnostics).</summary>
    public long Hits { get; private set; }

    /// <summary>The default cap: a sixteenth of the memory the process may use, at most 2 GiB.</summary>
    public static long DefaultCap() => Math.Min(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 16, 2L << 30);

    /// <summary>The size of the block that serves a request of <paramref name="byteSize"/> bytes.</summary>
    public static long ClassSize(long byteSize)
    {
        if (byteSize <= NativeBlock.Alignment) return NativeBlock.Alignment;
        var octave = BitOperations.Log2((ulong)(byteSize - 1));
        var step = Math.Max(1L << (octave - 2), NativeBlock.Alignment);
        return (byteSize + step - 1) / step * step;
    }

    /// <summary>A block of at least <paramref name="byteSize"/> bytes and its capacity (its size class).</summary>
    public (nint Address, long Capacity) Rent(long byteSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteSize);
        var capacity = ClassSize(byteSize);
        // A block too large to ever be cached gets exactly its size: rounding it up would only waste memory.
        if (capacity > CapBytes) return (NativeBlock.Allocate(byteSize), byteSize);
        lock (gate)
        {
            if (TryTakeCached(capacity) is { } cached) return (cached, capacity);
        }
        return (NativeBlock.Allocate(capacity), capacity);
    }

    /// <summary><see cref="Rent"/> for a caller that holds the cache's lock (the one given to the constructor).</summary>
    public (nint Address, long Capacity) RentLocked(long byteSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteSize);
        var capacity = ClassSize(byteSize);
        if (capacity > CapBytes) return (NativeBlock.Allocate(byteSize), byteSize);
        return TryTakeCached(capacity) is { } cached ? (cached, capacity) : (NativeBlock.Allocate(capacity), capacity);
    }

    private nint? TryTakeCached(long capacity)
    {
        if (!free.TryGetValue(capacity, out var list) || !list.TryPop(out var cached)) return null;
        cachedBytes -= capacity;
        Hits++;
        return cached;
    }

    /// <summary>Takes back a block from <see cref="Rent"/>: cached when it fits under the cap, else freed.</summary>
    public void Return(nint address, long capacity)
    {
        // Only whole size classes are worth keeping: Rent looks blocks up by class, so an exact-size block (one
        // larger than the cap, or of 0 bytes) would never be handed out again.
        bool kept;
        lock (gate) kept = TryKeep(address, capacity);
        if (!kept) NativeBlock.Free(address);
    }

    /// <summary><see cref="Return"/> for a caller that holds the cache's lock.</summary>
    public void ReturnLocked(nint address, long capacity)
    {
        if (!TryKeep(address, capacity)) NativeBlock.Free(address);
    }

    private bool TryKeep(nint address, long capacity)
    {
        var reusable = capacity > 0 && ClassSize(capacity) == capacity;
        if (disposed || !reusable || cachedBytes + capacity > CapBytes) return false;
        if (!free.TryGetValue(capacity, out var list)) free[capacity] = list = new Stack<nint>();
        list.Push(address);
        cachedBytes += capacity;
        return true;
    }

    /// <summary>Returns every cached block to the system (the cache stays usable).</summary>
    public void Trim()
    {
        lock (gate)
        {
            foreach (var list in free.Values)
                while (list.TryPop(out var address)) NativeBlock.Free(address);
            free.Clear();
            cachedBytes = 0;
        }
    }

    /// <summary>Frees the cached blocks; blocks returned afterwards are freed at once.</summary>
    public void Dispose()
    {
        lock (gate) disposed = true;
        Trim();
    }
}
