using System.Runtime.InteropServices;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>Builds one-kernel modules and runs them on the shared backend's device 0.</summary>
internal static class ModuleRunner
{
    /// <summary>Runs a kernel whose buffers 0..n-1 are the parameters (given) and n.. the results (of the given sizes).</summary>
    public static byte[][] Run(Kernel kernel, byte[][] parameters, long[] resultBytes, IReadOnlyList<long>? temporaries = null)
    {
        var decls = new List<BufferDecl>();
        foreach (var p in parameters) decls.Add(new BufferDecl(decls.Count, BufferRole.Parameter, p.Length));
        foreach (var r in resultBytes) decls.Add(new BufferDecl(decls.Count, BufferRole.Result, r));
        foreach (var t in temporaries ?? []) decls.Add(new BufferDecl(decls.Count, BufferRole.Temporary, t));
        var module = new KernelModule("test_" + kernel.Name, decls, [kernel],
            Enumerable.Range(0, parameters.Length).ToArray(),
            Enumerable.Range(parameters.Length, resultBytes.Length).ToArray());
        return Run(module, parameters);
    }

    public static byte[][] Run(KernelModule module, byte[][] parameters)
    {
        var backend = VulkanAvailability.Backend;
        using var exe = backend.Compile(module, CompileOptions.Default);
        var inputs = parameters.Select(p =>
        {
            var b = backend.Allocate(0, p.Length);
            backend.CopyToDevice(p, b, 0);
            return b;
        }).ToArray();
        var outputs = module.Results.Select(r => backend.Allocate(0, module.Buffers[r].ByteSize)).ToArray();
        backend.Launch(exe, 0, inputs, outputs);
        var results = outputs.Select(o => new byte[o.ByteSize]).ToArray();
        var events = outputs.Select((o, i) => backend.CopyToHost(o, 0, results[i])).ToArray();
        foreach (var e in events) e.Wait();
        foreach (var b in inputs.Concat(outputs)) backend.Free(b);
        return results;
    }

    public static byte[] Bytes<T>(params T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static T[] Values<T>(byte[] bytes) where T : unmanaged => MemoryMarshal.Cast<byte, T>(bytes).ToArray();

    /// <summary>Asserts |got - want| &lt;= tolerance * (1 + |want|): float32 results against double references.</summary>
    public static void Close(double want, double got, double tolerance = 1e-4) =>
        Xunit.Assert.True(Math.Abs(got - want) <= tolerance * (1 + Math.Abs(want)), $"got {got}, want {want}");

    /// <summary>
    /// A float32 operand as the shared backend's shaders compute with it: subnormals read as zero of their sign
    /// where the device cannot preserve them (no DenormPreserve, e.g. lavapipe), else unchanged.
    /// </summary>
    public static float Operand(float x) =>
        ((VulkanBackend)VulkanAvailability.Backend).Target.FlushesFloat32Subnormals && float.IsSubnormal(x) ? (x < 0 ? -0f : 0f) : x;

    public static MappedInput Contiguous(int buffer, DType dtype, int[] shape) => new(buffer, dtype, IndexMap.Identity(shape));
}
