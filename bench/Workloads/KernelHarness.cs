using System.Runtime.InteropServices;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// Runs one hand-built <see cref="KernelModule"/> of float32 buffers on a backend, straight through the ABI:
/// compiles it once, uploads the parameters once, and then each <see cref="LaunchAndWait"/> is one launch that
/// the host waits for, which is what the kernel rows time.
/// </summary>
internal sealed class KernelHarness : IDisposable
{
    private readonly IBackend backend;
    private readonly IExecutable executable;
    private readonly DeviceBuffer[] parameters;
    private readonly DeviceBuffer[] results;

    public KernelHarness(IBackend backend, KernelModule module, IReadOnlyList<float[]> parameterData)
    {
        this.backend = backend;
        executable = backend.Compile(module, CompileOptions.Default);
        parameters = module.Parameters.Select(id => backend.Allocate(0, module.Buffers[id].ByteSize)).ToArray();
        results = module.Results.Select(id => backend.Allocate(0, module.Buffers[id].ByteSize)).ToArray();
        for (var i = 0; i < parameters.Length; i++)
            backend.CopyToDevice(MemoryMarshal.AsBytes(parameterData[i].AsSpan()), parameters[i], 0).Wait();
    }

    /// <summary>One launch of the whole module, waited for.</summary>
    public void LaunchAndWait() => backend.Launch(executable, 0, parameters, results).Wait();

    /// <summary>Copies result <paramref name="index"/> back to the host.</summary>
    public float[] ReadResult(int index)
    {
        var bytes = new byte[results[index].ByteSize];
        backend.CopyToHost(results[index], 0, bytes).Wait();
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    public void Dispose()
    {
        foreach (var buffer in parameters.Concat(results)) backend.Free(buffer);
        executable.Dispose();
    }
}
