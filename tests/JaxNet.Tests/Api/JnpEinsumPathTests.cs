namespace JaxNet.Tests.Api;

/// <summary>jnp.einsum_path: the greedy order Einsum runs, in NumPy's path convention, with opt_einsum's FLOP model
/// (figures worked out by hand below).</summary>
public class JnpEinsumPathTests
{
    [Fact]
    public void AChainContractsLeftToRightWhenThatIsSmallest()
    {
        var info = Jnp.EinsumPath("ij,jk,kl->il", [2, 3], [3, 4], [4, 5]);
        Assert.Equal([[0, 1], [0, 1]], info.Path);
        Assert.Equal(["ij,jk->ik", "ik,kl->il"], info.Contractions.Select(c => c.Subscripts));
        // ijk: 24 points, a product and a sum each; ikl: 40 points, the same.
        Assert.Equal([48.0, 80.0], info.Contractions.Select(c => c.Flops));
        Assert.Equal(128, info.OptimizedFlops);
        // All four labels at once (120 points) with two products and a sum each.
        Assert.Equal(360, info.NaiveFlops);
        Assert.Equal(10, info.LargestIntermediate);
        Assert.Equal(360 / 128.0, info.Speedup, 12);
    }

    [Fact]
    public void TheSmallestIntermediateGoesFirstAndPositionsFollowNumpysConvention()
    {
        // jk,kl makes 8 elements (jl), ij,jk 64: the last two operands meet first, and their result is appended after
        // operand 0, so the second step is (0, 1) again.
        var info = Jnp.EinsumPath("ij,jk,kl->il", [8, 8], [8, 8], [8, 1]);
        Assert.Equal([[1, 2], [0, 1]], info.Path);
        Assert.Equal(["jk,kl->jl", "ij,jl->il"], info.Contractions.Select(c => c.Subscripts));
        Assert.Equal(256, info.OptimizedFlops);
        Assert.Equal(512 * 3, info.NaiveFlops);
        // The order reported is the one Einsum runs: its result matches the product in any order.
        var key = Jax.Random.PRNGKey(3);
        var (a, b, c) = (Jax.Random.Normal(key, [8, 8]), Jax.Random.Normal(Jax.Random.FoldIn(key, 1), [8, 8]), Jax.Random.Normal(Jax.Random.FoldIn(key, 2), [8, 1]));
        Assert.True(Jnp.Allclose(Jnp.Matmul(Jnp.Matmul(a, b), c), Jnp.Einsum("ij,jk,kl->il", a, b, c), rtol: 1e-4, atol: 1e-4));
        Assert.Equal(info.Path, Jnp.EinsumPath("ij,jk,kl->il", a, b, c).Path);
    }

    [Fact]
    public void EllipsisAxesPrintAsSpareLetters()
    {
        var info = Jnp.EinsumPath("...ij,...jk->...ik", [5, 2, 3], [5, 3, 4]);
        Assert.Equal("Aij,Ajk->Aik", info.Subscripts);
        var step = Assert.Single(info.Contractions);
        Assert.Equal([0, 1], step.Operands);
        Assert.Equal("Aij,Ajk->Aik", step.Subscripts);
        Assert.Equal(40, step.ResultSize);
        Assert.Equal(240, step.Flops);
        var report = info.ToString();
        Assert.Contains("Complete contraction:  Aij,Ajk->Aik", report);
        Assert.Contains("(0, 1)", report);
    }

    [Fact]
    public void OneOperandIsOneStep()
    {
        var info = Jnp.EinsumPath("ii->i", [3, 3]);
        var step = Assert.Single(info.Contractions);
        Assert.Equal([0], step.Operands);
        Assert.Equal("ii->i", step.Subscripts);
        Assert.Equal(3, step.ResultSize);
        // An implicit output sums what appears once.
        Assert.Equal("ij->", Jnp.EinsumPath("ij->", [2, 3]).Subscripts);
        Assert.Equal("ji->ij", Jnp.EinsumPath("ji", [2, 3]).Subscripts);
    }

    [Fact]
    public void BadSubscriptsAndShapesAreRejected()
    {
        Assert.Throws<ShapeException>(() => Jnp.EinsumPath("ij,jk", [2, 3]));
        Assert.Throws<ShapeException>(() => Jnp.EinsumPath("ij,jk", [2, 3], [4, 5]));
        Assert.Throws<ShapeException>(() => Jnp.EinsumPath("ijk,jk", [2, 3], [3, 5]));
        Assert.Throws<ShapeException>(() => Jnp.EinsumPath("ij,jk->iz", [2, 3], [3, 5]));
        Assert.Throws<ShapeException>(() => Jnp.Einsum("ij,jk->iz", Jnp.Ones([2, 3]), Jnp.Ones([3, 5])));
        Assert.Throws<ShapeException>(() => Jnp.EinsumPath("...i...,i", [2, 3], [3]));
    }
}
