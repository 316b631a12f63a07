using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>diag, tri, kron, meshgrid, rot90, average, ptp, nan_to_num and around against NumPy (numpy 1.24).</summary>
public class JnpBuilderTests
{
    [Fact]
    public void DiagAndTri()
    {
        Ints([0, 1, 0, 0, 0, 2, 0, 0, 0], Jnp.Diag(I(1, 2), 1), [3, 3]);
        Ints([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0], Jnp.Diag(I(1, 2), -2), [4, 4]);
        var m = Jnp.Arange(12).Reshape(3, 4);
        Ints([4, 9], Jnp.Diag(m, -1));
        Ints([2, 7], Jnp.Diag(m, 2));
        Values([1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1], Jnp.Tri(3, 4, 1), shape: [3, 4]);
        Assert.Equal(DType.Int32, Jnp.Tri(2, dtype: DType.Int32).DType);
        Assert.Throws<ShapeException>(() => Jnp.Diag(Jnp.Ones([2, 2, 2])));
        Values([1, 1], Jax.Grad(v => Jnp.Sum(Jnp.Diag(v, 1) * 2) / 2)(F(3, 4)));
    }

    [Fact]
    public void Kron()
    {
        Ints([0, 1, 0, 2, 1, 0, 2, 0, 0, 3, 0, 4, 3, 0, 4, 0],
            Jnp.Kron(Jnp.Array(new[,] { { 1, 2 }, { 3, 4 } }), Jnp.Array(new[,] { { 0, 1 }, { 1, 0 } })), [4, 4]);
        Ints([1, 10, 2, 20], Jnp.Kron(I(1, 10), Jnp.Array(new[,] { { 1 }, { 2 } })), [2, 2]);
        Values([0.5, 1, 1.5, 3], Jnp.Kron(F(1, 3), F(0.5f, 1)));
        GradCheck.Check((a, b) => Jnp.Kron(a, b), Jnp.FromHost<double>([0.3, -1.2, 2, 0.7], [2, 2], DType.Float64),
            Jnp.FromHost<double>([0.5, 1.1, -0.4], [3], DType.Float64));
    }

    [Fact]
    public void Meshgrid()
    {
        var xy = Jnp.Meshgrid([I(1, 2, 3), I(4, 5)]);
        Ints([1, 2, 3, 1, 2, 3], xy[0], [2, 3]);
        Ints([4, 4, 4, 5, 5, 5], xy[1], [2, 3]);
        var ij = Jnp.Meshgrid([I(1, 2), I(3, 4, 5), I(6)], indexing: "ij");
        Assert.Equal([2, 3, 1], ij[0].Shape);
        Ints([3, 4, 5, 3, 4, 5], ij[1].Reshape(6));
        var sparse = Jnp.Meshgrid([I(1, 2, 3), I(4, 5)], sparse: true);
        Assert.Equal([1, 3], sparse[0].Shape);
        Assert.Equal([2, 1], sparse[1].Shape);
        Assert.Throws<ArgumentException>(() => Jnp.Meshgrid([I(1)], indexing: "yx"));
    }

    [Fact]
    public void Rot90()
    {
        var r = Jnp.Arange(6).Reshape(2, 3);
        Ints([2, 5, 1, 4, 0, 3], Jnp.Rot90(r), [3, 2]);
        Ints([5, 4, 3, 2, 1, 0], Jnp.Rot90(r, 2), [2, 3]);
        Ints([3, 0, 4, 1, 5, 2], Jnp.Rot90(r, -1), [3, 2]);
        Ints([0, 1, 2, 3, 4, 5], Jnp.Rot90(r, 4), [2, 3]);
        Ints([1, 3, 0, 2, 5, 7, 4, 6], Jnp.Rot90(Jnp.Arange(8).Reshape(2, 2, 2), 1, 1, 2), [2, 2, 2]);
        Assert.Throws<ShapeException>(() => Jnp.Rot90(I(1, 2)));
        Assert.Throws<ShapeException>(() => Jnp.Rot90(r, 1, 0, -2));
        Assert.Throws<ShapeException>(() => Jnp.Rot90(r, 1, 0, 2));
    }

    [Fact]
    public void AveragePtpNanToNumAround()
    {
        Values([1.25, 3.25], Jnp.Average(Matrix(new[,] { { 1f, 2 }, { 3, 4 } }), 1, F(3, 1)));
        Values([2], Jnp.Average(I(1, 2, 3), weights: I(1, 0, 1)), shape: []);
        Values([2], Jnp.Average(I(1, 2, 3)), shape: []);
        Values([1.25, 3.25], Jnp.Average(Matrix(new[,] { { 1f, 2 }, { 3, 4 } }), 1, Matrix(new[,] { { 3f, 1 }, { 3, 1 } }), keepdims: true), shape: [2, 1]);
        Assert.Throws<ShapeException>(() => Jnp.Average(Jnp.Ones([2, 2]), weights: F(1, 2)));
        Assert.Throws<ShapeException>(() => Jnp.Average(Jnp.Ones([2, 2]), 0, F(1, 2, 3)));
        Ints([7, 6], Jnp.Ptp(Jnp.Array(new[,] { { 4, 9, 2 }, { 3, 1, 7 } }), 1));
        Values([0, float.MaxValue, -float.MaxValue, 1], Jnp.NanToNum(F(float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1)));
        Values([1, 2, 3], Jnp.NanToNum(F(float.NaN, float.PositiveInfinity, float.NegativeInfinity), 1, 2, 3));
        Ints([1, 2], Jnp.NanToNum(I(1, 2)));
        Values([0.5, 1.5, 2.5, -0.5, 1.2], Jnp.Around(D(0.5, 1.5, 2.5, -0.5, 1.25), 1), DType.Float64);
        Values([0, 2, 2, -0], Jnp.Around(F(0.5f, 1.5f, 2.5f, -0.5f)));
    }
}
