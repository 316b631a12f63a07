using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions;

namespace JaxNet.Backends.Cuda.Memory;

/// <summary>A buffer of the cuda backend: a block of the caching allocator (possibly larger than asked).</summary>
internal sealed class CudaBuffer(int device, long byteSize, MemoryBuffer1D<byte, Stride1D.Dense> block)
    : DeviceBuffer(device, byteSize)
{
    public MemoryBuffer1D<byte, Stride1D.Dense> Block { get; } = block;

    /// <summary>The buffer's bytes (the block's first <see cref="DeviceBuffer.ByteSize"/>).</summary>
    public ArrayView<byte> View => Block.View.SubView(0, ByteSize);

    public bool Freed { get; set; }
}
