using System.Collections.Concurrent;
using JaxNet.Abstractions;
using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

/// <summary>One device of a loaded backend (JAX's Device): <c>cpu:0</c>.</summary>
public sealed class Device : IEquatable<Device>
{
    private const int MaxCachedConstants = 4096;
    private readonly ConcurrentDictionary<Scalar, DeviceArray> constants = new();

    internal Device(IBackend backend, DeviceInfo info)
    {
        Backend = backend;
        Info = info;
    }

    internal IBackend Backend { get; }

    internal DeviceMemoryCounter Memory { get; } = new();

    /// <summary>Device memory held by arrays on this device (jax's <c>device.memory_stats()</c>).</summary>
    public DeviceMemoryStats MemoryStats() => Memory.Snapshot(Info.MemoryBytes);

    public DeviceInfo Info { get; }

    /// <summary>The platform of its backend: "cpu", "vulkan", ...</summary>
    public string Platform => Backend.Platform;

    public int Id => Info.Id;

    public string Kind => Info.Kind;

    /// <summary>
    /// Where uncommitted arrays are made and jitted calls without committed arguments run: the device of the innermost
    /// <see cref="Jax.DefaultDevice(Device)"/> scope on this thread, else <see cref="Jax.Config.DefaultDevice"/>, else
    /// the first device of the default backend.
    /// </summary>
    public static Device Default => Jax.ScopedDefaultDevice ?? Jax.Config.DefaultDevice ?? (defaultDevice ??= Of(BackendRegistry.Default.DefaultBackend, 0));

    private static Device? defaultDevice;

    private static readonly ConcurrentDictionary<(IBackend, int), Device> All = new();

    internal static Device Of(IBackend backend, int id) => All.GetOrAdd((backend, id), k => new Device(k.Item1, k.Item1.Devices[k.Item2]));

    /// <summary>Copies host bytes into a new buffer of this device.</summary>
    internal DeviceArray Upload(ReadOnlySpan<byte> bytes)
    {
        var buffer = UndisposedMemory.Allocate(this, bytes.Length);
        var ready = Backend.CopyToDevice(bytes, buffer, 0);
        return new DeviceArray(this, buffer, ready);
    }

    /// <summary>A shared device copy of a scalar constant (eager <c>x * 2f</c> uploads 2f once); null when the cache is full.</summary>
    internal DeviceArray? CachedConstant(Scalar value)
    {
        if (constants.TryGetValue(value, out var data)) return data;
        if (constants.Count >= MaxCachedConstants) return null;
        var bytes = new byte[value.DType.SizeOf()];
        HostData.Write(bytes, 0, value);
        data = Upload(bytes);
        if (constants.TryAdd(value, data)) data.KeepForever();
        else data.Dispose();
        return constants[value];
    }

    public bool Equals(Device? other) => other is not null && ReferenceEquals(Backend, other.Backend) && Id == other.Id;

    public override bool Equals(object? obj) => obj is Device d && Equals(d);

    public override int GetHashCode() => HashCode.Combine(Backend, Id);

    public override string ToString() => $"{Platform}:{Id}";
}
