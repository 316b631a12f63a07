namespace JaxNet.Backends.TpuSim.Interconnect;

/// <summary>
/// A collective's group that fills whole torus lines in two or more dimensions (the full torus, or a plane of it):
/// its members sit at every combination of coordinates along <see cref="Extents"/>' dimensions and share their
/// coordinates along the others. Collectives on such a group run along each dimension's lines in turn, which uses
/// every link of a chip where one ring through the group uses two.
/// </summary>
/// <param name="Extents">The extents of the dimensions the group spans (each above 1), x first.</param>
/// <param name="MemberAt">The group member at each coordinate combination, x fastest.</param>
internal sealed record SubTorus(int[] Extents, int[] MemberAt)
{
    public int Dimensions => Extents.Length;

    /// <summary>The members of every line along <paramref name="dimension"/>, each in coordinate order.</summary>
    public IEnumerable<int[]> Lines(int dimension)
    {
        var stride = Extents.Take(dimension).Aggregate(1, (product, extent) => product * extent);
        var extent = Extents[dimension];
        for (var rank = 0; rank < MemberAt.Length; rank++)
            if (rank / stride % extent == 0)
                yield return Enumerable.Range(0, extent).Select(c => MemberAt[rank + c * stride]).ToArray();
    }
}
