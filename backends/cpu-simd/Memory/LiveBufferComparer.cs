namespace JaxNet.Backends.CpuSimd.Memory;

/// <summary>
/// Identity of the backend's live buffers, hashed by address. Live buffers never share a block, so the address
/// tells them apart as well as the object does; reference equality's hash would make the runtime create a header
/// hash code for every new buffer, which measured about 30 ns of an eager op's allocate-and-free.
/// </summary>
internal sealed class LiveBufferComparer : IEqualityComparer<CpuBuffer>
{
    public static readonly LiveBufferComparer Instance = new();

    public bool Equals(CpuBuffer? x, CpuBuffer? y) => ReferenceEquals(x, y);

    // Blocks are 64-byte aligned: the low six bits carry nothing.
    public int GetHashCode(CpuBuffer buffer) => ((long)buffer.Address >> 6).GetHashCode();
}
