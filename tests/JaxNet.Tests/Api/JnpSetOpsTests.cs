using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>unique (and its counts and inverse), nonzero, flatnonzero and argwhere against NumPy (numpy 1.24), with
/// JAX's static size and fill value under Jit.</summary>
public class JnpSetOpsTests
{
    private const float NaN = float.NaN;

    private static NDArray X() => Jnp.Array(new[,] { { 3, 1, 2 }, { 1, 3, 5 } });

    [Fact]
    public void UniqueValuesCountsAndInverse()
    {
        Ints([1, 2, 3, 5], Jnp.Unique(X()));
        var (values, counts) = Jnp.UniqueCounts(X());
        Ints([1, 2, 3, 5], values);
        Ints([2, 1, 2, 1], counts);
        var (_, inverse) = Jnp.UniqueInverse(X());
        Ints([2, 0, 1, 0, 2, 3], inverse, [2, 3]);
        // jnp.unique counts all NaNs as one value; unique_counts (the array API's) each NaN apart.
        Values([1, 2, double.NaN], Jnp.Unique(F(2, NaN, 1, NaN, 2)));
        (values, counts) = Jnp.UniqueCounts(F(2, NaN, 1, NaN, 2));
        Values([1, 2, double.NaN, double.NaN], values);
        Ints([1, 2, 1, 1], counts);
    }

    [Fact]
    public void UniqueWithASizeWorksUnderJit()
    {
        // Padded with the smallest value by default, or the fill value; cut when size is smaller.
        Ints([1, 2, 3, 5, 1, 1], Jnp.Unique(X(), size: 6));
        Ints([1, 2, 3, 5, -1, -1], Jax.Jit((NDArray x) => Jnp.Unique(x, size: 6, fillValue: -1))(X()));
        Ints([1, 2], Jnp.Unique(X(), size: 2));
        var values = Jax.Jit((NDArray x) => Jnp.UniqueCounts(x, size: 5, fillValue: 0).Values)(X());
        var counts = Jax.Jit((NDArray x) => Jnp.UniqueCounts(x, size: 5, fillValue: 0).Counts)(X());
        Ints([1, 2, 3, 5, 0], values);
        Ints([2, 1, 2, 1, 0], counts);
        Ints([2, 0, 1, 0, 2, 3], Jax.Jit((NDArray x) => Jnp.UniqueInverse(x, size: 5).InverseIndices)(X()), [2, 3]);
        // Row by row under Vmap.
        var rows = Jax.Vmap((NDArray r) => Jnp.Unique(r, size: 3, fillValue: 9))(X());
        Ints([1, 2, 3, 1, 3, 5], rows, [2, 3]);
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x) => Jnp.Unique(x))(X()));
    }

    [Fact]
    public void UniqueOfEmptyInput()
    {
        Values([], Jnp.Unique(Jnp.Zeros([0])), shape: [0]);
        Values([7, 7], Jnp.Unique(Jnp.Zeros([0]), size: 2, fillValue: 7), shape: [2]);
        Assert.Throws<ArgumentException>(() => Jnp.Unique(Jnp.Zeros([0]), size: 2));
        Assert.Throws<ArgumentException>(() => Jnp.Unique(X(), size: -1));
        var (_, counts) = Jnp.UniqueCounts(Jnp.Zeros([0]));
        Ints([], counts, [0]);
    }

    [Fact]
    public void NonzeroFlatnonzeroArgwhere()
    {
        var m = Jnp.Array(new[,] { { 0, 1, 0 }, { 2, 0, 3 } });
        var nz = Jnp.Nonzero(m);
        Ints([0, 1, 1], nz[0]);
        Ints([1, 0, 2], nz[1]);
        Ints([1, 3, 5], Jnp.Flatnonzero(m));
        Ints([0, 1, 1, 0, 1, 2], Jnp.Argwhere(m), [3, 2]);
        // A static size pads with index 0 (or the fill value) and cuts.
        nz = Jnp.Nonzero(m, size: 5);
        Ints([0, 1, 1, 0, 0], nz[0]);
        Ints([1, 0, 2, 0, 0], nz[1]);
        Ints([1, 3, 5, -1], Jax.Jit((NDArray x) => Jnp.Flatnonzero(x, size: 4, fillValue: -1))(m));
        Ints([1, 3], Jnp.Flatnonzero(m, size: 2));
        Ints([1, 4], Jnp.Flatnonzero(Jnp.Array(new[] { false, true, false, false, true })));
        Ints([0, 0, 0], Jnp.Flatnonzero(Jnp.Zeros([0]), size: 3));
        Ints([], Jnp.Flatnonzero(Jnp.Zeros([4])), [0]);
        Ints([1, -1, -1, 0, 2, -1], Jax.Vmap((NDArray r) => Jnp.Flatnonzero(r, size: 3, fillValue: -1))(m));
        Assert.Throws<ShapeException>(() => Jnp.Nonzero(Jnp.Array(1f)));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x) => Jnp.Flatnonzero(x))(m));
    }
}
