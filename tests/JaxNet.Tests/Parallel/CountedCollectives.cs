using System.Collections.Concurrent;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Tests.Runtime;

namespace JaxNet.Tests.Parallel;

/// <summary>Another backend whose collectives are recorded, each call as its kind and the number of devices in its
/// group, and then run by the backend's own.</summary>
internal sealed class BackendWithCountedCollectives(IBackend inner) : ForwardingBackend(inner)
{
    private readonly CountedCollectives collectives = new(inner.Collectives
        ?? throw new ArgumentException($"{inner.Description} has no collectives to count", nameof(inner)));

    public override string Description { get; } = inner.Description + ", collectives counted";

    public override BackendCapabilities Capabilities { get; } = inner.Capabilities;

    public override ICollectives? Collectives => collectives;

    /// <summary>The calls since the last <see cref="Reset"/>, in order.</summary>
    public IReadOnlyList<(CollectiveKind Kind, int Devices)> Calls => [.. collectives.Calls];

    public void Reset() => collectives.Calls.Clear();

    private sealed class CountedCollectives(ICollectives inner) : ICollectives
    {
        public ConcurrentQueue<(CollectiveKind Kind, int Devices)> Calls { get; } = new();

        public DeviceEvent AllReduce(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
            long elementCount) => Record(CollectiveKind.AllReduce, inputs.Length, inner.AllReduce(op, dtype, inputs, outputs, elementCount));

        public DeviceEvent AllGather(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
            long elementCountPerMember) => Record(CollectiveKind.AllGather, inputs.Length, inner.AllGather(dtype, inputs, outputs, elementCountPerMember));

        public DeviceEvent ReduceScatter(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
            long elementCountPerMember) =>
            Record(CollectiveKind.ReduceScatter, inputs.Length, inner.ReduceScatter(op, dtype, inputs, outputs, elementCountPerMember));

        public DeviceEvent AllToAll(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long chunkElementCount) =>
            Record(CollectiveKind.AllToAll, inputs.Length, inner.AllToAll(dtype, inputs, outputs, chunkElementCount));

        public DeviceEvent Permute(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
            ReadOnlySpan<SourceTargetPair> pairs, long elementCount) =>
            Record(CollectiveKind.Permute, inputs.Length, inner.Permute(dtype, inputs, outputs, pairs, elementCount));

        public DeviceEvent Broadcast(DType dtype, int root, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
            long elementCount) => Record(CollectiveKind.Broadcast, inputs.Length, inner.Broadcast(dtype, root, inputs, outputs, elementCount));

        private DeviceEvent Record(CollectiveKind kind, int devices, DeviceEvent done)
        {
            Calls.Enqueue((kind, devices));
            return done;
        }
    }
}
