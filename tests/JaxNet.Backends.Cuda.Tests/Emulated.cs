using System.Runtime.InteropServices;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>One emulated backend for the test run, and helpers to run a module on float or int arrays.</summary>
public sealed class Emulated : IDisposable
{
    public Emulated()
        : this(CudaPlugin.Emulated(0.5, 1))
    {
    }

    /// <summary>The helpers over another emulated backend, which this then owns.</summary>
    internal Emulated(CudaBackend backend) => Backend = backend;

    internal CudaBackend Backend { get; }

    /// <summary>Device 0's accelerator, for compiling one kernel class directly.</summary>
    internal ILGPU.Runtime.Accelerator Accelerator => Backend.Device(0).Accelerator;

    public void Dispose() => Backend.Dispose();

    public byte[][] Run(KernelModule module, params byte[][] parameters)
    {
        var exe = Backend.Compile(module, CompileOptions.Default);
        var ins = parameters.Select(p =>
        {
            var b = Backend.Allocate(0, p.Length);
            Backend.CopyToDevice(p, b, 0).Wait();
            return b;
        }).ToArray();
        var outs = module.Results.Select(r => Backend.Allocate(0, module.Buffers[r].ByteSize)).ToArray();
        Backend.Launch(exe, 0, ins, outs).Wait();
        var results = outs.Select(o =>
        {
            var bytes = new byte[o.ByteSize];
            Backend.CopyToHost(o, 0, bytes).Wait();
            return bytes;
        }).ToArray();
        foreach (var b in ins.Concat(outs)) Backend.Free(b);
        return results;
    }

    /// <summary>Runs <paramref name="module"/> on parameters of zero bytes.</summary>
    public byte[][] RunOnZeros(KernelModule module) =>
        Run(module, module.Parameters.Select(p => new byte[module.Buffers[p].ByteSize]).ToArray());

    public static byte[] Bytes<T>(params T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static T[] Values<T>(byte[] bytes) where T : unmanaged => MemoryMarshal.Cast<byte, T>(bytes).ToArray();
}
