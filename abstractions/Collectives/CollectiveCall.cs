namespace JaxNet.Abstractions;

/// <summary>
/// The checks a backend makes on a collective's buffers before it moves anything, as <see cref="ICollectives"/>
/// states the contract: at least one member, one output per input, counts that are not negative, each member's two
/// buffers on one device, no device twice, and buffers that hold what the collective reads and writes.
/// </summary>
public static class CollectiveCall
{
    /// <summary>
    /// Checks a call and returns its buffers as the backend's own type; <paramref name="own"/> casts one buffer
    /// (given its name, e.g. "inputs[2]") or throws <see cref="ArgumentException"/>. Counts are in elements of
    /// <paramref name="dtype"/>; messages start with <paramref name="platform"/>.
    /// </summary>
    public static (TBuffer[] Inputs, TBuffer[] Outputs) Check<TBuffer>(string platform, ReadOnlySpan<DeviceBuffer> inputs,
        ReadOnlySpan<DeviceBuffer> outputs, long inputElements, long outputElements, DType dtype, Func<DeviceBuffer, string, TBuffer> own)
        where TBuffer : DeviceBuffer
    {
        if (inputs.Length == 0) throw new ArgumentException($"{platform}: a collective needs at least one member", nameof(inputs));
        if (inputs.Length != outputs.Length)
            throw new ArgumentException($"{platform}: {inputs.Length} inputs but {outputs.Length} outputs", nameof(outputs));
        if (inputElements < 0 || outputElements < 0)
            throw new ArgumentOutOfRangeException(nameof(inputElements), $"{platform}: element counts cannot be negative");
        var size = dtype.SizeOf();
        var ins = new TBuffer[inputs.Length];
        var outs = new TBuffer[inputs.Length];
        var seen = new HashSet<int>();
        for (var g = 0; g < inputs.Length; g++)
        {
            ins[g] = own(inputs[g], $"inputs[{g}]");
            outs[g] = own(outputs[g], $"outputs[{g}]");
            if (ins[g].Device != outs[g].Device)
                throw new ArgumentException($"{platform}: member {g}'s input is on device {ins[g].Device}, its output on device {outs[g].Device}", nameof(outputs));
            if (!seen.Add(ins[g].Device))
                throw new ArgumentException($"{platform}: device {ins[g].Device} appears twice in the collective's group", nameof(inputs));
            if (ins[g].ByteSize < inputElements * size)
                throw new ArgumentException($"{platform}: inputs[{g}] has {ins[g].ByteSize} bytes, the collective reads {inputElements * size}", nameof(inputs));
            if (outs[g].ByteSize < outputElements * size)
                throw new ArgumentException($"{platform}: outputs[{g}] has {outs[g].ByteSize} bytes, the collective writes {outputElements * size}", nameof(outputs));
        }
        return (ins, outs);
    }
}
