using JaxNet.Abstractions;

namespace JaxNet.Backends.TpuSim.Interconnect;

/// <summary>
/// The simulated cost of one collective: the cycles from the moment its last member is ready until every member
/// has its result, the ring steps it took, the hops of the ring's longest edge, and the bytes one link carries in
/// one direction.
/// </summary>
public sealed record CollectiveTiming(CollectiveKind Kind, int GroupSize, long Cycles, int Steps, int LongestHop, long LinkBytes);
