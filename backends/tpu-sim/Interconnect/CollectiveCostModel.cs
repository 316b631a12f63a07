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
