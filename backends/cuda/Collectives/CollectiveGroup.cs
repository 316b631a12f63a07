using JaxNet.Abstractions;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Memory;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>
/// The members of one collective call, checked: member <c>g</c> owns <see cref="Inputs"/>[g] and
/// <see cref="Outputs"/>[g], both on <see cref="Devices"/>[g]; no device appears twice; every buffer is one of this
/// backend's and holds what the collective reads or writes.
/// </summary>
internal sealed class CollectiveGroup
{
    private CollectiveGroup(CudaBuffer[] inputs, CudaBuffer[] outputs, CudaDevice[] devices)
    {
        Inputs = inputs;
        Outputs = outputs;
        Devices = devices;
    }

    public CudaBuffer[] Inputs { get; }

    public CudaBuffer[] Outputs { get; }

    public CudaDevice[] Devices { get; }

    public int Size => Inputs.Length;

    /// <summary>Checks a call's buffers; the counts are in elements of <paramref name="dtype"/>.</summary>
    public static CollectiveGroup Of(Func<int, CudaDevice> device, ReadOnlySpan<DeviceBuffer> inputs,
        ReadOnlySpan<DeviceBuffer> outputs, long inputElements, long outputElements, DType dtype)
    {
        var (ins, outs) = CollectiveCall.Check("cuda", inputs, outputs, inputElements, outputElements, dtype, Own);
        var devices = ins.Select(b => device(b.Device)).ToArray();
        return new CollectiveGroup(ins, outs, devices);
    }

    private static CudaBuffer Own(DeviceBuffer buffer, string name) => buffer switch
    {
        CudaBuffer { Freed: true } => throw new ArgumentException($"cuda: {name} has been freed", name),
        CudaBuffer b => b,
        _ => throw new ArgumentException($"cuda: {name} is not a buffer of the cuda backend", name),
    };
}
