using JaxNet.Tests.Runtime;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// While loops that count (fori_loop with traced bounds, a counter against a fixed bound) run their trip count
/// without launching their condition per iteration; loops that only look like it keep running their condition.
/// </summary>
public class CountedWhileTests
{
    private static NDArray SumOfIndices(NDArray lo, NDArray hi) =>
        Jax.Lax.ForiLoop(lo, hi, (i, c) => c + i.Astype(DType.Float32), Jnp.Zeros([3]));

    private static float ExpectedSum(long lo, long hi)
    {
        var sum = 0f;
        for (var i = lo; i < hi; i++) sum += i;
        return sum;
    }

    [Theory]
    [InlineData(2, 7)]
    [InlineData(-5, 3)]
    [InlineData(-9, -4)]
    [InlineData(4, 4)]
    [InlineData(6, -2)]
    public void TracedBoundsRunTheirTripCount(int lo, int hi)
    {
        var expected = ExpectedSum(lo, hi);
        var jitted = Jax.Jit((NDArray l, NDArray h) => SumOfIndices(l, h));
        Assert.All(jitted(Jnp.Array(lo), Jnp.Array(hi)).ToArray<float>(), v => Assert.Equal(expected, v));
        Assert.All(SumOfIndices(Jnp.Array(lo), Jnp.Array(hi)).ToArray<float>(), v => Assert.Equal(expected, v));
    }

    [Fact]
    public void AnUnsignedCounterStopsAtItsBound()
    {
        var lo = Jnp.Array(250).Astype(DType.UInt8);
        var hi = Jnp.Array(255).Astype(DType.UInt8);
        Assert.All(Jax.Jit(SumOfIndices)(lo, hi).ToArray<float>(), v => Assert.Equal(ExpectedSum(250, 255), v));
    }

    [Fact]
    public void TheConditionIsNotLaunchedPerIteration()
    {
        var backend = new CountingBackend(Device.Default.Backend);
        var device = Device.Of(backend, 0);
        var (lo, hi) = (Jax.DevicePut(Jnp.Array(3), device), Jax.DevicePut(Jnp.Array(11), device));
        var before = backend.Launches;
        Assert.All(SumOfIndices(lo, hi).ToArray<float>(), v => Assert.Equal(ExpectedSum(3, 11), v));
        // One body launch per iteration, no condition launches (it was 2 per iteration and 1 more).
        Assert.Equal(8, backend.Launches - before);

        // A float counter is not counted: its condition runs every iteration.
        before = backend.Launches;
        var x = Jax.DevicePut(Jnp.Array(0f), device);
        Assert.Equal(5f, Jax.Lax.WhileLoop(c => c < 5f, c => c + 1f, x).ToArray<float>()[0]);
        Assert.Equal(2 * 5 + 1, backend.Launches - before);
    }

    [Fact]
    public void ALiteralOrAConstantBoundCounts()
    {
        var limit = Jnp.Array(6);
        NDArray[] Doubling(NDArray x, Func<NDArray, NDArray> below) =>
            Jax.Lax.WhileLoop(c => below(c[0]), c => [c[0] + 1, c[1] * 2f], [Jnp.Array(0), x]);
        var literal = Jax.Jit((NDArray x) => Doubling(x, i => i < 10)[1]);
        var constant = Jax.Jit((NDArray x) => Doubling(x, i => i < limit)[1]);
        Assert.Equal([1024f, -1024f], literal(Jnp.Array(new[] { 1f, -1f })).ToArray<float>());
        Assert.Equal([64f, -64f], constant(Jnp.Array(new[] { 1f, -1f })).ToArray<float>());
        Assert.Equal([64f, -64f], Doubling(Jnp.Array(new[] { 1f, -1f }), i => i < limit)[1].ToArray<float>());
    }

    [Fact]
    public void LoopsThatOnlyLookCountedStillRunTheirCondition()
    {
        // A counter stepping by 2; a bound the body lowers; a greater-than condition.
        var byTwo = Jax.Jit((NDArray n) => Jax.Lax.WhileLoop(c => c[0] < c[1], c => [c[0] + 2, c[1], c[2] + 1f], [Jnp.Array(0), n, Jnp.Array(0f)])[2]);
        var shrinking = Jax.Jit((NDArray n) => Jax.Lax.WhileLoop(c => c[0] < c[1], c => [c[0] + 1, c[1] - 1, c[2] + 1f], [Jnp.Array(0), n, Jnp.Array(0f)])[2]);
        var greater = Jax.Jit((NDArray n) => Jax.Lax.WhileLoop(c => c[1] > c[0], c => [c[0] + 1, c[1], c[2] + 1f], [Jnp.Array(0), n, Jnp.Array(0f)])[2]);
        Assert.Equal(5f, byTwo(Jnp.Array(9)).ToArray<float>()[0]);
        Assert.Equal(5f, shrinking(Jnp.Array(10)).ToArray<float>()[0]);
        Assert.Equal(10f, greater(Jnp.Array(10)).ToArray<float>()[0]);
        Assert.Equal(0f, greater(Jnp.Array(-10)).ToArray<float>()[0]);
    }

    [Fact]
    public void ABodyThatRaisesStopsTheLoop()
    {
        var calls = 0;
        var scalar = new ShapeDtypeStruct([], DType.Int32);
        var f = Jax.Jit((NDArray lo, NDArray hi) => Jax.Lax.ForiLoop(lo, hi, (i, c) => c + Jax.PureCallback(v =>
        {
            calls++;
            return v.ToArray<int>()[0] == 3 ? throw new InvalidOperationException("step 3 raised") : v;
        }, scalar, i), Jnp.Array(0)));
        var error = Assert.ThrowsAny<Exception>(() => f(Jnp.Array(0), Jnp.Array(10)).ToArray<int>());
        Assert.Contains("step 3 raised", error.ToString());
        Assert.Equal(4, calls);
        Assert.Equal(3, f(Jnp.Array(0), Jnp.Array(3)).ToArray<int>()[0]);
    }
}
