namespace JaxNet.Tests.Api;

/// <summary>Einsum's "..." and size-1 broadcasting (expected shapes and sums from NumPy 1.24's einsum).</summary>
public class JnpEinsumEllipsisTests
{
    private static NDArray A(params int[] shape) => Jnp.Arange(shape.Aggregate(1, (a, b) => a * b)).Astype(DType.Float32).Reshape(shape);

    private static void Check(int[] shape, float sum, float sumOfSquares, NDArray r)
    {
        Assert.Equal(shape, r.Shape);
        Assert.Equal(sum, Jnp.Sum(r).Item<float>());
        Assert.Equal(sumOfSquares, Jnp.Sum(r * r).Item<float>());
    }

    [Fact]
    public void EllipsesBroadcastLikeNumPy()
    {
        Check([1, 3, 3], 1224, 216856, Jnp.Einsum("...ij,...jk->...ik", A(1, 3, 4), A(1, 4, 3)));
        Check([2, 3, 5], 13860, 8596680, Jnp.Einsum("...ij,jk->...ik", A(2, 3, 4), A(4, 5)));
        Check([5, 3, 2], 13170, 10247340, Jnp.Einsum("...ij,...jk->...ik", A(1, 3, 4), A(5, 4, 2)));
        Check([2, 3, 2], 5412, 4187320, Jnp.Einsum("...ij,...jk", A(2, 3, 4), A(2, 4, 2)));
        Check([2, 2], 66, 1134, Jnp.Einsum("i...->...", A(3, 2, 2)));
        Check([3], 5, 17, Jnp.Einsum("...,...", A(3), A(3)));
        Check([2, 4], 1804, 514532, Jnp.Einsum("ij...,j...->i...", A(2, 3, 4), A(3, 4)));
    }

    [Fact]
    public void MalformedEllipsesAreRefused()
    {
        Assert.Throws<ShapeException>(() => Jnp.Einsum("...i...,i", A(2, 2), A(2)));
        Assert.Throws<ShapeException>(() => Jnp.Einsum("..ij", A(2, 2)));
        Assert.Throws<ShapeException>(() => Jnp.Einsum("...ijk", A(2, 2)));
    }
}
