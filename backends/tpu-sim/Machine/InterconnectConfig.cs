namespace JaxNet.Backends.TpuSim.Machine;

/// <summary>
/// The chip-to-chip links collectives travel over: each simulated device is a chip on a torus whose extents are
/// <see cref="Torus"/> (empty: one ring of all devices), joined to each torus neighbour by a link carrying
/// <see cref="LinkBytesPerCycle"/> in each direction, with <see cref="HopLatencyCycles"/> per hop.
/// </summary>
public sealed record InterconnectConfig
{
    /// <summary>The torus's extents, x first (e.g. [2, 2, 2]); their product must equal the device count.</summary>
    public int[] Torus { get; init; } = [];

    /// <summary>Bytes per core clock cycle on one link in one direction.</summary>
    public double LinkBytesPerCycle { get; init; } = 47.6;

    /// <summary>Cycles a message spends per hop before its first byte arrives (router and wire).</summary>
    public int HopLatencyCycles { get; init; } = 500;
}
