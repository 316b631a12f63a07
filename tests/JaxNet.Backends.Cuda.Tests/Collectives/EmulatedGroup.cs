using System.Runtime.InteropServices;
using JaxNet.Abstractions;

namespace JaxNet.Backends.Cuda.Tests.Collectives;

/// <summary>An emulated backend with three devices, and helpers to put arrays on them and read them back.</summary>
public sealed class EmulatedGroup : IDisposable
{
    internal CudaBackend Backend { get; } = CudaPlugin.Emulated(0.5, 3);

    public ICollectives Collectives => Backend.Collectives!;

    /// <summary>One buffer per member (member g on device g) holding the given values.</summary>
    public DeviceBuffer[] Upload<T>(params T[][] members) where T : unmanaged =>
        members.Select((values, g) =>
        {
            var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
            var buffer = Backend.Allocate(g, bytes.Length);
            Backend.CopyToDevice(bytes, buffer, 0);
            return buffer;
        }).ToArray();

    /// <summary>One uninitialised buffer per member, of <paramref name="count"/> elements.</summary>
    public DeviceBuffer[] Outputs<T>(int members, int count) where T : unmanaged =>
        Enumerable.Range(0, members).Select(g => Backend.Allocate(g, count * Marshal.SizeOf<T>())).ToArray();

    public T[] Read<T>(DeviceBuffer buffer) where T : unmanaged
    {
        var bytes = new byte[buffer.ByteSize];
        Backend.CopyToHost(buffer, 0, bytes).Wait();
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    public void Free(params DeviceBuffer[][] groups)
    {
        foreach (var b in groups.SelectMany(g => g)) Backend.Free(b);
    }

    public void Dispose() => Backend.Dispose();
}
