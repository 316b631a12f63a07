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
        if (inputs.Length == 0) throw new ArgumentException("cuda: a collective needs at least one member", nameof(inputs));
        if (inputs.Length != outputs.Length)
            throw new ArgumentException($"cuda: {inputs.Length} inputs but {outputs.Length} outputs", nameof(outputs));
        if (inputElements < 0 || outputElements < 0)
            throw new ArgumentOutOfRangeException(nameof(inputElements), "cuda: element counts cannot be negative");
        var size = dtype.SizeOf();
        var ins = new CudaBuffer[inputs.Length];
        var outs = new CudaBuffer[inputs.Length];
        var devices = new CudaDevice[inputs.Length];
        var seen = new HashSet<int>();
        for (var g = 0; g < inputs.Length; g++)
        {
            ins[g] = Own(inputs[g], $"inputs[{g}]");
            outs[g] = Own(outputs[g], $"outputs[{g}]");
            if (ins[g].Device != outs[g].Device)
                throw new ArgumentException($"cuda: member {g}'s input is on device {ins[g].Device}, its output on device {outs[g].Device}", nameof(outputs));
            if (!seen.Add(ins[g].Device))
                throw new ArgumentException($"cuda: device {ins[g].Device} appears twice in the collective's group", nameof(inputs));
            if (ins[g].ByteSize < inputElements * size)
                throw new ArgumentException($"cuda: inputs[{g}] has {ins[g].ByteSize} bytes, the collective reads {inputElements * size}", nameof(inputs));
            if (outs[g].ByteSize < outputElements * size)
                throw new ArgumentException($"cuda: outputs[{g}] has {outs[g].ByteSize} bytes, the collective writes {outputElements * size}", nameof(outputs));
            devices[g] = device(ins[g].Device);
        }
        return new CollectiveGroup(ins, outs, devices);
    }

    private static CudaBuffer Own(DeviceBuffer buffer, string name) => buffer switch
    {
        CudaBuffer { Freed: true } => throw new ArgumentException($"cuda: {name} has been freed", name),
        CudaBuffer b => b,
        _ => throw new ArgumentException($"cuda: {name} is not a buffer of the cuda backend", name),
    };
}
