using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// The bytes of every buffer of a module during one launch: the host's parameters and results, and temporaries
/// allocated for the launch. Kernels write into fresh scratch arrays that are committed when the kernel is done,
/// so a kernel whose output slot is also one of its inputs (the buffer planner reuses slots) reads its inputs intact.
/// </summary>
internal sealed class LaunchMemory(byte[][] buffers)
{
    public byte[] this[int buffer] => buffers[buffer];

    public static LaunchMemory For(KernelModule module, ReadOnlySpan<TpuBuffer> parameters, ReadOnlySpan<TpuBuffer> results)
    {
        var arrays = new byte[module.Buffers.Count][];
        for (var i = 0; i < module.Parameters.Count; i++) arrays[module.Parameters[i]] = parameters[i].Data;
        for (var i = 0; i < module.Results.Count; i++) arrays[module.Results[i]] = results[i].Data;
        foreach (var b in module.Buffers)
            arrays[b.Id] ??= new byte[checked((int)b.ByteSize)];
        return new LaunchMemory(arrays);
    }

    /// <summary>A scratch array of the size of <paramref name="buffer"/>, to be committed with <see cref="Commit"/>.</summary>
    public byte[] Scratch(int buffer) => new byte[buffers[buffer].Length];

    public void Commit(int buffer, byte[] scratch, long byteCount) =>
        Array.Copy(scratch, buffers[buffer], Math.Min(byteCount, buffers[buffer].Length));
}
