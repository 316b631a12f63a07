using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>diag/tril/triu indices, indices, ix_, unravel_index and ravel_multi_index; expected values from
/// NumPy 1.24 (unravel_index's clipping of out-of-range positions is JAX's documented rule, where NumPy
/// raises).</summary>
public class JnpIndexHelperTests
{
    [Fact]
    public void DiagonalAndTriangleIndices()
    {
        var d = Jnp.DiagIndices(3, 3);
        Assert.Equal(3, d.Length);
        Ints([0, 1, 2], d[2]);
        var m = Jnp.Arange(9).Reshape(3, 3);
        Ints([0, 4, 8], m[Jnp.DiagIndicesFrom(m)[0], Jnp.DiagIndicesFrom(m)[1]]);
        Assert.Throws<ShapeException>(() => Jnp.DiagIndicesFrom(Jnp.Zeros([2, 3])));
        Assert.Throws<ShapeException>(() => Jnp.DiagIndicesFrom(Jnp.Zeros([2])));
        var (r, c) = Jnp.TrilIndices(3);
        Ints([0, 1, 1, 2, 2, 2], r);
        Ints([0, 0, 1, 0, 1, 2], c);
        (r, c) = Jnp.TrilIndices(3, -1, 4);
        Ints([1, 2, 2], r);
        Ints([0, 0, 1], c);
        (r, c) = Jnp.TriuIndices(3, 1);
        Ints([0, 0, 1], r);
        Ints([1, 2, 2], c);
        (r, c) = Jnp.TriuIndicesFrom(Jnp.Zeros([2, 4]));
        Ints([0, 0, 0, 0, 1, 1, 1], r);
        Ints([0, 1, 2, 3, 1, 2, 3], c);
        (r, _) = Jnp.TrilIndicesFrom(Jnp.Zeros([2, 2]), k: -5);
        Ints([], r, [0]);
        Assert.Throws<ShapeException>(() => Jnp.TrilIndicesFrom(Jnp.Zeros([2, 2, 2])));
        Assert.Throws<ArgumentException>(() => Jnp.TriuIndices(-1));
        // Under Jit the indices are constants of the traced program.
        var upper = Jax.Jit((NDArray x) => { var (i, j) = Jnp.TriuIndices(3); return x[i, j]; })(m);
        Ints([0, 1, 2, 4, 5, 8], upper);
    }

    [Fact]
    public void IndicesAndIx()
    {
        Ints([0, 0, 0, 1, 1, 1, 0, 1, 2, 0, 1, 2], Jnp.Indices([2, 3]), [2, 2, 3]);
        Assert.Equal([0], Jnp.Indices([]).Shape);
        Assert.Throws<ArgumentException>(() => Jnp.Indices([2], DType.Float32));
        var m = Jnp.Arange(12).Reshape(3, 4);
        var ix = Jnp.Ix(I(0, 2), Jnp.Array(new[] { true, false, false, true }));
        Assert.Equal([2, 1], ix[0].Shape);
        Assert.Equal([1, 2], ix[1].Shape);
        Ints([0, 3, 8, 11], m[ix[0], ix[1]], [2, 2]);
        Assert.Throws<ShapeException>(() => Jnp.Ix(Jnp.Zeros([2, 2], DType.Int32)));
        Assert.Throws<ArgumentException>(() => Jnp.Ix(F(1)));
    }

    [Fact]
    public void UnravelIndexClipsAsJaxDoes()
    {
        var u = Jnp.UnravelIndex(I(22, 41, 37), [7, 6]);
        Ints([3, 6, 6], u[0]);
        Ints([4, 5, 1], u[1]);
        u = Jnp.UnravelIndex(I(22, 41, 37), [7, 6], order: "F");
        Ints([1, 6, 2], u[0]);
        Ints([3, 5, 5], u[1]);
        // -1 is the last position; beyond the ends positions clip to the first or last.
        u = Jnp.UnravelIndex(I(-1, 100, -100), [2, 3]);
        Ints([1, 1, 0], u[0]);
        Ints([2, 2, 0], u[1]);
        Ints([4, 5], Jax.Vmap((NDArray i) => Jnp.UnravelIndex(i, [7, 6])[1])(I(22, 41)));
        Assert.Throws<ArgumentException>(() => Jnp.UnravelIndex(F(1), [2]));
        Assert.Throws<ShapeException>(() => Jnp.UnravelIndex(I(0), [2, 0]));
        Assert.Throws<ArgumentException>(() => Jnp.UnravelIndex(I(0), [2], order: "K"));
    }

    [Fact]
    public void RavelMultiIndexModes()
    {
        Ints([22, 41, 37], Jnp.RavelMultiIndex([I(3, 6, 6), I(4, 5, 1)], [7, 6]));
        Ints([31, 41, 13], Jnp.RavelMultiIndex([I(3, 6, 6), I(4, 5, 1)], [7, 6], order: "F"));
        Ints([22, 5, 38], Jnp.RavelMultiIndex([I(3, 7, -1), I(4, 5, 8)], [7, 6], mode: "wrap"));
        Ints([22, 41, 5], Jnp.RavelMultiIndex([I(3, 7, -1), I(4, 5, 8)], [7, 6], mode: "clip"));
        // Round trip, and a scalar coordinate broadcast against an array.
        Ints([22, 41, 37], Jnp.RavelMultiIndex(Jnp.UnravelIndex(I(22, 41, 37), [7, 6]), [7, 6]));
        Ints([6, 7], Jnp.RavelMultiIndex([Jnp.Array(1), I(0, 1)], [2, 6]));
        Assert.Throws<IndexOutOfRangeException>(() => Jnp.RavelMultiIndex([I(7), I(0)], [7, 6]));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray i) => Jnp.RavelMultiIndex([i, i], [7, 6]))(I(1)));
        Ints([7, 14], Jax.Jit((NDArray i) => Jnp.RavelMultiIndex([i, i], [7, 6], mode: "clip"))(I(1, 2)));
        Assert.Throws<ShapeException>(() => Jnp.RavelMultiIndex([I(1)], [7, 6]));
        Assert.Throws<ArgumentException>(() => Jnp.RavelMultiIndex([F(1), I(1)], [7, 6]));
        Assert.Throws<ArgumentException>(() => Jnp.RavelMultiIndex([I(1), I(1)], [7, 6], mode: "fill"));
    }
}
