using JaxNet.Backends.Vulkan.Codegen;
using JaxNet.Backends.Vulkan.Driver;
using JaxNet.Backends.Vulkan.Memory;

namespace JaxNet.Backends.Vulkan.Launch;

/// <summary>
/// An executable's constant tables (the fft's roots of unity and Bluestein's chirp), uploaded to a device by the first
/// launch there and kept until the executable is disposed. Uploading them per launch cost an allocation, a host copy
/// and, while the stream was busy, a host operation between two launches' GPU work; CUDA's compiled kernels keep
/// theirs on the device the same way.
/// </summary>
internal sealed class ResidentConstants(IReadOnlyList<ScratchBuffer> scratch) : IDisposable
{
    private readonly Dictionary<int, (VulkanDevice Device, VulkanBuffer?[] Tables)> uploaded = [];
    private readonly Lock gate = new();
    private bool disposed;

    /// <summary>True when the executable has tables at all.</summary>
    public bool Any { get; } = scratch.Any(s => s.Contents is not null);

    /// <summary>
    /// Scratch entry s's table on <paramref name="device"/> (null where entry s is plain scratch). The first call per
    /// device issues the uploads on its stream, so every launch issued after it reads them filled.
    /// </summary>
    public IReadOnlyList<VulkanBuffer?> On(VulkanDevice device)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (uploaded.TryGetValue(device.Id, out var entry)) return entry.Tables;
            var tables = new VulkanBuffer?[scratch.Count];
            for (var s = 0; s < scratch.Count; s++)
            {
                if (scratch[s].Contents is not { } contents) continue;
                var table = tables[s] = device.Allocate(device.Arrays, contents.Length);
                Transfers.ToDevice(device, contents, table, 0, default);
            }
            uploaded[device.Id] = (device, tables);
            return tables;
        }
    }

    /// <summary>Bytes of tables held on <paramref name="deviceId"/> (for tests).</summary>
    public long BytesOn(int deviceId)
    {
        lock (gate) return uploaded.TryGetValue(deviceId, out var entry) ? entry.Tables.Sum(t => t?.ByteSize ?? 0) : 0;
    }

    /// <summary>Frees the tables once the work issued so far (launches that may still read them) has completed.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            foreach (var (device, tables) in uploaded.Values)
                device.Stream.ReleaseAfterIssued(() =>
                {
                    foreach (var table in tables)
                        if (table is not null) device.Arrays.Release(table);
                });
            uploaded.Clear();
        }
    }
}
