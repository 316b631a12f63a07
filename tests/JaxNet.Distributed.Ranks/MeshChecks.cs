namespace JaxNet.Distributed.Ranks;

/// <summary>
/// Checks of shard_map over a ('hosts', 'local') mesh of every process's devices: process p holds row p, its local
/// device l the position (p, l), member g = p·L + l. The argument is a [P, 4·L] array whose block at (h, l) is
/// <see cref="Value"/>(h·L + l); each process passes its row, and gets back its row of a result split the same way,
/// which it compares with values computed here without communication. Alone (one process) the mesh is local.
/// </summary>
internal sealed class MeshChecks(int localDevices)
{
    private const string Hosts = "hosts";
    private const string Local = "local";

    private readonly int rank = Jax.ProcessIndex();
    private readonly int processes = Jax.ProcessCount();

    public IEnumerable<(string Name, Action Check)> All() =>
    [
        ("mesh psum over the process axis", () => Expect(x => Jax.Lax.Psum(x, Hosts), (_, l) => Sum(Enumerable.Range(0, processes).Select(h => Value(h, l))))),
        ("mesh psum over the local axis", () => Expect(x => Jax.Lax.Psum(x, Local), (h, _) => Sum(Enumerable.Range(0, localDevices).Select(l => Value(h, l))))),
        ("mesh psum over both axes", () => Expect(x => Jax.Lax.Psum(x, (Hosts, Local)), (_, _) => Sum(Every()))),
        ("mesh pmax over both axes", () => Expect(x => Jax.Lax.Pmax(x, (Local, Hosts)), (_, _) => Every().Aggregate(Jnp.Maximum))),
        ("mesh all_gather over the process axis", () => Expect(x => Jax.Lax.AllGather(x, Hosts).Reshape([1, -1]),
            (_, l) => Jnp.Concatenate(Enumerable.Range(0, processes).Select(h => Value(h, l)).ToArray(), 1))),
        ("mesh all_gather over both axes", () => Expect(x => Jax.Lax.AllGather(x, (Hosts, Local)).Reshape([1, -1]),
            (_, _) => Jnp.Concatenate(Every().ToArray(), 1))),
        ("mesh ppermute ring over the process axis", () => Expect(
            x => Jax.Lax.Ppermute(x, Hosts, Enumerable.Range(0, processes).Select(h => (h, (h + 1) % processes)).ToArray()),
            (h, l) => Value((h + processes - 1) % processes, l))),
        ("mesh axis_index along each axis", () => Expect(
            x => x + Jax.Lax.AxisIndex(Hosts).Astype(DType.Float32) * 100f + Jax.Lax.AxisIndex(Local).Astype(DType.Float32),
            (h, l) => Value(h, l) + (100 * h + l))),
        ("mesh psum_scatter over the process axis", () => Expect(x => Jax.Lax.PsumScatter(Jnp.Tile(x, [1, processes]), Hosts, 1, tiled: true),
            (_, l) => Sum(Enumerable.Range(0, processes).Select(h => Value(h, l))))),
        ("mesh gradient through a psum over the process axis", () => Expect(
            x => Jax.Grad((NDArray y) => Jnp.Sum(Jax.Lax.Psum(y * y, Hosts)))(x),
            (h, l) => Value(h, l) * (2f * processes))),
        ("an all_gather over (local, hosts) across processes is refused, naming the order", GatherWithTheProcessAxisLast),
        ("a mesh of one process's devices in a run of several is refused, naming the fix", LocalMeshAmongProcesses),
        ("another process's position of the mesh has no device here", RemotePosition),
    ];

    private void LocalMeshAmongProcesses()
    {
        var mesh = new Mesh(Jax.Devices(), [1, localDevices], [Hosts, Local]);
        var spec = new PartitionSpec(Hosts, Local);
        NDArray Run() => Jax.ShardMap(x => Jax.Lax.Psum(x, Hosts), mesh, spec, spec)(Value(rank, 0).Reshape([1, 4]));
        if (processes == 1)
        {
            RankChecks.Compare(Run(), Value(0, 0), "a local mesh alone");
            return;
        }
        try
        {
            Run();
        }
        catch (NotSupportedException e) when (e.Message.Contains("Jax.DeviceCount()", StringComparison.Ordinal))
        {
            return;
        }
        throw new InvalidOperationException("a mesh of one process's devices ran across processes");
    }

    /// <summary>
    /// Gathered over (local, hosts), the members come local-major, so a process's devices are not one block of the
    /// group: an order-dependent collective is refused across processes (a reduction, as pmax above, runs). Alone, or
    /// with one device per process, the members are consecutive and the gather runs in that order.
    /// </summary>
    private void GatherWithTheProcessAxisLast()
    {
        NDArray Gather(NDArray x) => Jax.Lax.AllGather(x, (Local, Hosts)).Reshape([1, -1]);
        if (processes == 1 || localDevices == 1)
        {
            var localMajor = Enumerable.Range(0, localDevices).SelectMany(l => Enumerable.Range(0, processes).Select(h => Value(h, l)));
            Expect(Gather, (_, _) => Jnp.Concatenate(localMajor.ToArray(), 1));
            return;
        }
        try
        {
            Expect(Gather, (_, _) => Jnp.Zeros([1, 4]));
        }
        catch (Exception e) when (Innermost(e) is NotSupportedException n && n.Message.Contains("name the axis that spans the processes first", StringComparison.Ordinal))
        {
            return;
        }
        throw new InvalidOperationException("an all_gather over (local, hosts) ran across processes");
    }

    /// <summary>The error the members raised, under whatever wrapped it on the way out of shard_map.</summary>
    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    private void RemotePosition()
    {
        var mesh = new Mesh(Jax.Devices(), [processes, localDevices], [Hosts, Local]);
        if (!mesh[rank, 0].Equals(Jax.Devices()[0])) throw new InvalidOperationException($"position ({rank}, 0) is not this process's first device");
        if (processes == 1) return;
        try
        {
            _ = mesh[(rank + 1) % processes, 0];
        }
        catch (ArgumentOutOfRangeException e) when (e.Message.Contains($"process {(rank + 1) % processes}", StringComparison.Ordinal))
        {
            return;
        }
        throw new InvalidOperationException("another process's position gave a device");
    }

    /// <summary>Block (h, l): a [1, 4] row, different for every position.</summary>
    private NDArray Value(int h, int l) => (Jnp.Arange(4).Astype(DType.Float32) * (h * localDevices + l + 1) - 3f * h + l).Reshape([1, 4]);

    private IEnumerable<NDArray> Every() =>
        Enumerable.Range(0, processes).SelectMany(h => Enumerable.Range(0, localDevices).Select(l => Value(h, l)));

    private static NDArray Sum(IEnumerable<NDArray> blocks) => blocks.Aggregate((a, b) => a + b);

    /// <summary>Runs <paramref name="block"/> under shard_map with both axes split in and out, and compares this process's
    /// blocks of the result with <paramref name="expected"/>(h, l).</summary>
    private void Expect(Func<NDArray, NDArray> block, Func<int, int, NDArray> expected)
    {
        var mesh = new Mesh(Jax.Devices(), [processes, localDevices], [Hosts, Local]);
        var spec = new PartitionSpec(Hosts, Local);
        var mine = Jnp.Concatenate(Enumerable.Range(0, localDevices).Select(l => Value(rank, l)).ToArray(), 1);
        var result = Jax.ShardMap(block, mesh, spec, spec)(mine);
        var width = result.Shape[1] / localDevices;
        if (result.Shape[0] != 1 || result.Shape[1] != width * localDevices)
            throw new InvalidOperationException($"shard_map returned [{string.Join(",", result.Shape)}] on process {rank}");
        for (var l = 0; l < localDevices; l++)
            RankChecks.Compare(result[.., (l * width)..((l + 1) * width)], expected(rank, l), $"position ({rank}, {l})");
    }
}
