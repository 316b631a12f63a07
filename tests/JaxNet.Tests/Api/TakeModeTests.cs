namespace JaxNet.Tests.Api;

/// <summary>jnp.take and take_along_axis with indices out of range: JAX's fill default, clip and wrap.</summary>
public class TakeModeTests
{
    private static readonly NDArray V = Jnp.Array(new[] { 1f, 2f, 3f });
    private static readonly NDArray OutOfRange = Jnp.Array(new[] { 5, -1, 0, -4 });

    [Fact]
    public void FillIsTheDefaultAndGivesNaNForFloats()
    {
        // jnp.take(jnp.array([1., 2., 3.]), jnp.array([5, -1, 0, -4])) == [nan, 3, 1, nan]
        var taken = Jnp.Take(V, OutOfRange).ToArray<float>();
        Assert.True(float.IsNaN(taken[0]) && float.IsNaN(taken[3]));
        Assert.Equal([3f, 1f], taken[1..3]);
        Assert.Equal(taken.Select(float.IsNaN), Jax.Jit(x => Jnp.Take(x, OutOfRange))(V).ToArray<float>().Select(float.IsNaN));
    }

    [Fact]
    public void FillValuesOfOtherDtypes()
    {
        var beyond = Jnp.Array(new[] { 2 });
        Assert.Equal([int.MinValue], Jnp.Take(Jnp.Array(new[] { 1, 2 }), beyond).ToArray<int>());
        Assert.Equal([uint.MaxValue], Jnp.Take(Jnp.Array(new uint[] { 1, 2 }), beyond).ToArray<uint>());
        Assert.Equal([byte.MaxValue], Jnp.Take(Jnp.Array(new byte[] { 1, 2 }), beyond).ToArray<byte>());
        Assert.Equal([true], Jnp.Take(Jnp.Array(new[] { false, false }), beyond).ToArray<bool>());
    }

    [Fact]
    public void ClipAndWrap()
    {
        Assert.Equal([3f, 3f, 1f, 1f], Jnp.Take(V, OutOfRange, mode: TakeMode.Clip).ToArray<float>());
        Assert.Equal([3f, 3f, 1f, 3f], Jnp.Take(V, OutOfRange, mode: TakeMode.Wrap).ToArray<float>());
    }

    [Fact]
    public void FillAlongAnInnerAxisAndInTakeAlongAxis()
    {
        var m = Jnp.Array(new[,] { { 1f, 2f }, { 3f, 4f } });
        var taken = Jnp.Take(m, Jnp.Array(new[,] { { 0, 2 } }), axis: 1);
        Assert.Equal([2, 1, 2], taken.Shape);
        var values = taken.ToArray<float>();
        Assert.Equal([1f, 3f], new[] { values[0], values[2] });
        Assert.True(float.IsNaN(values[1]) && float.IsNaN(values[3]));
        var along = Jnp.TakeAlongAxis(m, Jnp.Array(new[,] { { 1 }, { 7 } }), 1).ToArray<float>();
        Assert.Equal(2f, along[0]);
        Assert.True(float.IsNaN(along[1]));
        Assert.Equal([2f, 4f], Jnp.TakeAlongAxis(m, Jnp.Array(new[,] { { 1 }, { 7 } }), 1, TakeMode.Clip).ToArray<float>());
    }

    [Fact]
    public void GradientSkipsFilledPositions()
    {
        // The filled element reads nothing, so it sends no cotangent back (JAX: [2, 0, 0]).
        var g = Jax.Grad(x => Jnp.Sum(Jnp.Take(x, Jnp.Array(new[] { 0, 0, 9 })) * Jnp.Array(new[] { 1f, 1f, 0f })))(V);
        Assert.Equal([2f, 0f, 0f], g.ToArray<float>());
    }

    [Fact]
    public void BadIndicesAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Jnp.Take(V, Jnp.Array(new[] { 1f })));
        Assert.Contains("take: indices must be integers, got float32", e.Message);
        Assert.Throws<ArgumentException>(() => Jnp.TakeAlongAxis(V, Jnp.Array(new[] { 1 }), 0, TakeMode.Wrap));
    }
}
