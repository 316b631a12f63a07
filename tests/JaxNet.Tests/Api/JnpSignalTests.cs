using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>diff, ediff1d, convolve and correlate against NumPy (numpy 1.24).</summary>
public class JnpSignalTests
{
    [Fact]
    public void Diff()
    {
        Ints([3, 5, 7], Jnp.Diff(I(1, 4, 9, 16)));
        Ints([2, 2], Jnp.Diff(I(1, 4, 9, 16), 2));
        Ints([1, 4, 9, 16], Jnp.Diff(I(1, 4, 9, 16), 0));
        Ints([], Jnp.Diff(I(1, 4), 3), [0]);
        Ints([-1, 2, -4], Jnp.Diff(Jnp.Array(new[,] { { 1, 3, 6 }, { 0, 5, 2 } }), axis: 0), [1, 3]);
        Values([1, 1, 3, 2], Jnp.Diff(F(1, 2), prepend: 0f, append: F(5, 7)));
        Ints([2, 2, 3, -3, 5, -3], Jnp.Diff(Jnp.Array(new[,] { { 1, 3, 6 }, { 0, 5, 2 } }), prepend: Jnp.Array(new[,] { { -1 }, { 3 } })), [2, 3]);
        Assert.Equal([true, false, true], Jnp.Diff(Jnp.Array(new[] { true, false, false, true })).ToArray<bool>());
        Ints([-9, 1, 2, 3, 99, 100], Jnp.Ediff1d(Jnp.Array(new[,] { { 1, 2 }, { 4, 7 } }), toEnd: I(99, 100), toBegin: I(-9)));
        Assert.Throws<ArgumentException>(() => Jnp.Diff(F(1, 2), -1));
        Assert.Throws<ShapeException>(() => Jnp.Diff(Jnp.Array(1f)));
        Assert.Throws<ShapeException>(() => Jnp.Diff(F(1, 2), axis: 1));
        GradCheck.Check(x => Jnp.Diff(x, 2), Jnp.FromHost<double>([0.3, -1.2, 2, 0.7], [4], DType.Float64));
    }

    [Theory]
    [InlineData(ConvolveMode.Full, new double[] { 0, 1, 2.5, 4, 5.5, 2 }, new double[] { 0.5, 2, 3.5, 5, 4, 0 }, new double[] { 0, 4, 5, 3.5, 2, 0.5 })]
    [InlineData(ConvolveMode.Same, new double[] { 1, 2.5, 4, 5.5 }, new double[] { 2, 3.5, 5, 4 }, new double[] { 4, 5, 3.5, 2 })]
    [InlineData(ConvolveMode.Valid, new double[] { 2.5, 4 }, new double[] { 3.5, 5 }, new double[] { 5, 3.5 })]
    public void ConvolveAndCorrelate(ConvolveMode mode, double[] convolve, double[] correlate, double[] correlateSwapped)
    {
        var (a, v) = (F(1, 2, 3, 4), F(0, 1, 0.5f));
        Values(convolve, Jnp.Convolve(a, v, mode));
        Values(convolve, Jnp.Convolve(v, a, mode));
        Values(correlate, Jnp.Correlate(a, v, mode));
        Values(correlateSwapped, Jnp.Correlate(v, a, mode));
        Values(convolve, Jax.Jit((NDArray x, NDArray y) => Jnp.Convolve(x, y, mode))(a, v));
    }

    [Fact]
    public void ConvolutionPromotesChecksAndDifferentiates()
    {
        // Integers convolve as the default float (JAX's rule; NumPy keeps them integer).
        Values([0, 1, 2, 3], Jnp.Convolve(I(1, 2, 3), I(0, 1)));
        Values([0, 1, 2, 3], Jnp.Convolve(I(1, 2, 3), I(0, 1)).Astype(DType.Float64), DType.Float64);
        Assert.Throws<ShapeException>(() => Jnp.Convolve(Jnp.Ones([2, 2]), F(1)));
        Assert.Throws<ShapeException>(() => Jnp.Correlate(F(1, 2), Jnp.Zeros([0])));
        var x = Jnp.FromHost<double>([0.3, -1.2, 2, 0.7], [4], DType.Float64);
        var y = Jnp.FromHost<double>([0.5, 1.1], [2], DType.Float64);
        GradCheck.Check((p, q) => Jnp.Convolve(p, q, ConvolveMode.Same), x, y);
        GradCheck.Check((p, q) => Jnp.Correlate(p, q, ConvolveMode.Full), y, x);
        JitAndVmapAgree(r => Jnp.Convolve(r, F(1, -1)), Jnp.Arange(12).Reshape(3, 4).Astype(DType.Float32));
    }
}
