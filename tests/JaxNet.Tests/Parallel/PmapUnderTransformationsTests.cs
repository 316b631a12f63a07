namespace JaxNet.Tests.Parallel;

/// <summary>
/// pmap inside Grad, Jit, Jvp and Vmap: the call becomes an xla_pmap equation whose JVP, partial-evaluation and transpose
/// rules transform the member's function, and it runs as an SPMD program when its values are known. Expected values
/// are derived by hand from the members' functions.
/// </summary>
public class PmapUnderTransformationsTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static readonly NDArray Rows = (Jnp.Arange(8).Astype(DType.Float32).Reshape([4, 2]) - 3.5f) / 4f;

    private IReadOnlyList<Device> Devices => cpu.Devices;

    /// <summary>Member d: sin(v_d) * psum(v); the total over members and columns.</summary>
    private NDArray Total(NDArray x) => Jnp.Sum(Jax.Pmap(v => Jnp.Sin(v) * Jax.Lax.Psum(v, "i"), "i", Devices)(x));

    /// <summary>d total / d v_dj = cos(v_dj) S_j + sum_d' sin(v_d'j), with S_j the column sums.</summary>
    private static NDArray ExpectedGradient(NDArray x) =>
        Jnp.Cos(x) * Jnp.Sum(x, axis: 0) + Jnp.Sum(Jnp.Sin(x), axis: 0);

    [Fact]
    public void GradOfAFunctionThatCallsPmap()
    {
        AssertClose(ExpectedGradient(Rows), Jax.Grad(Total)(Rows));
        AssertClose(Jnp.Sum(Jnp.Sin(Rows) * Jnp.Sum(Rows, axis: 0)), Jax.ValueAndGrad(Total)(Rows).Value);
    }

    [Fact]
    public void GradThroughAnUnmappedArgumentAddsTheMembersGradients()
    {
        // Member d: sum(tanh(x_d * w)); d/dw of the total = sum over members of x_d (1 - tanh^2(x_d w)).
        var w = Jnp.Array(new[] { 0.7f, -1.3f });
        var members = Jax.Pmap((ww, x) => Jnp.Sum(Jnp.Tanh(x * ww)), "i", [null, 0], Devices);
        var g = Jax.Grad((NDArray ww) => Jnp.Sum(members(ww, Rows)))(w);
        var t = Jnp.Tanh(Rows * w);
        AssertClose(Jnp.Sum(Rows * (1f - t * t), axis: 0), g);
    }

    [Fact]
    public void JitOfPmapMatchesPmap()
    {
        var pmapped = Jax.Pmap(v => Jax.Lax.Ppermute(Jnp.Exp(v), "i", [(0, 1), (1, 2), (2, 3), (3, 0)]) + Jax.Lax.Pmax(v, "i"), "i", Devices);
        AssertClose(pmapped(Rows), Jax.Jit(x => pmapped(x) * 1f)(Rows));
        // And Jit of Grad of it, traced once, run twice.
        var jitted = Jax.Jit(Jax.Grad(Total));
        AssertClose(ExpectedGradient(Rows), jitted(Rows));
        AssertClose(ExpectedGradient(Rows * 2f), jitted(Rows * 2f));
    }

    [Fact]
    public void JvpOfPmap()
    {
        var tangent = Jnp.OnesLike(Rows) * 0.5f;
        var (primal, tangentOut) = Jax.Jvp(Total, [Rows], [tangent]);
        AssertClose(Total(Rows), primal);
        AssertClose(Jnp.Sum(ExpectedGradient(Rows) * tangent), tangentOut);
    }

    [Fact]
    public void VmapOfPmapMapsTheBatchInsideEachMember()
    {
        // Three batches of the rows: batch b's member d gets row d of batch b, and psum sums over members only.
        var batches = Jnp.Stack([Rows, Rows * 2f, -Rows]);
        var pmapped = Jax.Pmap(v => Jnp.Sin(v) * Jax.Lax.Psum(v, "i"), "i", Devices);
        var y = Jax.Vmap(pmapped)(batches);
        Assert.Equal([3, 4, 2], y.Shape);
        for (var b = 0; b < 3; b++)
        {
            var x = batches[b];
            AssertClose(Jnp.Sin(x) * Jnp.Sum(x, axis: 0), y[b]);
        }
        // The batch axis may be anywhere, and an unmapped argument may be the batched one.
        var scaled = Jax.Pmap((s, v) => v * s, "i", [null, 0], Devices);
        var factors = Jnp.Array(new[] { 1f, 10f, 100f });
        var z = Jax.Vmap((NDArray s) => scaled(s, Rows))(factors);
        Assert.Equal([3, 4, 2], z.Shape);
        AssertClose(Rows * 100f, z[2]);
    }

    [Fact]
    public void PmapInsidePmapWithItsOwnAxis()
    {
        var x = Jnp.Arange(8).Astype(DType.Float32).Reshape([2, 2, 2]);
        var inner = Jax.Pmap(v => Jax.Lax.Psum(v, "j"), "j", Devices.Skip(2).ToArray());
        var y = Jax.Pmap(u => inner(u) * 10f, "i", Devices.Take(2).ToArray())(x);
        AssertClose(Jnp.BroadcastTo(Jnp.Sum(x, axis: 1, keepdims: true), [2, 2, 2]) * 10f, y);
        // A collective over the enclosing pmap's axis from the nested one would meet the wrong members: an error.
        var outerAxis = Jax.Pmap(u => Jax.Pmap(v => Jax.Lax.Psum(v, "i"), "j", Devices.Skip(2).ToArray())(u), "i", Devices.Take(2).ToArray());
        var e = Assert.Throws<NotSupportedException>(() => outerAxis(x));
        Assert.Contains("psum over axis 'i' inside a pmap over axis 'j'", e.Message);
    }

    private static void AssertClose(NDArray expected, NDArray actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray<float>(), actual.ToArray<float>());
        for (var i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-4f * (1 + Math.Abs(e[i])), $"element {i}: {a[i]}, expected {e[i]}");
    }
}
