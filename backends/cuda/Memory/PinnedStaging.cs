using ILGPU;
using ILGPU.Runtime;

namespace JaxNet.Backends.Cuda.Memory;

/// <summary>
/// A device's page-locked host staging buffer (grown in powers of two): host copies go through it, so the DMA
/// engine reads and writes pinned memory, and a copy to the device can return as soon as the caller's bytes are
/// staged. Callers hold the device gate; <see cref="Acquire"/> waits for the stream when a staged upload may
/// still be reading the buffer.
/// </summary>
internal sealed class PinnedStaging(Accelerator accelerator) : IDisposable
{
    private PageLockedArray1D<byte>? array;

    /// <summary>True while an asynchronous upload from the buffer may be in flight.</summary>
    public bool UploadPending { get; set; }

    /// <summary>Makes the first <paramref name="bytes"/> of the staging buffer safe to overwrite and returns
    /// them as a device-visible view; <see cref="Host"/> gives the same bytes to the CPU.</summary>
    public ArrayView<byte> Acquire(long bytes, AcceleratorStream stream)
    {
        if (UploadPending)
        {
            stream.Synchronize();
            UploadPending = false;
        }
        if (array is null || array.Length < bytes)
        {
            array?.Dispose();
            var size = CachingAllocator.SizeClass(bytes);
            array = accelerator.AllocatePageLocked1D<byte>(size);
        }
        return array.ArrayView.SubView(0, bytes);
    }

    /// <summary>The first <paramref name="bytes"/> of the buffer <see cref="Acquire"/> prepared.</summary>
    public Span<byte> Host(int bytes) => array!.Span[..bytes];

    public void Dispose() => array?.Dispose();
}
