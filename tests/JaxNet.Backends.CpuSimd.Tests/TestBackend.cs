using System.Runtime.InteropServices;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>Creates cpu backends the way the host does (through the plugin) and moves typed arrays in and out.</summary>
internal static class TestBackend
{
    public static IBackend Create(int devices = 1) =>
        new CpuPlugin().Create(new PluginContext("cpu", AppContext.BaseDirectory,
            new Dictionary<string, string?> { ["devices"] = devices.ToString(System.Globalization.CultureInfo.InvariantCulture) }, _ => { }));

    public static DeviceBuffer Upload<T>(this IBackend backend, T[] data, int device = 0) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(data.AsSpan());
        var buffer = backend.Allocate(device, bytes.Length);
        backend.CopyToDevice(bytes, buffer, 0).Wait();
        return buffer;
    }

    public static T[] Download<T>(this IBackend backend, DeviceBuffer buffer, long count) where T : unmanaged
    {
        var result = new T[count];
        var bytes = new byte[count * Marshal.SizeOf<T>()];
        backend.CopyToHost(buffer, 0, bytes).Wait();
        MemoryMarshal.Cast<byte, T>(bytes).CopyTo(result);
        return result;
    }
}

/// <summary>
/// Builds a one-off module from typed host arrays, runs it on device 0 and reads the results back: parameters are
/// declared with <see cref="Input{T}"/>, results with <see cref="Output"/>, then <see cref="Run"/>.
/// </summary>
internal sealed class ModuleHarness : IDisposable
{
    private readonly List<BufferDecl> buffers = [];
    private readonly List<(int Id, byte[] Data)> inputs = [];
    private readonly List<int> results = [];
    private readonly Dictionary<int, byte[]> outputs = [];

    public ModuleHarness(IBackend? backend = null) => Backend = backend ?? TestBackend.Create();

    public IBackend Backend { get; }

    public IExecutable? Executable { get; private set; }

    /// <summary>Whether result buffers start as all-ones bytes (NaN floats, -1 integers) rather than as the allocator
    /// leaves them, so that a kernel that skips writing an element cannot pass for one that wrote zero.</summary>
    public bool PoisonResults { get; init; }

    public int Input<T>(T[] data) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(data.AsSpan()).ToArray();
        var id = buffers.Count;
        buffers.Add(new BufferDecl(id, BufferRole.Parameter, bytes.Length));
        inputs.Add((id, bytes));
        return id;
    }

    public int Output(long bytes)
    {
        var id = buffers.Count;
        buffers.Add(new BufferDecl(id, BufferRole.Result, bytes));
        results.Add(id);
        return id;
    }

    public int Temporary(long bytes)
    {
        var id = buffers.Count;
        buffers.Add(new BufferDecl(id, BufferRole.Temporary, bytes));
        return id;
    }

    public KernelModule Module(params Kernel[] kernels) =>
        new("test", buffers.ToArray(), kernels, inputs.Select(i => i.Id).ToArray(), results.ToArray());

    public void Run(params Kernel[] kernels)
    {
        Executable = Backend.Compile(Module(kernels), CompileOptions.Default);
        var parameterBuffers = inputs.Select(i => Backend.Upload(i.Data)).ToArray();
        var resultBuffers = results.Select(r => PoisonResults
            ? Backend.Upload(Enumerable.Repeat((byte)0xFF, checked((int)buffers[r].ByteSize)).ToArray())
            : Backend.Allocate(0, buffers[r].ByteSize)).ToArray();
        Backend.Launch(Executable, 0, parameterBuffers, resultBuffers).Wait();
        for (var i = 0; i < results.Count; i++)
            outputs[results[i]] = Backend.Download<byte>(resultBuffers[i], buffers[results[i]].ByteSize);
        foreach (var b in parameterBuffers.Concat(resultBuffers)) Backend.Free(b);
    }

    public T[] Result<T>(int id) where T : unmanaged => MemoryMarshal.Cast<byte, T>(outputs[id]).ToArray();

    public void Dispose() => Backend.Dispose();
}
