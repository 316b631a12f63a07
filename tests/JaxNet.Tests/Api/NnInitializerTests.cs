using Init = JaxNet.Jax.Nn.Initializers;

namespace JaxNet.Tests.Api;

/// <summary>jax.nn.initializers' orthogonal, delta_orthogonal, truncated_normal, constant and the Xavier/Kaiming
/// names (the variance-scaling family is in <see cref="NnTests"/>).</summary>
public class NnInitializerTests
{
    private static readonly NDArray Key = Jax.Random.PRNGKey(4);

    private static void AssertIdentity(NDArray product, double scale = 1)
    {
        var n = product.Shape[0];
        Assert.True(Jnp.Allclose(product, Jnp.Eye(n) * (float)(scale * scale), atol: 1e-5), $"not {scale}^2 I: {product}");
    }

    [Fact]
    public void OrthogonalColumnsOrRowsAreOrthonormal()
    {
        var tall = Init.Orthogonal()(Key, [6, 4]);
        AssertIdentity(Jnp.Matmul(tall.T, tall));
        var wide = Init.Orthogonal(scale: 2)(Key, [3, 5]);
        AssertIdentity(Jnp.Matmul(wide, wide.T), 2);
        // The column axis first: its slices W[j, ...] are the orthonormal vectors.
        var first = Init.Orthogonal(columnAxis: 0)(Key, [4, 6]);
        AssertIdentity(Jnp.Matmul(first, first.T));
        var kernel = Init.Orthogonal()(Key, [2, 3, 4]).Reshape([6, 4]);
        AssertIdentity(Jnp.Matmul(kernel.T, kernel));
        Assert.Equal(DType.Float16, Init.Orthogonal()(Key, [4, 4], DType.Float16).DType);
    }

    [Fact]
    public void OrthogonalRejectsVectorsAndIntegers()
    {
        Assert.Throws<ArgumentException>(() => Init.Orthogonal()(Key, [5]));
        Assert.Throws<ArgumentException>(() => Init.Orthogonal()(Key, [3, 3], DType.Int32));
        Assert.ThrowsAny<Exception>(() => Init.Orthogonal(columnAxis: 2)(Key, [3, 3]));
    }

    [Fact]
    public void DeltaOrthogonalPutsAnOrthogonalMatrixAtTheCentre()
    {
        var w = Init.DeltaOrthogonal()(Key, [3, 4, 4]);
        Assert.Equal([3, 4, 4], w.Shape);
        AssertIdentity(Jnp.Matmul(w[1].T, w[1]));
        Assert.Equal(0f, Jnp.Sum(Jnp.Abs(w[0])).Item<float>());
        Assert.Equal(0f, Jnp.Sum(Jnp.Abs(w[2])).Item<float>());
        var conv2d = Init.DeltaOrthogonal(scale: 3)(Key, [3, 5, 2, 4]);
        var centre = conv2d[1, 2];
        AssertIdentity(Jnp.Matmul(centre, centre.T), 3);
        Assert.Equal(Jnp.Sum(Jnp.Abs(centre)).Item<float>(), Jnp.Sum(Jnp.Abs(conv2d)).Item<float>());
        Assert.Throws<ArgumentException>(() => Init.DeltaOrthogonal()(Key, [4, 4]));
        Assert.Throws<ArgumentException>(() => Init.DeltaOrthogonal()(Key, [3, 4, 2]));
        Assert.Throws<ArgumentException>(() => Init.DeltaOrthogonal()(Key, [1, 1, 1, 1, 1, 1]));
    }

    [Fact]
    public void TruncatedNormalStaysWithinItsBoundsWithTheTruncatedVariance()
    {
        const int n = 60_000;
        var values = Init.TruncatedNormal(stddev: 0.5)(Key, [200, 300]).ToArray<float>().Select(v => (double)v).ToArray();
        Assert.All(values, v => Assert.InRange(v, -1.0, 1.0));
        // A standard normal cut at +-2 has variance 0.7737413; the estimate's relative error is at most sqrt(2 / n)
        // (a normal's; the cut tails only shrink it).
        var expected = 0.25 * 0.7737413;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        Assert.Equal(0, mean, 5 * Math.Sqrt(expected / n));
        Assert.Equal(1, variance / expected, 5 * Math.Sqrt(2.0 / n));
        var narrow = Init.TruncatedNormal(stddev: 1, lower: 0, upper: 0.5)(Key, [1000]).ToArray<float>();
        Assert.All(narrow, v => Assert.InRange(v, 0f, 0.5f));
        Assert.Throws<ArgumentException>(() => Init.TruncatedNormal()(Key, [3], DType.Int32));
    }

    [Fact]
    public void ConstantFillsAnyDtype()
    {
        Assert.Equal([-7f, -7f, -7f, -7f], Init.Constant(-7)(Key, [2, 2]).ToArray<float>());
        var ints = Init.Constant(3)(Key, [3], DType.Int32);
        Assert.Equal(DType.Int32, ints.DType);
        Assert.Equal([3, 3, 3], ints.ToArray<int>());
        Assert.Empty(Init.Constant(1)(Key, [0, 4]).ToArray<float>());
    }

    [Fact]
    public void XavierAndKaimingAreGlorotAndHe()
    {
        int[] shape = [5, 7];
        Assert.Equal(Init.GlorotUniform()(Key, shape).ToArray<float>(), Init.XavierUniform()(Key, shape).ToArray<float>());
        Assert.Equal(Init.GlorotNormal()(Key, shape).ToArray<float>(), Init.XavierNormal()(Key, shape).ToArray<float>());
        Assert.Equal(Init.HeUniform()(Key, shape).ToArray<float>(), Init.KaimingUniform()(Key, shape).ToArray<float>());
        Assert.Equal(Init.HeNormal()(Key, shape).ToArray<float>(), Init.KaimingNormal()(Key, shape).ToArray<float>());
    }
}
