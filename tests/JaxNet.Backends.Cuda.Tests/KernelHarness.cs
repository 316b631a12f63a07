using ILGPU.Runtime;
using JaxNet.Abstractions;
using JaxNet.Backends.Cuda.Kernels;
using JaxNet.Backends.Cuda.Memory;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>Runs one compiled kernel (or part of one) on the emulated device 0 with explicit buffers, below the
/// module level: inputs are buffers 0.., outputs (filled with <see cref="Fill"/>) the buffers after them.</summary>
internal static class KernelHarness
{
    public const byte Fill = 0xAB;

    public static byte[][] Issue(Emulated emulated, Action<LaunchFrame> issue, byte[][] inputs, long[] outputBytes)
    {
        var backend = emulated.Backend;
        var device = backend.Device(0);
        var buffers = new List<DeviceBuffer>();
        foreach (var bytes in inputs.Concat(outputBytes.Select(n => Enumerable.Repeat(Fill, (int)n).ToArray())))
        {
            var buffer = backend.Allocate(0, Math.Max(1, bytes.Length));
            if (bytes.Length > 0) backend.CopyToDevice(bytes, buffer, 0).Wait();
            buffers.Add(buffer);
        }
        lock (device.Gate)
        {
            using var frame = new LaunchFrame(device, buffers.Select(b => ((CudaBuffer)b).View).ToArray());
            issue(frame);
            device.Stream.Synchronize();
        }
        var results = outputBytes.Select((n, i) =>
        {
            var bytes = new byte[n];
            if (n > 0) backend.CopyToHost(buffers[inputs.Length + i], 0, bytes).Wait();
            return bytes;
        }).ToArray();
        foreach (var b in buffers) backend.Free(b);
        return results;
    }

    public static byte[][] Issue(Emulated emulated, Func<Accelerator, ICompiledKernel> compile, byte[][] inputs, long[] outputBytes)
    {
        using var kernel = compile(emulated.Backend.Device(0).Accelerator);
        return Issue(emulated, kernel.Issue, inputs, outputBytes);
    }

    /// <summary>Row-major strides of a shape.</summary>
    public static long[] Strides(int[] shape) => JaxNet.Abstractions.Kernels.IndexMap.RowMajorStrides(shape);

    /// <summary>All multi-indices of a shape in row-major order.</summary>
    public static IEnumerable<int[]> Indices(int[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        for (long flat = 0; flat < count; flat++)
        {
            var index = new int[shape.Length];
            var rest = flat;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = (int)(rest % shape[d]);
                rest /= shape[d];
            }
            yield return index;
        }
    }

    /// <summary>The bf16 bits nearest a float (round to nearest even; finite inputs).</summary>
    public static ushort BFloat16Bits(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (ushort)((bits + 0x7FFFu + ((bits >> 16) & 1)) >> 16);
    }

    public static float FromBFloat16(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);
}
