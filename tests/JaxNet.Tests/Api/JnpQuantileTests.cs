using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jnp.quantile, percentile, median and their nan versions against NumPy (numpy 1.24), JAX's NaN rule, and
/// gradients through the sort.</summary>
public class JnpQuantileTests
{
    private const float NaN = float.NaN;

    private static NDArray A() => Matrix(new[,] { { 3f, 1, 4, 1 }, { 5, 9, 2, 6 }, { 5, 3, 5, 8 } });

    [Fact]
    public void LinearInterpolationAlongAxes()
    {
        Values([1, 4.7, 4.8], Jnp.Quantile(A(), 0.3, 1));
        Values([3, 1, 2, 1, 4, 2, 3, 3.5, 5, 9, 5, 8], Jnp.Quantile(A(), F(0, 0.25f, 1), 0), shape: [3, 4]);
        Values([1.1, 4.5, 7.8], Jnp.Percentile(A(), F(10, 50, 90)), shape: [3]);
        Values([3.4], Jnp.Percentile(A(), 40), shape: []);
        Values([3.4], Jnp.Quantile(A(), 0.4, [0, 1]), shape: []);
        Values([1, 4.7, 4.8], Jnp.Quantile(A(), 0.3, 1, keepdims: true), shape: [3, 1]);
        Values([3.4], Jnp.Quantile(A(), 0.4, keepdims: true), shape: [1, 1]);
        Assert.Equal([2, 3, 1], Jnp.Quantile(A(), F(0.3f, 0.6f), 1, keepdims: true).Shape);
        // Integers give the default float.
        Values([2.5], Jnp.Median(I(4, 1, 2, 3)), shape: []);
    }

    [Theory]
    [InlineData(QuantileMethod.Lower, new double[] { 1, 2, 3, 1, 5, 5, 3, 6, 5 })]
    [InlineData(QuantileMethod.Higher, new double[] { 1, 5, 5, 3, 6, 5, 4, 9, 8 })]
    [InlineData(QuantileMethod.Midpoint, new double[] { 1, 3.5, 4, 2, 5.5, 5, 3.5, 7.5, 6.5 })]
    // NumPy's nearest rounds the half way q = 0.5 to the even index (3, 6, 5 in the middle row); JAX takes the lower.
    [InlineData(QuantileMethod.Nearest, new double[] { 1, 2, 3, 1, 5, 5, 4, 9, 8 })]
    public void Methods(QuantileMethod method, double[] expected) =>
        Values(expected, Jnp.Quantile(A(), F(0.1f, 0.5f, 0.9f), 1, method), shape: [3, 3]);

    [Fact]
    public void MediansAndNans()
    {
        Values([4.5], Jnp.Median(A()), shape: []);
        Values([2, 5.5, 5], Jnp.Median(A(), 1));
        Values([5, 3, 4, 6], Jnp.Median(A(), 0, keepdims: true), shape: [1, 4]);
        Values([4.5], Jnp.Median(A(), [0, 1]), shape: []);
        var b = Matrix(new[,] { { 1f, NaN, 3, 2 }, { NaN, NaN, NaN, NaN }, { 4, -2, NaN, 0 } });
        // Any NaN in a slice makes its quantile NaN; the nan versions skip them (NaN when nothing is left).
        Values([double.NaN, double.NaN, double.NaN], Jnp.Median(b, 1));
        Values([2, double.NaN, 0], Jnp.Nanmedian(b, 1));
        Values([1.5, double.NaN, -1], Jnp.Nanquantile(b, 0.25, 1));
        Values([1.5, double.NaN, -1, 2.5, double.NaN, 2], Jnp.Nanpercentile(b, F(25, 75), 1), shape: [2, 3]);
        Values([5, double.NaN], Jnp.Median(F(1, 3, 5, NaN).Reshape(2, 2) + F(2, 1), 0), shape: [2]);
    }

    [Fact]
    public void BadInput()
    {
        Assert.Throws<ShapeException>(() => Jnp.Quantile(A(), Jnp.Ones([2, 2]), 1));
        Assert.Throws<ShapeException>(() => Jnp.Median(A(), 2));
        Assert.Throws<ShapeException>(() => Jnp.Median(A(), [1, 1]));
        Assert.Throws<ShapeException>(() => Jnp.Median(Jnp.Zeros([0])));
        Assert.Throws<ArgumentOutOfRangeException>(() => Jnp.Quantile(A(), 0.5, method: (QuantileMethod)17));
    }

    [Fact]
    public void GradientsFollowTheOrderStatistics()
    {
        var x = Jnp.FromHost<double>([0.3, -1.2, 2.0, 0.7], [4], DType.Float64);
        // The median of four is the mean of the middle two (0.3 and 0.7).
        Values([0.5, 0, 0, 0.5], Jax.Grad(v => Jnp.Median(v))(x), DType.Float64);
        // q = 0.25: position 0.75 between -1.2 (weight 0.25) and 0.3 (weight 0.75).
        Values([0.75, 0.25, 0, 0], Jax.Grad(v => Jnp.Quantile(v, 0.25))(x), DType.Float64);
        GradCheck.Check(v => Jnp.Quantile(v, Jnp.FromHost<double>([0.2, 0.9], [2], DType.Float64), 1),
            Jnp.FromHost<double>([0.3, -1.2, 2.0, 0.7, 1.1, -0.4], [2, 3], DType.Float64));
        GradCheck.Check(v => Jnp.Nanmedian(v, 0), Jnp.FromHost<double>([0.3, -1.2, 2.0, 0.7, 1.1, -0.4], [3, 2], DType.Float64));
    }

    [Fact]
    public void JitAndVmapAgreeWithEager()
    {
        JitAndVmapAgree(v => Jnp.Quantile(v, F(0.1f, 0.5f)), A());
        JitAndVmapAgree(v => Jnp.Nanmedian(v), Matrix(new[,] { { 1f, NaN, 3 }, { NaN, NaN, NaN }, { 4, -2, 0 } }));
        JitAndVmapAgree(v => Jnp.Percentile(A(), v, 1), F(10, 50, 90).Reshape(3, 1));
    }
}
