using JaxNet.Distributed;

namespace JaxNet.Distributed.Ranks;

/// <summary>
/// Checks of pmap across processes. Member g of the axis (process g / L, local device g % L) starts from
/// <see cref="Value"/>(g); every process can compute every member's value, so each check knows its expected result
/// without communicating and compares its own members' results with it.
/// </summary>
internal sealed class RankChecks(int localDevices)
{
    private const string Axis = "i";

    private readonly int first = Jax.ProcessIndex() * localDevices;
    private readonly int size = Jax.ProcessCount() * localDevices;

    public IEnumerable<(string Name, Action Check)> All() =>
    [
        ("psum float32", () => Expect(Jax.Pmap(x => Jax.Lax.Psum(x, Axis), Axis), Local(Value), Jnp.Sum(Every(Value), axis: 0))),
        ("pmean", () => Expect(Jax.Pmap(x => Jax.Lax.Pmean(x, Axis), Axis), Local(Value), Jnp.Mean(Every(Value), axis: 0))),
        ("pmax keeps NaN", () => Expect(Jax.Pmap(x => Jax.Lax.Pmax(x, Axis), Axis), Local(WithNaN), Jnp.Max(Every(WithNaN), axis: 0))),
        ("pmin", () => Expect(Jax.Pmap(x => Jax.Lax.Pmin(x, Axis), Axis), Local(Value), Jnp.Min(Every(Value), axis: 0))),
        ("psum int32", () => Expect(Jax.Pmap(x => Jax.Lax.Psum(x, Axis), Axis), Local(Integers), Jnp.Sum(Every(Integers), axis: 0))),
        ("pmax int32", () => Expect(Jax.Pmap(x => Jax.Lax.Pmax(x, Axis), Axis), Local(Integers), Jnp.Max(Every(Integers), axis: 0))),
        ("psum bool counts", () => Expect(Jax.Pmap(x => Jax.Lax.Psum(x, Axis), Axis), Local(Flags), Jnp.Sum(Every(Flags).Astype(DType.Int32), axis: 0))),
        ("psum bfloat16", () => Expect(Jax.Pmap(x => Jax.Lax.Psum(x, Axis), Axis), Local(g => Integers(g).Astype(DType.BFloat16)),
            Jnp.Sum(Every(Integers), axis: 0).Astype(DType.BFloat16))),
        ("psum of an empty array", () => Expect(Jax.Pmap(x => Jax.Lax.Psum(x, Axis), Axis), Local(_ => Jnp.Zeros([0])), Jnp.Zeros([0]))),
        ("all_gather", () => Expect(Jax.Pmap(x => Jax.Lax.AllGather(x, Axis), Axis), Local(Value), Every(Value))),
        ("ppermute ring", () => ExpectPerMember(Jax.Pmap(x => Jax.Lax.Ppermute(x, Axis, Ring()), Axis), Local(Value),
            g => Value((g + size - 1) % size))),
        ("ppermute one pair, zeros elsewhere", () => ExpectPerMember(Jax.Pmap(x => Jax.Lax.Ppermute(x, Axis, [(0, size - 1)]), Axis),
            Local(Value), g => g == size - 1 ? Value(0) : Jnp.Zeros([4]))),
        ("axis_index", () => ExpectPerMember(Jax.Pmap(x => x + Jax.Lax.AxisIndex(Axis).Astype(DType.Float32), Axis), Local(Value),
            g => Value(g) + g)),
        ("stages between collectives", () => ExpectPerMember(
            Jax.Pmap(x => Jax.Lax.Ppermute(Jnp.Tanh(Jax.Lax.Psum(x, Axis)) * x, Axis, Ring()), Axis), Local(Value),
            g => Jnp.Tanh(Jnp.Sum(Every(Value), axis: 0)) * Value((g + size - 1) % size))),
        ("all_to_all", () => ExpectPerMember(Jax.Pmap(x => Jax.Lax.AllToAll(x, Axis, 0, 0), Axis), Local(Rows),
            r => Jnp.Stack(Enumerable.Range(0, size).Select(j => Rows(j)[r]).ToArray()))),
        ("all_to_all tiled, chunks of two rows", () => ExpectPerMember(Jax.Pmap(x => Jax.Lax.AllToAll(x, Axis, 0, 1, tiled: true), Axis),
            Local(g => Jnp.Concatenate([Rows(g), Rows(g) * -1f], 0)),
            r => Jnp.Concatenate(Enumerable.Range(0, size).Select(j => Jnp.Concatenate([Rows(j), Rows(j) * -1f], 0)[(2 * r)..(2 * r + 2)]).ToArray(), 1))),
        ("psum_scatter", () => ExpectPerMember(Jax.Pmap(x => Jax.Lax.PsumScatter(x, Axis), Axis), Local(Rows),
            r => Jnp.Sum(Every(Rows), axis: 0)[r])),
        ("out_axes None returns the psum once", () => Compare(Jax.Pmap(x => Jax.Lax.Psum(x, Axis), Axis, outAxes: [null])(Local(Value)),
            Jnp.Sum(Every(Value), axis: 0), "the replicated result")),
        ("psums of three dtypes in one meeting", CombinedPsums),
        ("data-parallel gradient (pmean of grads)", DataParallelGradient),
        ("gradient through psum, all_gather and ppermute", GradientThroughCollectives),
        ("grad of a function that calls pmap", GradOfPmap),
        ("processes that disagree fail, not hang", Disagreement),
        ("device counts of every process", DeviceCounts),
        ("process_allgather and broadcast_one_to_all", MultihostUtilities),
        ("an MPI error comes back as an exception with MPI's message", MpiErrorIsAnException),
    ];

    private static NDArray Value(int g) => Jnp.Arange(4).Astype(DType.Float32) * (g + 1) + 10 * g - 7.5f;

    private static NDArray WithNaN(int g) => g == 1 ? Jnp.Where(Jnp.Arange(4) == 0, float.NaN, Value(g)) : Value(g);

    /// <summary>One row of three per member of the axis: what all_to_all sends.</summary>
    private NDArray Rows(int g) => Jnp.Arange(size * 3).Astype(DType.Float32).Reshape([size, 3]) * (g + 1) + g;

    private static NDArray Integers(int g) => Jnp.Arange(4) * (g + 1) - 3 * g;

    private static NDArray Flags(int g) => Jnp.Arange(4) < g % 3 + 1;

    private (int, int)[] Ring() => Enumerable.Range(0, size).Select(g => (g, (g + 1) % size)).ToArray();

    /// <summary>This process's members' values, stacked: the argument each process passes to pmap.</summary>
    private NDArray Local(Func<int, NDArray> value) => Jnp.Stack(Enumerable.Range(first, localDevices).Select(value).ToArray());

    /// <summary>Every member's value along the whole axis.</summary>
    private NDArray Every(Func<int, NDArray> value) => Jnp.Stack(Enumerable.Range(0, size).Select(value).ToArray());

    /// <summary>Every local member's result is <paramref name="expected"/>.</summary>
    private void Expect(Func<NDArray, NDArray> pmapped, NDArray input, NDArray expected) =>
        ExpectPerMember(pmapped, input, _ => expected);

    private void ExpectPerMember(Func<NDArray, NDArray> pmapped, NDArray input, Func<int, NDArray> expected)
    {
        var results = pmapped(input);
        if (results.Shape[0] != localDevices) throw new InvalidOperationException($"pmap returned {results.Shape[0]} rows for {localDevices} local devices");
        for (var d = 0; d < localDevices; d++) Compare(results[d], expected(first + d), $"member {first + d}");
    }

    internal static void Compare(NDArray actual, NDArray expected, string what)
    {
        if (actual.DType != expected.DType || !actual.Shape.SequenceEqual(expected.Shape))
            throw new InvalidOperationException($"{what}: got {actual.DType}{Format(actual.Shape)}, expected {expected.DType}{Format(expected.Shape)}");
        var (a, e) = (actual.ToArray<double>(), expected.ToArray<double>());
        for (var i = 0; i < a.Length; i++)
            if (!(a[i] == e[i] || double.IsNaN(a[i]) && double.IsNaN(e[i]) || Math.Abs(a[i] - e[i]) <= 1e-5 * (1 + Math.Abs(e[i]))))
                throw new InvalidOperationException($"{what}: element {i} is {a[i]}, expected {e[i]}\n  got      {actual}\n  expected {expected}");
    }

    private static string Format(int[] shape) => "[" + string.Join(",", shape) + "]";

    /// <summary>Independent psums combine into one (CollectiveScheduler); across processes the float32 ones travel in
    /// one MPI call, the int32 one in another, and each must come back as its own sum.</summary>
    private void CombinedPsums()
    {
        var results = Jax.PmapN(a => [Jax.Lax.Psum(a[0], Axis), Jax.Lax.Psum(a[0].Astype(DType.Int32), Axis), Jax.Lax.Psum(a[0] * 2f, Axis)],
            [0], Axis)([Local(Value)]);
        var sum = Jnp.Sum(Every(Value), axis: 0);
        for (var d = 0; d < localDevices; d++)
        {
            Compare(results[0][d], sum, $"member {first + d}, float32");
            Compare(results[1][d], Jnp.Sum(Every(Value).Astype(DType.Int32), axis: 0), $"member {first + d}, int32");
            Compare(results[2][d], sum * 2f, $"member {first + d}, float32 doubled");
        }
    }

    private static NDArray Loss(NDArray w, NDArray x) => Jnp.Sum(Jnp.Square(Jnp.Tanh(x * w)));

    /// <summary>Each member's gradient of its own loss, averaged over the axis: the data-parallel training step.</summary>
    private void DataParallelGradient()
    {
        var w = Jnp.Linspace(-1, 1, 4);
        var step = Jax.Pmap((wi, x) => Jax.Lax.Pmean(Jax.Grad(Loss)(wi, x), Axis), Axis, inAxes: [null, 0]);
        var results = step(w, Local(g => Value(g) / 10));
        var expected = Jnp.Mean(Jnp.Stack(Enumerable.Range(0, size).Select(g => Jax.Grad(Loss)(w, Value(g) / 10)).ToArray()), axis: 0);
        for (var d = 0; d < localDevices; d++) Compare(results[d], expected, $"member {first + d}");
    }

    /// <summary>Reverse mode across processes: psum's, all_gather's and ppermute's transposes communicate too.</summary>
    private void GradientThroughCollectives()
    {
        NDArray Objective(NDArray x) =>
            Jnp.Sum(Jnp.Sin(Jax.Lax.Psum(x, Axis)) * Jax.Lax.Ppermute(x, Axis, Ring())) + Jnp.Sum(Jnp.Square(Jax.Lax.AllGather(x, Axis)));
        var results = Jax.Pmap(Jax.Grad(Objective), Axis)(Local(Value));
        // The same objective summed over members, written without collectives, differentiated with respect to every member.
        NDArray Total(NDArray all)
        {
            var sum = Jnp.Sum(all, axis: 0);
            var shifted = Jnp.Stack(Enumerable.Range(0, size).Select(g => all[(g + size - 1) % size]).ToArray());
            return Jnp.Sum(Jnp.Sin(sum) * Jnp.Sum(shifted, axis: 0)) + size * Jnp.Sum(Jnp.Square(all));
        }
        var expected = Jax.Grad(Total)(Every(Value));
        for (var d = 0; d < localDevices; d++) Compare(results[d], expected[first + d], $"member {first + d}");
    }

    /// <summary>Grad outside the pmap: its partial evaluation and transpose run pmaps across the processes too. Member g:
    /// sin(v_g) * psum(v); d(total)/d v_g = cos(v_g) S + sum over members of sin(v).</summary>
    private void GradOfPmap()
    {
        var pmapped = Jax.Pmap(v => Jnp.Sin(v) * Jax.Lax.Psum(v, Axis), Axis);
        var g = Jax.Grad((NDArray x) => Jnp.Sum(pmapped(x)))(Local(v => Value(v) / 40));
        var all = Every(v => Value(v) / 40);
        var expected = Jnp.Cos(all) * Jnp.Sum(all, axis: 0) + Jnp.Sum(Jnp.Sin(all), axis: 0);
        for (var d = 0; d < localDevices; d++) Compare(g[d], expected[first + d], $"member {first + d}");
    }

    private void DeviceCounts()
    {
        if (Jax.LocalDeviceCount() != localDevices || Jax.DeviceCount() != size)
            throw new InvalidOperationException($"local {Jax.LocalDeviceCount()} and global {Jax.DeviceCount()} devices, expected {localDevices} and {size}");
    }

    /// <summary>Host values across processes, outside any pmap: every process's, and process 0's on all; shapes that
    /// differ between processes are an error on every process.</summary>
    private void MultihostUtilities()
    {
        var rank = Jax.ProcessIndex();
        var mine = Jnp.Array(new[] { rank, 10 * rank + 1 });
        var all = Jax.Distributed.ProcessAllgather(mine);
        Compare(all, Jnp.Stack(Enumerable.Range(0, Jax.ProcessCount()).Select(r => Jnp.Array(new[] { r, 10 * r + 1 })).ToArray()), "allgather");
        Compare(Jax.Distributed.BroadcastOneToAll(Value(rank)), Value(0), "broadcast");
        if (Jax.ProcessCount() == 1) return;
        try
        {
            Jax.Distributed.ProcessAllgather(Jnp.Zeros([rank + 1]));
        }
        catch (DistributedException e) when (e.Message.Contains("another shape or dtype"))
        {
            return;
        }
        throw new InvalidOperationException("processes gathered values of different shapes");
    }

    /// <summary>MPI's errors return (MPI_ERRORS_RETURN) instead of aborting the job: a send with a negative tag.</summary>
    private static void MpiErrorIsAnException()
    {
        var group = ProcessGroups.Current!;
        try
        {
            group.Exchange([new Message(group.Rank, -5, new byte[4])], []);
        }
        catch (DistributedException e) when (e.Message.Contains("MPI_Isend failed with MPI error") && e.Message.Contains("tag"))
        {
            return;
        }
        throw new InvalidOperationException("a send with tag -5 did not fail");
    }

    /// <summary>Process 0 passes another shape than the others: every process gets an error naming the mismatch.</summary>
    private void Disagreement()
    {
        var width = Jax.ProcessIndex() == 0 ? 4 : 5;
        try
        {
            Jax.Pmap(x => Jax.Lax.Psum(x, Axis), Axis)(Jnp.Zeros([localDevices, width]));
        }
        catch (DistributedException e) when (e.Message.Contains("other argument shapes"))
        {
            return;
        }
        if (Jax.ProcessCount() > 1) throw new InvalidOperationException("processes with different shapes ran a collective together");
    }
}
