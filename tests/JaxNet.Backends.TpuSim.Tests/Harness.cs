using System.Runtime.InteropServices;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim;
using JaxNet.Backends.TpuSim.Machine;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>Builds one-kernel modules and runs them on a tpu-sim backend through the ABI, as the host would.</summary>
internal static class Harness
{
    public static TpuSimBackend Backend(TpuMachine? machine = null, string? trace = null) => new(machine ?? TpuMachine.V4, 1, trace);

    /// <summary>A module whose buffers 0..inputs-1 are parameters and whose remaining buffers are results.</summary>
    public static KernelModule Module(Kernel kernel, long[] inputBytes, long[] outputBytes)
    {
        var buffers = new List<BufferDecl>();
        foreach (var b in inputBytes) buffers.Add(new BufferDecl(buffers.Count, BufferRole.Parameter, b));
        foreach (var b in outputBytes) buffers.Add(new BufferDecl(buffers.Count, BufferRole.Result, b));
        return new KernelModule("test_" + kernel.Name, buffers, [kernel],
            Enumerable.Range(0, inputBytes.Length).ToArray(),
            Enumerable.Range(inputBytes.Length, outputBytes.Length).ToArray());
    }

    public static byte[][] Run(Kernel kernel, byte[][] inputs, long[] outputBytes, TpuSimBackend? backend = null)
    {
        backend ??= Backend();
        var module = Module(kernel, inputs.Select(i => (long)i.Length).ToArray(), outputBytes);
        var exe = backend.Compile(module, CompileOptions.Default);
        var parameters = inputs.Select(i =>
        {
            var buffer = backend.Allocate(0, i.Length);
            backend.CopyToDevice(i, buffer, 0).Wait();
            return buffer;
        }).ToArray();
        var results = outputBytes.Select(b => backend.Allocate(0, b)).ToArray();
        backend.Launch(exe, 0, parameters, results).Wait();
        return results.Select(r =>
        {
            var bytes = new byte[r.ByteSize];
            backend.CopyToHost(r, 0, bytes).Wait();
            return bytes;
        }).ToArray();
    }

    public static byte[] Bytes<T>(T[] values) where T : struct => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static T[] Values<T>(byte[] bytes) where T : struct => MemoryMarshal.Cast<byte, T>(bytes.AsSpan()).ToArray();

    public static float[] RandomFloats(Random random, int n, double scale = 1) =>
        Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    /// <summary>bf16 rounding computed independently of the backend: keep the upper 16 bits, nearest even.</summary>
    public static double RoundToBf16(float x)
    {
        var bits = BitConverter.SingleToUInt32Bits(x);
        var lower = bits & 0xFFFF;
        var upper = bits >> 16;
        if (lower > 0x8000 || (lower == 0x8000 && (upper & 1) == 1)) upper++;
        return BitConverter.UInt32BitsToSingle(upper << 16);
    }

    public static MappedInput Input(int buffer, DType dtype, int[] shape) => new(buffer, dtype, IndexMap.Identity(shape));
}
