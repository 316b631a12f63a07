using JaxNet.Abstractions;

namespace JaxNet.Backends.TpuSim;

/// <summary>A buffer in the simulated TPU's HBM, held in host memory as little-endian bytes.</summary>
internal sealed class TpuBuffer(int device, long byteSize) : DeviceBuffer(device, byteSize)
{
    public byte[] Data { get; } = byteSize <= Array.MaxLength
        ? new byte[byteSize]
        : throw new OutOfMemoryException($"tpu-sim buffers are at most {Array.MaxLength} bytes, asked for {byteSize}");
}
