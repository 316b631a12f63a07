using JaxNet.Abstractions;
using JaxNet.Backends.TpuSim.Machine;

namespace JaxNet.Backends.TpuSim.Interconnect;

/// <summary>
/// How long a collective takes on the torus, with the algorithms of <see cref="TpuCollectives"/>: a bidirectional
/// ring (half of every block travels each way, so each step moves half a block per link and direction). A step
/// costs the longest ring edge's hop latency plus the longer of the transfer and the vector unit's reduction of
/// what arrived (the two overlap, as on the chip). Link contention outside the ring and HBM traffic (which the
/// DMA engines overlap with the links) are not modelled.
/// </summary>
internal sealed class CollectiveCostModel(TpuMachine machine)
{
    private InterconnectConfig Links => machine.Interconnect;

    public CollectiveTiming AllReduce(int size, int longestHop, long elements, int elementBytes)
    {
        if (size == 1) return Local(CollectiveKind.AllReduce, elements * elementBytes);
        var half = Half(Ceiling(elements, size));
        var reduce = ReduceSteps(size, longestHop, half, elementBytes);
        var gather = (size - 1) * Step(longestHop, half * elementBytes, 0);
        return new(CollectiveKind.AllReduce, size, reduce + gather, 2 * (size - 1), longestHop, 2 * (size - 1) * half * elementBytes);
    }

    public CollectiveTiming ReduceScatter(int size, int longestHop, long elementsPerMember, int elementBytes)
    {
        if (size == 1) return Local(CollectiveKind.ReduceScatter, elementsPerMember * elementBytes);
        var half = Half(elementsPerMember);
        return new(CollectiveKind.ReduceScatter, size, ReduceSteps(size, longestHop, half, elementBytes), size - 1, longestHop,
            (size - 1) * half * elementBytes);
    }

    public CollectiveTiming AllGather(int size, int longestHop, long elementsPerMember, int elementBytes)
    {
        if (size == 1) return Local(CollectiveKind.AllGather, elementsPerMember * elementBytes);
        var half = Half(elementsPerMember) * elementBytes;
        return new(CollectiveKind.AllGather, size, (size - 1) * Step(longestHop, half, 0), size - 1, longestHop, (size - 1) * half);
    }

    /// <summary>
    /// Each member sends a chunk to every other along the shorter way round: a link then carries about size^2 / 8
    /// chunks in each direction, after up to size / 2 hops.
    /// </summary>
    public CollectiveTiming AllToAll(int size, int longestHop, long chunkElements, int elementBytes)
    {
        if (size == 1) return Local(CollectiveKind.AllToAll, chunkElements * elementBytes);
        var linkBytes = Ceiling((long)size * size * chunkElements * elementBytes, 8);
        var hops = size / 2 * longestHop;
        return new(CollectiveKind.AllToAll, size, Step(hops, linkBytes, 0), 1, longestHop, linkBytes);
    }

    /// <summary>Every pair's message crosses its shortest path at once; the slowest pair decides.</summary>
    public CollectiveTiming Permute(int size, IEnumerable<int> pairHops, long elements, int elementBytes)
    {
        var bytes = elements * elementBytes;
        var longest = pairHops.DefaultIfEmpty(0).Max();
        var cycles = longest == 0 ? Local(CollectiveKind.Permute, bytes).Cycles : Step(longest, bytes, 0);
        return new(CollectiveKind.Permute, size, cycles, 1, longest, longest == 0 ? 0 : bytes);
    }

    /// <summary>The root streams its buffer both ways round the ring; the chunks pipeline behind the first.</summary>
    public CollectiveTiming Broadcast(int size, int longestHop, long elements, int elementBytes)
    {
        var bytes = elements * elementBytes;
        if (size == 1) return Local(CollectiveKind.Broadcast, bytes);
        var hops = size / 2 * longestHop;
        return new(CollectiveKind.Broadcast, size, Step(hops, bytes, 0), size / 2, longestHop, bytes);
    }

    /// <summary>All-reduce over a <see cref="SubTorus"/>: a reduce-scatter phase per dimension, then a gather phase per dimension.</summary>
    public CollectiveTiming TorusAllReduce(SubTorus torus, long elements, int elementBytes) =>
        TorusPhases(CollectiveKind.AllReduce, torus, elements, elementBytes, reduce: true, gather: true);

    /// <summary>Reduce-scatter over a <see cref="SubTorus"/> of a buffer of all members' blocks.</summary>
    public CollectiveTiming TorusReduceScatter(SubTorus torus, long elementsPerMember, int elementBytes) =>
        TorusPhases(CollectiveKind.ReduceScatter, torus, elementsPerMember * torus.MemberAt.Length, elementBytes, reduce: true, gather: false);

    /// <summary>All-gather over a <see cref="SubTorus"/> into a buffer of all members' blocks.</summary>
    public CollectiveTiming TorusAllGather(SubTorus torus, long elementsPerMember, int elementBytes) =>
        TorusPhases(CollectiveKind.AllGather, torus, elementsPerMember * torus.MemberAt.Length, elementBytes, reduce: false, gather: true);

    /// <summary>
    /// The phases of <see cref="TorusReduction"/>'s algorithm over a buffer of <paramref name="elements"/>: in each,
    /// shard k runs a bidirectional ring along dimension (k + phase) mod D, every shard at once on its own links
    /// (reduce-scatter phases in that order, gather phases in the reverse one). A phase lasts as long as its slowest
    /// shard; each of its ring steps is one hop and moves half a block each way. The vector unit adds what every
    /// shard received, so a reduction step costs the sum of the shards' adds.
    /// </summary>
    private CollectiveTiming TorusPhases(CollectiveKind kind, SubTorus torus, long elements, int elementBytes, bool reduce, bool gather)
    {
        var dimensions = torus.Dimensions;
        var shard = Ceiling(elements, dimensions);
        long cycles = 0, linkBytes = 0;
        var steps = 0;
        void Phase(int phase, bool reducing)
        {
            var shards = Enumerable.Range(0, dimensions).Select(k =>
            {
                var extent = torus.Extents[(k + phase) % dimensions];
                // A chip's part of the shard in this phase is the shard divided by the extents of the phases before
                // it (a gather phase ends with what its reduce phase started with); a ring step moves half of one
                // of its `extent` blocks each way.
                var held = Enumerable.Range(0, phase).Aggregate(shard, (h, i) => Ceiling(h, torus.Extents[(k + i) % dimensions]));
                var block = Ceiling(held, extent);
                return (Steps: extent - 1, LinkBytes: Half(block) * elementBytes, Adds: reducing ? VectorReduceCycles(block) : 0);
            }).ToArray();
            var adds = shards.Sum(s => s.Adds);
            cycles += shards.Max(s => s.Steps * Step(1, s.LinkBytes, adds));
            steps += shards.Max(s => s.Steps);
            linkBytes += shards.Max(s => s.Steps * s.LinkBytes);
        }
        if (reduce)
            for (var phase = 0; phase < dimensions; phase++) Phase(phase, reducing: true);
        if (gather)
            for (var phase = dimensions - 1; phase >= 0; phase--) Phase(phase, reducing: false);
        return new(kind, torus.MemberAt.Length, cycles, steps, 1, linkBytes);
    }

    private long ReduceSteps(int size, int longestHop, long halfElements, int elementBytes) =>
        (size - 1) * Step(longestHop, halfElements * elementBytes, VectorReduceCycles(2 * halfElements));

    private long Step(int hops, long linkBytes, long computeCycles) =>
        (long)hops * Links.HopLatencyCycles + Math.Max((long)Math.Ceiling(linkBytes / Links.LinkBytesPerCycle), computeCycles);

    /// <summary>Add what arrived to one's own values: two loads, one op and one store per vector register.</summary>
    private long VectorReduceCycles(long elements)
    {
        var vector = machine.Vector;
        var registers = Ceiling(elements, vector.ElementsPerVreg);
        return (long)Math.Ceiling(registers * (vector.SimpleOpCycles + 3 * vector.LoadStoreCycles));
    }

    /// <summary>A group of one (or a permute onto itself) copies within HBM: a read and a write of every byte.</summary>
    private CollectiveTiming Local(CollectiveKind kind, long bytes)
    {
        var cycles = bytes == 0 ? 0 : machine.Memory.HbmLatencyCycles + (long)Math.Ceiling(2 * bytes / machine.Memory.HbmBytesPerCycle);
        return new(kind, 1, cycles, 0, 0, 0);
    }

    private static long Half(long elements) => (elements + 1) / 2;

    private static long Ceiling(long a, long b) => (a + b - 1) / b;
}
