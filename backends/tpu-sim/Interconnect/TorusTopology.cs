namespace JaxNet.Backends.TpuSim.Interconnect;

/// <summary>
/// Where each device sits on the interconnect's torus (device d at mixed-radix coordinates, x fastest), how many
/// hops apart two devices are (wrapping around each dimension), and the ring a collective's group runs on.
/// </summary>
internal sealed class TorusTopology
{
    private readonly int[] extents;

    public TorusTopology(IReadOnlyList<int> torus, int deviceCount)
    {
        extents = torus.Count == 0 ? [deviceCount] : [.. torus];
        var chips = extents.Aggregate(1L, (product, extent) => product * extent);
        if (chips != deviceCount)
            throw new ArgumentException(
                $"the interconnect's torus {Describe()} holds {chips} chips, but there are {deviceCount} devices");
    }

    public string Describe() => string.Join('x', extents);

    public int[] Coordinates(int device)
    {
        var coordinates = new int[extents.Length];
        for (var i = 0; i < extents.Length; i++)
        {
            coordinates[i] = device % extents[i];
            device /= extents[i];
        }
        return coordinates;
    }

    /// <summary>Links crossed on a shortest path: per dimension the shorter way round.</summary>
    public int Hops(int from, int to)
    {
        var a = Coordinates(from);
        var b = Coordinates(to);
        var hops = 0;
        for (var i = 0; i < extents.Length; i++)
        {
            var straight = Math.Abs(a[i] - b[i]);
            hops += Math.Min(straight, extents[i] - straight);
        }
        return hops;
    }

    /// <summary>
    /// The group's members (positions in the group) in the order the ring visits them: along a boustrophedon walk
    /// of the torus (x fastest, each row reversed after an odd one), so that consecutive members of a full torus
    /// are one hop apart.
    /// </summary>
    public int[] RingOrder(IReadOnlyList<int> groupDevices) =>
        Enumerable.Range(0, groupDevices.Count).OrderBy(member => SnakeRank(groupDevices[member])).ToArray();

    /// <summary>The hops of the ring's longest edge (the last member back to the first included).</summary>
    public int LongestRingEdge(IReadOnlyList<int> groupDevices, IReadOnlyList<int> ring)
    {
        var longest = 0;
        for (var p = 0; p < ring.Count; p++)
            longest = Math.Max(longest, Hops(groupDevices[ring[p]], groupDevices[ring[(p + 1) % ring.Count]]));
        return longest;
    }

    /// <summary>
    /// The group as a <see cref="SubTorus"/> when it spans whole lines of two or more dimensions and nothing else;
    /// null for any other group (one line, a scattered subset), which runs on one ring.
    /// </summary>
    public SubTorus? SubTorusOf(IReadOnlyList<int> groupDevices)
    {
        var coordinates = groupDevices.Select(Coordinates).ToArray();
        if (coordinates.Length == 0) return null;
        var spanned = Enumerable.Range(0, extents.Length).Where(d => coordinates.Any(c => c[d] != coordinates[0][d])).ToArray();
        if (spanned.Length < 2) return null;
        var spannedExtents = spanned.Select(d => extents[d]).ToArray();
        var memberAt = new int[spannedExtents.Aggregate(1, (product, extent) => product * extent)];
        if (memberAt.Length != groupDevices.Count) return null;
        Array.Fill(memberAt, -1);
        for (var member = 0; member < coordinates.Length; member++)
        {
            var rank = 0;
            for (var j = spanned.Length - 1; j >= 0; j--) rank = rank * spannedExtents[j] + coordinates[member][spanned[j]];
            if (memberAt[rank] >= 0) return null;
            memberAt[rank] = member;
        }
        return new SubTorus(spannedExtents, memberAt);
    }

    private long SnakeRank(int device)
    {
        var coordinates = Coordinates(device);
        long rank = 0;
        for (var i = extents.Length - 1; i >= 0; i--)
        {
            var c = rank % 2 == 1 ? extents[i] - 1 - coordinates[i] : coordinates[i];
            rank = rank * extents[i] + c;
        }
        return rank;
    }
}
