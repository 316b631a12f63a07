using JaxNet.Abstractions.Kernels;

namespace JaxNet.Distributed;

/// <summary>
/// The processes of one distributed run and the host-memory collectives between them (what jax.distributed sets up).
/// Every process must make the same calls in the same order with the same sizes: they are collective operations.
/// </summary>
internal interface IProcessGroup
{
    /// <summary>This process's index, 0 to <see cref="Size"/> - 1.</summary>
    int Rank { get; }

    int Size { get; }

    /// <summary>What connects the processes, for messages (e.g. "Open MPI v4.1.4").</summary>
    string Description { get; }

    /// <summary>Replaces <paramref name="data"/> (elements of <paramref name="dtype"/>) by its reduction over all processes.</summary>
    void AllReduce(Span<byte> data, DType dtype, ReduceOp op);

    /// <summary>Every process's <paramref name="mine"/> (all of one length), concatenated in rank order.</summary>
    byte[] AllGather(ReadOnlySpan<byte> mine);

    /// <summary>Sends and receives point to point, all at once (no order between them can deadlock); a message
    /// matches the receive of the same peer and tag.</summary>
    void Exchange(IReadOnlyList<Message> sends, IReadOnlyList<Message> receives);

    /// <summary>The processes <paramref name="ranks"/> as a group of their own, ranked in that order (a collective
    /// call: every process of this group makes it, with the same list); null on a process not in the list.</summary>
    IProcessGroup? Subgroup(IReadOnlyList<int> ranks);
}

/// <summary>A point-to-point message: to or from <paramref name="Peer"/>, matched by <paramref name="Tag"/>.</summary>
internal sealed record Message(int Peer, int Tag, byte[] Data);
