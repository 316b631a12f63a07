using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jnp.nansum and family against NumPy (expected values from numpy 1.24), JAX's all-NaN results, and their
/// gradients (0 at the NaNs).</summary>
public class JnpNanReductionTests
{
    private const float NaN = float.NaN;

    private static NDArray X() => Matrix(new[,] { { 1f, NaN, 3 }, { NaN, NaN, NaN }, { 4, -2, NaN } });

    [Fact]
    public void SumsProductsAndExtremesSkipNans()
    {
        Values([4, 0, 2], Jnp.Nansum(X(), 1));
        Values([5, -2, 3], Jnp.Nansum(X(), 0));
        Values([6], Jnp.Nansum(X()), shape: []);
        Values([4, 0, 2], Jnp.Nansum(X(), 1, keepdims: true), shape: [3, 1]);
        Values([6], Jnp.Nansum(X(), [0, 1]), shape: []);
        Values([3, 1, -8], Jnp.Nanprod(X(), 1));
        // A slice that is all NaN gives NaN (the identity -inf would otherwise show).
        Values([3, double.NaN, 4], Jnp.Nanmax(X(), 1));
        Values([1, -2, 3], Jnp.Nanmin(X(), 0));
        Values([double.NaN], Jnp.Nanmax(F(NaN, NaN)), shape: []);
        Values([1, 1, 4, 4, 4, 4, 8, 6, 6], Jnp.Nancumsum(X()), shape: [9]);
        Values([1, 1, 3, 1, 1, 1, 4, -8, -8], Jnp.Nancumprod(X(), 1), shape: [3, 3]);
        // Integers have no NaN: the plain reductions, with their dtypes.
        Ints([3, 7], Jnp.Nansum(Jnp.Array(new[,] { { 1, 2 }, { 3, 4 } }), 1));
        Ints([4], Jnp.Nanmax(I(1, 4, 2)), shape: []);
    }

    [Fact]
    public void MeansAndVariancesCountOnlyTheNonNanValues()
    {
        Values([2, double.NaN, 1], Jnp.Nanmean(X(), 1));
        Values([1.5], Jnp.Nanmean(X()), shape: []);
        Values([1, double.NaN, 9], Jnp.Nanvar(X(), 1));
        Values([2, double.NaN, 18], Jnp.Nanvar(X(), 1, ddof: 1));
        // One value and ddof 1 leaves no degrees of freedom: NaN, as in JAX (not inf).
        Values([double.NaN], Jnp.Nanvar(F(5, NaN), ddof: 1), shape: []);
        Values([2.291288], Jnp.Nanstd(X()), shape: []);
        // Integers average as floats.
        Values([2.5], Jnp.Nanmean(I(1, 4)), shape: []);
        Values([2.25], Jnp.Nanvar(I(1, 4)), shape: []);
    }

    [Fact]
    public void ArgExtremesSkipNansAndGiveMinusOneForAllNan()
    {
        Ints([2, -1, 0], Jnp.Nanargmax(X(), 1));
        Ints([0, -1, 1], Jnp.Nanargmin(X(), 1));
        Ints([2, -1, 0], Jnp.Nanargmax(X(), 1, keepdims: true), [3, 1]);
        Ints([6], Jnp.Nanargmax(X()), []);
        Ints([1], Jnp.Nanargmin(I(3, 1, 2)), []);
        Assert.Throws<ShapeException>(() => Jnp.Nanargmax(X(), 2));
        Assert.Throws<ShapeException>(() => Jnp.Nansum(X(), -3));
    }

    [Fact]
    public void GradientsAreZeroAtNans()
    {
        var x = Jnp.FromHost<double>([1, double.NaN, 3, 0.5], [4], DType.Float64);
        Values([1, 0, 1, 1], Jax.Grad(v => Jnp.Nansum(v))(x), DType.Float64);
        Values([1.0 / 3, 0, 1.0 / 3, 1.0 / 3], Jax.Grad(v => Jnp.Nanmean(v))(x), DType.Float64);
        Values([0, 0, 1, 0], Jax.Grad(v => Jnp.Nanmax(v))(x), DType.Float64);
        // d/dx of the variance of (1, 3, 0.5) (mean 1.5): 2 (x - mean) / 3, and 0 for the NaN.
        Values([-1.0 / 3, 0, 1, -2.0 / 3], Jax.Grad(v => Jnp.Nanvar(v))(x), DType.Float64);
        GradCheck.Check(v => Jnp.Nanstd(v, 1, ddof: 1), Jnp.FromHost<double>([0.3, 1.2, -0.7, 2, 0.1, 0.9], [2, 3], DType.Float64));
        GradCheck.Check(v => Jnp.Nanprod(v, 0), Jnp.FromHost<double>([0.3, 1.2, -0.7, 2, 0.1, 0.9], [2, 3], DType.Float64));
    }

    [Fact]
    public void JitAndVmapAgreeWithEager()
    {
        JitAndVmapAgree(v => Jnp.Nanmean(v), X());
        JitAndVmapAgree(v => Jnp.Nanargmin(v), X());
        JitAndVmapAgree(v => Jnp.Nanvar(v, ddof: 1), X());
    }
}
