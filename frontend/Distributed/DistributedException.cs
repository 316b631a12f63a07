namespace JaxNet.Distributed;

/// <summary>A failure of the multi-process runtime: MPI missing or failing, or processes that disagree.</summary>
public sealed class DistributedException(string message) : Exception(message);
