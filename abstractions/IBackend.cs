using JaxNet.Abstractions.Kernels;

namespace JaxNet.Abstractions;

/// <summary>
/// A backend: devices and memory, a kernel compiler, launches, and optionally collectives. This is the whole
/// contract a plugin implements (tinygrad's allocator + compiler + program, and PJRT's client, made small).
/// </summary>
/// <remarks>
/// Ordering: each device has one in-order stream. Copies, launches and frees on a device run in the order they
/// were issued; the <c>waitFor</c> events order work across devices or backends. Every method may be called
/// from any thread; a backend serialises what it must.
/// </remarks>
public interface IBackend : IDisposable
{
    /// <summary>The platform name, e.g. "cpu".</summary>
    string Platform { get; }

    /// <summary>A human-readable description of the implementation (driver, ISA, version).</summary>
    string Description { get; }

    BackendCapabilities Capabilities { get; }

    IReadOnlyList<DeviceInfo> Devices { get; }

    /// <summary>Allocates <paramref name="byteSize"/> bytes (0 is valid) on a device. Contents are undefined.</summary>
    /// <exception cref="OutOfMemoryException">The device has no room.</exception>
    DeviceBuffer Allocate(int device, long byteSize);

    /// <summary>
    /// Releases a buffer. Stream-ordered: work already issued that uses the buffer finishes first, so the host
    /// may free a buffer as soon as it has issued its last use.
    /// </summary>
    void Free(DeviceBuffer buffer);

    /// <summary>
    /// Copies host bytes into a buffer. The backend has consumed <paramref name="source"/> when this returns
    /// (it copies directly or into staging memory), so the caller may reuse it at once.
    /// </summary>
    DeviceEvent CopyToDevice(ReadOnlySpan<byte> source, DeviceBuffer destination, long destinationOffset,
        ReadOnlySpan<DeviceEvent> waitFor = default);

    /// <summary>
    /// Copies bytes from a buffer to host memory. <paramref name="destination"/> must stay valid until the
    /// returned event completes.
    /// </summary>
    DeviceEvent CopyToHost(DeviceBuffer source, long sourceOffset, Memory<byte> destination,
        ReadOnlySpan<DeviceEvent> waitFor = default);

    /// <summary>Copies between two buffers of this backend, on the same or different devices.</summary>
    DeviceEvent CopyBuffer(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset,
        long byteCount, ReadOnlySpan<DeviceEvent> waitFor = default);

    /// <summary>
    /// Compiles a module for this backend. Throws <see cref="KernelCompilationException"/> for a module it cannot
    /// compile, naming the kernel and the reason (an unsupported op is a capability the host should have checked).
    /// </summary>
    IExecutable Compile(KernelModule module, CompileOptions options);

    /// <summary>
    /// Runs a compiled module on a device: its schedule of kernels, in order. <paramref name="parameters"/> and
    /// <paramref name="results"/> follow <see cref="KernelModule.Parameters"/> and <see cref="KernelModule.Results"/>;
    /// the host allocates both, the backend allocates the module's temporaries.
    /// </summary>
    DeviceEvent Launch(IExecutable executable, int device, ReadOnlySpan<DeviceBuffer> parameters,
        ReadOnlySpan<DeviceBuffer> results, ReadOnlySpan<DeviceEvent> waitFor = default);

    /// <summary>The backend's collectives, or null when it has none (the host then stages through host memory).</summary>
    ICollectives? Collectives { get; }
}

/// <summary>Options for <see cref="IBackend.Compile"/>.</summary>
public sealed record CompileOptions
{
    public static CompileOptions Default { get; } = new();

    /// <summary>Backend-specific switches (e.g. "dump" = "path"), passed through from configuration.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}

/// <summary>A compiled module, ready to launch any number of times on any device of its backend.</summary>
public interface IExecutable : IDisposable
{
    KernelModule Module { get; }

    /// <summary>What the backend made of the module, for people: generated source, a plan, or a summary.</summary>
    string Describe();
}

/// <summary>The backend could not compile a kernel.</summary>
public sealed class KernelCompilationException(string kernel, string reason, Exception? inner = null)
    : Exception($"cannot compile kernel '{kernel}': {reason}", inner)
{
    public string Kernel { get; } = kernel;

    public string Reason { get; } = reason;
}
