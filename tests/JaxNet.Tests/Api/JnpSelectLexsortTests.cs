using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>select, lexsort and diagflat against NumPy (numpy 1.24).</summary>
public class JnpSelectLexsortTests
{
    [Fact]
    public void SelectTakesTheFirstConditionThatHolds()
    {
        var x = I(1, 2, 3, 4);
        Values([10, -1, -1, 0.5], Jnp.Select([Jnp.Less(x, 2), Jnp.Greater(x, 3)], [I(10, 20, 30, 40), 0.5], -1));
        // Overlapping conditions: the first wins; the default is 0.
        Ints([10, 20, 0, 0], Jnp.Select([Jnp.Less(x, 3), Jnp.Less(x, 2)], [x * 10, -x]));
        // Broadcast conditions and choices.
        Ints([1, 1, 2, 2], Jnp.Select([Jnp.Array(new[,] { { true }, { false } })], [I(1, 1)], 2), [2, 2]);
        Assert.Throws<ArgumentException>(() => Jnp.Select([Jnp.Less(x, 2)], []));
        Assert.Throws<ArgumentException>(() => Jnp.Select([], []));
        var g = Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Select([Jnp.Less(v, 0)], [v * v], v * 3)))(F(-2, 1));
        Values([-4, 3], g);
        JitAndVmapAgree(v => Jnp.Select([Jnp.Less(v, 0), Jnp.Greater(v, 2)], [-v, v * v], 1f), F(-1, 0, 3, 5, -2, 2).Reshape(2, 3));
    }

    [Fact]
    public void LexsortByTheLastKeyFirst()
    {
        Ints([2, 4, 6, 5, 3, 1, 0], Jnp.Lexsort([I(1, 5, 1, 4, 3, 4, 4), I(9, 4, 0, 4, 0, 2, 1)]));
        Ints([2, 4, 6, 5, 3, 1, 0], Jnp.Lexsort(Jnp.Array(new[,] { { 1, 5, 1, 4, 3, 4, 4 }, { 9, 4, 0, 4, 0, 2, 1 } })));
        var (k1, k2) = (Jnp.Array(new[,] { { 3, 1, 2 }, { 1, 1, 0 } }), Jnp.Array(new[,] { { 0, 0, 1 }, { 1, 0, 0 } }));
        Ints([1, 0, 2, 2, 1, 0], Jnp.Lexsort([k1, k2], axis: 1), [2, 3]);
        // NaN sorts last; ties in every key keep their order.
        Ints([3, 0, 2, 1], Jnp.Lexsort([F(1, float.NaN, 1, 0), F(2, 2, 2, 2)]));
        Ints([0], Jnp.Lexsort([Jnp.Array(3)]), []);
        Assert.Throws<ShapeException>(() => Jnp.Lexsort([I(1, 2), I(1, 2, 3)]));
        Assert.Throws<ArgumentException>(() => Jnp.Lexsort(System.Array.Empty<NDArray>()));
        Ints([2, 4, 6, 5, 3, 1, 0], Jax.Jit((NDArray a, NDArray b) => Jnp.Lexsort([a, b]))(I(1, 5, 1, 4, 3, 4, 4), I(9, 4, 0, 4, 0, 2, 1)));
        Ints([1, 0, 2, 2, 1, 0], Jax.Vmap((NDArray a, NDArray b) => Jnp.Lexsort([a, b]))(k1, k2), [2, 3]);
    }

    [Fact]
    public void Diagflat()
    {
        Ints([1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 4], Jnp.Diagflat(Jnp.Array(new[,] { { 1, 2 }, { 3, 4 } })), [4, 4]);
        Ints([0, 0, 0, 1, 0, 0, 0, 2, 0], Jnp.Diagflat(I(1, 2), -1), [3, 3]);
        Values([1, 5], Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Diagflat(v, 1) * Jnp.Arange(9).Reshape(3, 3)))(F(0, 0)));
    }
}
