namespace JaxNet;

/// <summary>
/// What <see cref="Device.MemoryStats"/> reports (JAX's <c>device.memory_stats()</c> keys): the bytes held by arrays
/// on the device now and at most, how many buffers arrays took, the largest, and the device's memory size (0 when the
/// backend does not say). Kernels' temporaries and a backend's cached free blocks are not arrays and not counted.
/// </summary>
public sealed record DeviceMemoryStats(long BytesInUse, long PeakBytesInUse, long NumAllocs, long LargestAllocSize, long BytesLimit);
