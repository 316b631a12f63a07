using System.Collections.Concurrent;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Shared.Profiling;
using JaxNet.Backends.CpuSimd.Collectives;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd;

/// <summary>
/// The cpu backend: <c>n</c> virtual devices over host memory (64-byte-aligned native buffers), one in-order
/// stream each (<see cref="DeviceStreams"/>), kernels compiled to SIMD code, and in-process collectives.
/// </summary>
internal sealed class CpuBackend : IBackend
{
    /// <summary>Launches estimated above this many flops are queued, so the caller gets its results back at once.</summary>
    public const double QueuedLaunchCost = 1 << 22;

    public const int SupportedMaxRank = 8;

    // Buffers not yet released, freed on Dispose. A set under a lock: a concurrent dictionary allocates a node per
    // buffer, which the eager path (one allocate and one free per op) would pay every time.
    private readonly HashSet<CpuBuffer> live = new(LiveBufferComparer.Instance);
    private readonly ConcurrentDictionary<string, Lazy<CpuExecutable>> executables = new();
    private readonly Action<string> log;
    private int disposed;

    /// <param name="deviceCount">The number of virtual devices.</param>
    /// <param name="log">Receives diagnostics.</param>
    /// <param name="cacheBytes">The cap of the freed-buffer cache (<see cref="BlockCache"/>); 0 disables it.</param>
    public CpuBackend(int deviceCount, Action<string> log, long cacheBytes)
    {
        if (deviceCount < 1) throw new BackendUnavailableException($"cpu: the device count must be at least 1, got {deviceCount}");
        this.log = log;
        // One lock for the live set and the cache: an allocation or a release is one critical section.
        Cache = new BlockCache(cacheBytes, live);
        Streams = new DeviceStreams(deviceCount);
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var attributes = new Dictionary<string, string>
        {
            ["isa"] = CpuIsa.Name,
            ["cores"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Devices = Enumerable.Range(0, deviceCount).Select(d => new DeviceInfo(d, "cpu", memory, attributes)).ToArray();
        Capabilities = BackendCapabilities.Everything(DTypeInfo.All, SupportedMaxRank) with
        {
            Attributes = attributes,
            InPlaceScatter = true,
            InterleavedFft = true,
            KernelKinds = Enum.GetValues<KernelKind>().ToHashSet(),
        };
        Collectives = new CpuCollectives(this);
        Description = $"cpu-simd: {deviceCount} virtual device(s) on {Environment.ProcessorCount} core(s), ISA {CpuIsa.Name} " +
                      $"({(CpuIsa.HasVector512 ? "Vector512" : CpuIsa.HasVector256 ? "Vector256" : "scalar")} kernels), .NET {Environment.Version}";
        log($"cpu: {Description}");
    }

    /// <summary>Whether executables time each kernel (setting <c>profile</c>).</summary>
    public bool Profile { get; init; }

    public string Platform => "cpu";

    public string Description { get; }

    public BackendCapabilities Capabilities { get; }

    public IReadOnlyList<DeviceInfo> Devices { get; }

    public ICollectives? Collectives { get; }

    internal DeviceStreams Streams { get; }

    /// <summary>Freed buffers kept for reuse by <see cref="Allocate"/>.</summary>
    internal BlockCache Cache { get; }

    public DeviceBuffer Allocate(int device, long byteSize)
    {
        ThrowIfDisposed();
        CheckDevice(device);
        if (byteSize < 0) throw new ArgumentOutOfRangeException(nameof(byteSize), byteSize, "cpu: a buffer size cannot be negative");
        lock (live)
        {
            var (address, capacity) = Cache.RentLocked(byteSize);
            var buffer = new CpuBuffer(this, device, byteSize, address, capacity);
            live.Add(buffer);
            return buffer;
        }
    }

    public void Free(DeviceBuffer buffer)
    {
        ThrowIfDisposed();
        var own = Own(buffer, nameof(buffer), allowFreed: true);
        if (!own.MarkFreed()) throw new InvalidOperationException($"cpu: double free of {own}");
        // Nothing queued on the stream: release now, without queuing a closure. No gate is needed: work that can
        // still touch the buffer was issued before this Free, so it is queued (behind the tail read here) or ran
        // inline inside a Launch call that has returned; work issued concurrently from another thread would be a
        // use after free in the caller's program.
        if (Streams.IsIdle(own.Device))
        {
            Release(own);
            return;
        }
        ReleaseLater(own);
    }

    // Its own method so that the closure is allocated only when the release is queued (see Queue).
    private void ReleaseLater(CpuBuffer buffer) => Streams.Submit(buffer.Device, () => Release(buffer), default);

    /// <summary>Gives a freed buffer's block to the cache, once (Dispose may have released it already).</summary>
    private void Release(CpuBuffer buffer)
    {
        lock (live)
        {
            if (live.Remove(buffer)) Cache.ReturnLocked(buffer.Address, buffer.Capacity);
        }
    }

    public unsafe DeviceEvent CopyToDevice(ReadOnlySpan<byte> source, DeviceBuffer destination, long destinationOffset,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        ThrowIfDisposed();
        var target = Own(destination, nameof(destination));
        CheckRange(target, destinationOffset, source.Length, nameof(destinationOffset));
        using (var slot = Streams.TryInline(target.Device, waitFor))
        {
            if (slot.Acquired)
            {
                try
                {
                    foreach (var e in waitFor) e.Wait();
                }
                catch (Exception e)
                {
                    return DeviceEvent.Failed(e);
                }
                source.CopyTo(new Span<byte>((byte*)target.Address + destinationOffset, source.Length));
                return DeviceEvent.Completed;
            }
        }
        // Queued behind other work: the caller may reuse its memory at once, so stage a copy.
        var staged = source.ToArray();
        return Streams.Submit(target.Device,
            () => staged.CopyTo(new Span<byte>((byte*)target.Address + destinationOffset, staged.Length)), waitFor);
    }

    public unsafe DeviceEvent CopyToHost(DeviceBuffer source, long sourceOffset, Memory<byte> destination,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        ThrowIfDisposed();
        var from = Own(source, nameof(source));
        CheckRange(from, sourceOffset, destination.Length, nameof(sourceOffset));
        return Streams.Submit(from.Device,
            () => new ReadOnlySpan<byte>((byte*)from.Address + sourceOffset, destination.Length).CopyTo(destination.Span), waitFor);
    }

    public unsafe DeviceEvent CopyBuffer(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset,
        long byteCount, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        ThrowIfDisposed();
        var from = Own(source, nameof(source));
        var to = Own(destination, nameof(destination));
        if (byteCount < 0) throw new ArgumentOutOfRangeException(nameof(byteCount), byteCount, "cpu: a byte count cannot be negative");
        CheckRange(from, sourceOffset, byteCount, nameof(sourceOffset));
        CheckRange(to, destinationOffset, byteCount, nameof(destinationOffset));
        int[] devices = from.Device == to.Device ? [from.Device] : [Math.Min(from.Device, to.Device), Math.Max(from.Device, to.Device)];
        return Streams.Submit(devices,
            () => Buffer.MemoryCopy((byte*)from.Address + sourceOffset, (byte*)to.Address + destinationOffset, byteCount, byteCount),
            waitFor);
    }

    public IExecutable Compile(KernelModule module, CompileOptions options)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(module);
        var lazy = executables.GetOrAdd(module.Fingerprint(), _ => new Lazy<CpuExecutable>(() => CompileNow(module)));
        try
        {
            var executable = lazy.Value;
            if (options.Options.TryGetValue("dump", out var folder) && !string.IsNullOrEmpty(folder)) Dump(executable, folder);
            return executable;
        }
        catch
        {
            // Do not cache failures: a later call reports the error afresh.
            executables.TryRemove(new KeyValuePair<string, Lazy<CpuExecutable>>(module.Fingerprint(), lazy));
            throw;
        }
    }

    /// <summary>Writes the plan to <c>folder/name-fingerprint.txt</c> (CompileOptions "dump").</summary>
    private void Dump(CpuExecutable executable, string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{executable.Module.Name}-{executable.Module.Fingerprint()[..12]}.txt");
        File.WriteAllText(file, executable.Describe());
        log($"cpu: wrote {file}");
    }

    private CpuExecutable CompileNow(KernelModule module)
    {
        module.Validate();
        foreach (var kernel in module.Kernels)
        {
            var missing = Capabilities.Unsupported(kernel);
            if (missing is not null) throw new KernelCompilationException(kernel.Name, $"cpu does not support {missing}");
        }
        var context = new CompileContext(module);
        var kernels = module.Kernels.Select(k => KernelCompiler.Compile(k, context)).ToArray();
        log($"cpu: compiled module '{module.Name}' ({kernels.Length} kernel(s))");
        return new CpuExecutable(this, module, kernels, context.ScratchSizes.ToArray(), CpuIsa.Name)
        {
            Profile = Profile ? new KernelProfile(kernels.Length) : null,
        };
    }

    public DeviceEvent Launch(IExecutable executable, int device, ReadOnlySpan<DeviceBuffer> parameters,
        ReadOnlySpan<DeviceBuffer> results, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        ThrowIfDisposed();
        CheckDevice(device);
        if (executable is not CpuExecutable exe || !ReferenceEquals(exe.Owner, this))
            throw new ArgumentException("cpu: the executable was not compiled by this backend", nameof(executable));
        var module = exe.Module;
        CheckBuffers(parameters, exe.ParameterIds, exe.ParameterBytes, module, device, nameof(parameters));
        CheckBuffers(results, exe.ResultIds, exe.ResultBytes, module, device, nameof(results));
        if (exe.Cost < QueuedLaunchCost)
        {
            // The eager fast path: run on the caller's thread straight from the spans, allocating nothing.
            using var slot = Streams.TryInline(device, waitFor);
            if (slot.Acquired)
            {
                try
                {
                    foreach (var e in waitFor) e.Wait();
                    exe.Run(parameters, results);
                    return DeviceEvent.Completed;
                }
                catch (Exception e)
                {
                    return DeviceEvent.Failed(e);
                }
            }
        }
        return Queue(exe, device, Addresses(parameters), Addresses(results), waitFor);
    }

    // A method of its own so that the closure is allocated only here: a lambda in Launch would make the compiler
    // allocate its captured variables on every call, fast path included.
    private DeviceEvent Queue(CpuExecutable exe, int device, nint[] parameters, nint[] results, ReadOnlySpan<DeviceEvent> waitFor) =>
        Streams.Submit(device, () => exe.Run(parameters, results), waitFor, preferQueued: exe.Cost >= QueuedLaunchCost);

    /// <summary>Checks that the buffers are ours, live, on the launch's device and large enough for the module.</summary>
    private void CheckBuffers(ReadOnlySpan<DeviceBuffer> buffers, int[] ids, long[] bytes, KernelModule module, int device, string role)
    {
        if (buffers.Length != ids.Length)
            throw new ArgumentException($"cpu: module '{module.Name}' takes {ids.Length} {role}, got {buffers.Length}", role);
        for (var i = 0; i < buffers.Length; i++)
        {
            var buffer = Own(buffers[i], role);
            if (buffer.Device != device)
                throw new ArgumentException($"cpu: {role}[{i}] lives on device {buffer.Device}, the launch is on device {device}", role);
            var declared = bytes[i];
            if (buffer.ByteSize < declared)
                throw new ArgumentException($"cpu: {role}[{i}] has {buffer.ByteSize} bytes, b{ids[i]} of module '{module.Name}' needs {declared}", role);
        }
    }

    /// <summary>The addresses of checked buffers, captured for work that runs later.</summary>
    private static nint[] Addresses(ReadOnlySpan<DeviceBuffer> buffers)
    {
        var addresses = new nint[buffers.Length];
        for (var i = 0; i < buffers.Length; i++) addresses[i] = ((CpuBuffer)buffers[i]).Address;
        return addresses;
    }

    /// <summary>The buffer as one of ours, or a clear error (another backend's, or already freed).</summary>
    internal CpuBuffer Own(DeviceBuffer buffer, string role, bool allowFreed = false)
    {
        ArgumentNullException.ThrowIfNull(buffer, role);
        if (buffer is not CpuBuffer own || !ReferenceEquals(own.Owner, this))
            throw new ArgumentException($"cpu: {role} is a {buffer.GetType().Name} of another backend, not a buffer of this cpu backend", role);
        if (!allowFreed && own.IsFreed) throw new ArgumentException($"cpu: {role} ({own}) was already freed", role);
        return own;
    }

    private void CheckDevice(int device)
    {
        if (device < 0 || device >= Devices.Count)
            throw new ArgumentOutOfRangeException(nameof(device), device, $"cpu: device {device} does not exist (0..{Devices.Count - 1})");
    }

    private static void CheckRange(CpuBuffer buffer, long offset, long count, string role)
    {
        if (offset < 0 || count < 0 || offset > buffer.ByteSize - count)
            throw new ArgumentException(
                $"cpu: {count} bytes at offset {offset} do not fit in {buffer} ({buffer.ByteSize} bytes)", role);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        Streams.Dispose();
        foreach (var exe in executables.Values)
            if (exe.IsValueCreated) exe.Value.Dispose();
        executables.Clear();
        lock (live)
        {
            foreach (var buffer in live) NativeBlock.Free(buffer.Address);
            live.Clear();
        }
        Cache.Dispose();
    }
}
