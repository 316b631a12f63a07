namespace JaxNet.Backends.Vulkan.Memory;

/// <summary>
/// First-fit sub-allocator of one block of <c>capacity</c> bytes: aligned ranges out of a sorted free list,
/// coalesced on release. Not thread-safe; <see cref="MemoryPool"/> locks around it.
/// </summary>
internal sealed class RangeAllocator(long capacity)
{
    // Free ranges sorted by offset, never adjacent (they are merged on release).
    private readonly List<(long Offset, long Size)> free = [(0, capacity)];

    public long Capacity { get; } = capacity;

    public long FreeBytes => free.Sum(r => r.Size);

    /// <summary>An offset, a multiple of <paramref name="alignment"/>, of <paramref name="size"/> free bytes; or -1.</summary>
    public long TryAllocate(long size, long alignment)
    {
        for (var i = 0; i < free.Count; i++)
        {
            var (offset, length) = free[i];
            var start = (offset + alignment - 1) / alignment * alignment;
            var end = start + size;
            if (end > offset + length) continue;
            free.RemoveAt(i);
            // Keep the tail first so the list stays sorted when the head is inserted at i.
            if (offset + length > end) free.Insert(i, (end, offset + length - end));
            if (start > offset) free.Insert(i, (offset, start - offset));
            return start;
        }
        return -1;
    }

    public void Release(long offset, long size)
    {
        var i = 0;
        while (i < free.Count && free[i].Offset < offset) i++;
        if (i < free.Count && free[i].Offset < offset + size || i > 0 && free[i - 1].Offset + free[i - 1].Size > offset)
            throw new InvalidOperationException($"range [{offset}, {offset + size}) is released twice");
        free.Insert(i, (offset, size));
        if (i + 1 < free.Count && offset + size == free[i + 1].Offset)
        {
            free[i] = (offset, size + free[i + 1].Size);
            free.RemoveAt(i + 1);
        }
        if (i > 0 && free[i - 1].Offset + free[i - 1].Size == offset)
        {
            free[i - 1] = (free[i - 1].Offset, free[i - 1].Size + free[i].Size);
            free.RemoveAt(i);
        }
    }
}
