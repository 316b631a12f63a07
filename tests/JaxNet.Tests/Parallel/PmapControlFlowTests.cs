namespace JaxNet.Tests.Parallel;

/// <summary>
/// Collectives inside loop and branch bodies of a pmapped function: every member runs the compiled program on its
/// own thread and the members meet at each collective, however deep. Expected values come from the same
/// computation written over the stacked rows without pmap.
/// </summary>
public abstract class PmapControlFlowTests(DeviceFixture devices)
{
    private static readonly NDArray Rows = Jnp.Arange(8).Astype(DType.Float32).Reshape([4, 2]) - 2.5f;

    private IReadOnlyList<Device> Devices => devices.Devices;

    [Fact]
    public void PsumInAScanBody()
    {
        var xs = Jnp.Array(new[] { 1f, 2f, 3f });
        var both = Jax.PmapN(a =>
        {
            var (carry, ys) = Jax.Lax.Scan((c, k) =>
            {
                var s = Jax.Lax.Psum(c, "i");
                return (c * 0.5f + s * k, s);
            }, a[0], xs);
            return [carry, ys];
        }, [0], "i", Devices)([Rows]);
        // Over the stacked rows: every member's sum is the column sum.
        var c = Rows;
        var ys = new List<NDArray>();
        foreach (var k in new[] { 1f, 2f, 3f })
        {
            var s = Jnp.Sum(c, axis: 0);
            c = c * 0.5f + s * k;
            ys.Add(s);
        }
        AssertClose(c, both[0]);
        AssertClose(Jnp.Stack(Enumerable.Range(0, 4).Select(_ => Jnp.Stack(ys.ToArray())).ToArray()), both[1]);
    }

    [Fact]
    public void PmaxDecidesAWhileLoopAndAxisIndexIsInItsBody()
    {
        var y = Jax.Pmap(v => Jax.Lax.WhileLoop(x => Jnp.Max(Jax.Lax.Pmax(x, "i")) < 100f,
            x => x * 2f + Jax.Lax.AxisIndex("i").Astype(DType.Float32), v), "i", Devices)(Rows);
        var expected = Rows;
        var index = Jnp.Arange(4).Astype(DType.Float32).Reshape([4, 1]);
        while (Jnp.Max(expected).Item<float>() < 100f) expected = expected * 2f + index;
        AssertClose(expected, y);
    }

    [Fact]
    public void PpermuteInAForiLoopRotatesTheRows()
    {
        var ring = new[] { (0, 1), (1, 2), (2, 3), (3, 0) };
        var y = Jax.Pmap(v => Jax.Lax.ForiLoop(0, 3, (i, x) => Jax.Lax.Ppermute(x, "i", ring), v), "i", Devices)(Rows);
        AssertClose(Jnp.Roll(Rows, 3, axis: 0), y);
    }

    [Fact]
    public void CollectivesInTheBranchesOfACondThatEveryMemberTakes()
    {
        NDArray F(NDArray v) => Jax.Lax.Cond(Jnp.Sum(Jax.Lax.Psum(v, "i")) > 0f,
            x => Jax.Lax.Psum(x, "i"), x => Jax.Lax.Pmax(x, "i"), v);
        AssertClose(Jnp.BroadcastTo(Jnp.Sum(Rows, axis: 0), [4, 2]), Jax.Pmap(F, "i", Devices)(Rows));
        AssertClose(Jnp.BroadcastTo(Jnp.Max(-Rows, axis: 0), [4, 2]), Jax.Pmap(F, "i", Devices)(-Rows));
    }

    [Fact]
    public void GradientThroughALoopWithPsum()
    {
        // Member d: c1 = psum(u)/2, c2 = psum(c1)/2 = psum(u) per column; the members' total loss is 4 sum(u), so
        // every gradient entry is 4 (psum's transpose is a psum, inside the transposed loop too).
        var g = Jax.Pmap(Jax.Grad((NDArray u) => Jnp.Sum(Jax.Lax.ForiLoop(0, 2, (i, c) => Jax.Lax.Psum(c, "i") * 0.5f, u))), "i", Devices)(Rows);
        AssertClose(Jnp.Full([4, 2], 4f), g);
    }

    [Fact]
    public void PsumOfAConstantCountsTheMembers()
    {
        var y = Jax.Pmap(v => v + Jax.Lax.Psum(Jnp.Array(1f), "i"), "i", Devices)(Rows);
        AssertClose(Rows + 4f, y);
    }

    [Fact]
    public void MembersThatTakeDifferentBranchesFailInsteadOfWaitingForever()
    {
        // Member 0 takes the branch with a psum; the others end without it.
        var lonely = Jax.Pmap(v => Jax.Lax.Cond(Jax.Lax.AxisIndex("i") == 0, x => Jax.Lax.Psum(x, "i"), x => x, v), "i", Devices);
        var e = Assert.Throws<InvalidOperationException>(() => WithinAMinute(() => lonely(Rows)));
        Assert.Contains("wait at psum while the others have finished", e.Message);
        // Member 0 reaches a psum, the others a pmax.
        var crossed = Jax.Pmap(v => Jax.Lax.Cond(Jax.Lax.AxisIndex("i") == 0, x => Jax.Lax.Psum(x, "i"), x => Jax.Lax.Pmax(x, "i"), v),
            "i", Devices);
        e = Assert.Throws<InvalidOperationException>(() => WithinAMinute(() => crossed(Rows)));
        Assert.Contains("reached different collectives", e.Message);
        // The axis still works afterwards.
        AssertClose(Jnp.BroadcastTo(Jnp.Sum(Rows, axis: 0), [4, 2]), Jax.Pmap(v => Jax.Lax.Psum(v, "i"), "i", Devices)(Rows));
    }

    private static T WithinAMinute<T>(Func<T> body)
    {
        var task = Task.Run(body);
        Assert.True(Task.WhenAny(task, Task.Delay(TimeSpan.FromMinutes(1))).Result == task, "the pmapped program still waits after a minute");
        return task.GetAwaiter().GetResult();
    }

    private static void AssertClose(NDArray expected, NDArray actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray<float>(), actual.ToArray<float>());
        for (var i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-4f * (1 + Math.Abs(e[i])), $"element {i}: {a[i]}, expected {e[i]}");
    }
}

/// <summary>On the cpu backend, through its collectives.</summary>
public sealed class CpuPmapControlFlowTests(FourCpuDevices cpu) : PmapControlFlowTests(cpu), IClassFixture<FourCpuDevices>;

/// <summary>On the TPU simulator, which has no collectives: the members meet all the same, and the collective runs as
/// copies and eager ops.</summary>
public sealed class TpuSimPmapControlFlowTests(FourTpuSimDevices tpu) : PmapControlFlowTests(tpu), IClassFixture<FourTpuSimDevices>;
