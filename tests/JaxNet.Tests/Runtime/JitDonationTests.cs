namespace JaxNet.Tests.Runtime;

/// <summary>jax.jit's donate_argnums: a result updated from a donated argument is written in that argument's buffer.</summary>
public class JitDonationTests
{
    private static NDArray SetRow(NDArray m, NDArray row, NDArray i) => Jax.Lax.DynamicUpdateSlice(m, row.Reshape([1, 8]), [i, Jnp.Array(0)]);

    [Fact]
    public void ADonatedArrayIsUpdatedInPlaceAndSpent()
    {
        var update = Jax.Jit(SetRow, donateArgnums: [0]);
        var m = Jnp.Zeros([8, 8]) + 1f;
        var next = update(m, Jnp.Full([8], 7f), Jnp.Array(2));
        var values = next.ToArray<float>();
        Assert.All(values.Take(16).Concat(values.Skip(24)), v => Assert.Equal(1f, v));
        Assert.All(values.Skip(16).Take(8), v => Assert.Equal(7f, v));
        var error = Assert.Throws<ObjectDisposedException>(() => m.ToArray<float>());
        Assert.Contains("donated", error.Message);
        // The result can be donated in turn: a loop written on the host.
        for (var r = 0; r < 8; r++) next = update(next, Jnp.Full([8], (float)r), Jnp.Array(r));
        Assert.Equal(Enumerable.Range(0, 64).Select(k => (float)(k / 8)), next.ToArray<float>());
    }

    [Fact]
    public void WithoutDonationTheArgumentIsKept()
    {
        var update = Jax.Jit(SetRow);
        var m = Jnp.Zeros([8, 8]) + 1f;
        var next = update(m, Jnp.Full([8], 7f), Jnp.Array(2));
        Assert.All(m.ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.Equal(7f, next.ToArray<float>()[16]);
    }

    [Fact]
    public void ADonationNoResultCanUseLeavesTheArrayAlone()
    {
        var f = Jax.Jit((NDArray x) => Jnp.Sum(x), donateArgnums: [0]);
        var x = Jnp.Ones([4, 4]);
        Assert.Equal(16f, f(x).ToArray<float>()[0]);
        Assert.All(x.ToArray<float>(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void AnArrayPassedTwiceIsNotWrittenWhileTheOtherArgumentReadsIt()
    {
        // The update is a result aliased to a; b, read after it, is the same array.
        var f = Jax.Jit(a => [SetRow(a[0], Jnp.Full([8], 5f), Jnp.Array(0)), a[1] * 2f], arity: 2, donateArgnums: [0]);
        var m = Jnp.Zeros([8, 8]) + 1f;
        var results = f([m, m]);
        Assert.All(results[0].ToArray<float>().Take(8), v => Assert.Equal(5f, v));
        Assert.All(results[1].ToArray<float>(), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void AWholeTrainStateTreeCanBeDonated()
    {
        var step = Jax.Jit(((NDArray W, NDArray Count) s) => (SetRow(s.W, Jnp.Full([8], 3f), s.Count), s.Count + 1), donateArgnums: [0]);
        var state = (Jnp.Zeros([8, 8]), Jnp.Array(0));
        var first = state.Item1;
        for (var k = 0; k < 8; k++) state = step(state);
        Assert.Throws<ObjectDisposedException>(() => first.ToArray<float>());
        Assert.All(state.Item1.ToArray<float>(), v => Assert.Equal(3f, v));
        Assert.Equal(8, state.Item2.ToArray<int>()[0]);
    }

    [Fact]
    public void AnElementwiseUpdateOfADonatedArrayIsWrittenInItsBuffer()
    {
        var step = Jax.Jit((NDArray p, NDArray g) => p - 0.5f * g, donateArgnums: [0]);
        var p = Jnp.Ones([64]);
        var g = Jnp.Ones([64]);
        Assert.Contains("aliases(r0<-p0)", step.JitInfo().Lower([p, g]).AsText());
        var next = step(p, g);
        Assert.Throws<ObjectDisposedException>(() => p.ToArray<float>());
        for (var k = 0; k < 3; k++) next = step(next, g);
        Assert.All(next.ToArray<float>(), v => Assert.Equal(-1f, v));
        // Without donation the same function keeps its argument and has no alias.
        var kept = Jax.Jit((NDArray q, NDArray h) => q - 0.5f * h);
        Assert.DoesNotContain("aliases", kept.JitInfo().Lower([g, g]).AsText());
        Assert.All(kept(g, g).ToArray<float>(), v => Assert.Equal(0.5f, v));
        Assert.All(g.ToArray<float>(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void BadDonationsAreRefusedWithTheirReason()
    {
        Assert.Contains("must name arguments", Assert.Throws<ArgumentException>(() => Jax.Jit((NDArray a) => a, donateArgnums: [1])).Message);
        Assert.Contains("both static and donated",
            Assert.Throws<ArgumentException>(() => Jax.Jit((NDArray a, NDArray b) => a, staticArgnums: [1], donateArgnums: [1])).Message);
        Assert.Contains("one argument", Assert.Throws<ArgumentException>(
            () => Jax.Jit(((NDArray, NDArray) t) => t.Item1, donateArgnums: [1])).Message);
    }
}
