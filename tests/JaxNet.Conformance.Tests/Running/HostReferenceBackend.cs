using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Numerics;
using JaxNet.Conformance.Reference;

namespace JaxNet.Conformance.Tests.Running;

/// <summary>
/// A backend over host byte arrays that launches modules with the reference evaluator: the runner's plumbing
/// (allocation, copies, skips, comparison, frees) is tested against it. <see cref="Corrupt"/> makes it wrong on
/// purpose, to show that the runner notices.
/// </summary>
internal sealed class HostReferenceBackend(int devices, BackendCapabilities capabilities) : IBackend, ICollectives
{
    private readonly HashSet<HostBuffer> live = [];

    public Func<byte[], byte[]> Corrupt { get; init; } = bytes => bytes;

    /// <summary>How launches treat float32 subnormals; FlushFloat32 also marks the devices "float32.denormals=flush".</summary>
    public SubnormalMode Subnormals { get; init; } = SubnormalMode.Preserve;

    public int LiveBuffers => live.Count;

    public string Platform => "host-reference";

    public string Description => "the conformance reference evaluator behind IBackend";

    public BackendCapabilities Capabilities => capabilities;

    public IReadOnlyList<DeviceInfo> Devices => Enumerable.Range(0, devices)
        .Select(i => new DeviceInfo(i, "host", 1L << 30, Subnormals == SubnormalMode.FlushFloat32
            ? new Dictionary<string, string> { [BackendTolerances.Float32Denormals] = "flush" }
            : new Dictionary<string, string>()))
        .ToArray();

    public ICollectives? Collectives => this;

    private sealed class HostBuffer(int device, long size) : DeviceBuffer(device, size)
    {
        public byte[] Data { get; } = new byte[size];
    }

    private sealed class Executable(KernelModule module) : IExecutable
    {
        public KernelModule Module => module;

        public string Describe() => module.ToText();

        public void Dispose() { }
    }

    public DeviceBuffer Allocate(int device, long byteSize)
    {
        var buffer = new HostBuffer(device, byteSize);
        live.Add(buffer);
        return buffer;
    }

    public void Free(DeviceBuffer buffer)
    {
        if (!live.Remove((HostBuffer)buffer)) throw new InvalidOperationException("double free");
    }

    public DeviceEvent CopyToDevice(ReadOnlySpan<byte> source, DeviceBuffer destination, long destinationOffset,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        source.CopyTo(((HostBuffer)destination).Data.AsSpan((int)destinationOffset));
        return DeviceEvent.Completed;
    }

    public DeviceEvent CopyToHost(DeviceBuffer source, long sourceOffset, Memory<byte> destination, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        ((HostBuffer)source).Data.AsSpan((int)sourceOffset, destination.Length).CopyTo(destination.Span);
        return DeviceEvent.Completed;
    }

    public DeviceEvent CopyBuffer(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long byteCount,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        Array.Copy(((HostBuffer)source).Data, sourceOffset, ((HostBuffer)destination).Data, destinationOffset, byteCount);
        return DeviceEvent.Completed;
    }

    public IExecutable Compile(KernelModule module, CompileOptions options) => new Executable(module);

    public DeviceEvent Launch(IExecutable executable, int device, ReadOnlySpan<DeviceBuffer> parameters, ReadOnlySpan<DeviceBuffer> results,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        var outputs = ReferenceEvaluator.Evaluate(executable.Module, parameters.ToArray().Select(p => ((HostBuffer)p).Data).ToArray(), Subnormals);
        for (var i = 0; i < outputs.Length; i++) Corrupt(outputs[i]).CopyTo(((HostBuffer)results[i]).Data, 0);
        return DeviceEvent.Completed;
    }

    private DeviceEvent Collective(CollectiveSpec spec, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs)
    {
        var shape = new[] { (int)spec.InputCount };
        var hostInputs = inputs.ToArray().Select(b => new HostTensor(spec.DType, shape, ((HostBuffer)b).Data)).ToArray();
        var results = CollectiveReference.Evaluate(spec, hostInputs);
        for (var g = 0; g < results.Count; g++) Corrupt(results[g].Data).CopyTo(((HostBuffer)outputs[g]).Data, 0);
        return DeviceEvent.Completed;
    }

    public DeviceEvent AllReduce(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCount) =>
        Collective(new CollectiveSpec(CollectiveKind.AllReduce, dtype, inputs.Length, elementCount, op), inputs, outputs);

    public DeviceEvent AllGather(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCountPerMember) =>
        Collective(new CollectiveSpec(CollectiveKind.AllGather, dtype, inputs.Length, elementCountPerMember), inputs, outputs);

    public DeviceEvent ReduceScatter(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        long elementCountPerMember) =>
        Collective(new CollectiveSpec(CollectiveKind.ReduceScatter, dtype, inputs.Length, elementCountPerMember, op), inputs, outputs);

    public DeviceEvent AllToAll(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long chunkElementCount) =>
        Collective(new CollectiveSpec(CollectiveKind.AllToAll, dtype, inputs.Length, chunkElementCount), inputs, outputs);

    public DeviceEvent Permute(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        ReadOnlySpan<SourceTargetPair> pairs, long elementCount) =>
        Collective(new CollectiveSpec(CollectiveKind.Permute, dtype, inputs.Length, elementCount, Pairs: pairs.ToArray()), inputs, outputs);

    public DeviceEvent Broadcast(DType dtype, int root, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCount) =>
        Collective(new CollectiveSpec(CollectiveKind.Broadcast, dtype, inputs.Length, elementCount, Root: root), inputs, outputs);

    public void Dispose() { }
}
