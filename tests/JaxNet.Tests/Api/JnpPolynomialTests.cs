using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>polyval, polyadd, polysub, polymul, polyder, polyint and vander against NumPy (numpy 1.24), with JAX's
/// dtypes (polymul, polyder and polyint in a float type).</summary>
public class JnpPolynomialTests
{
    [Fact]
    public void PolyvalEvaluatesByHorner()
    {
        Ints([76, 4, 13], Jnp.Polyval(I(3, 0, 1), I(5, -1, 2)));
        Values([-0.125, 2.5], Jnp.Polyval(F(1.5f, -2, 0.5f), F(0.5f, 2).Reshape(1, 2)), shape: [1, 2]);
        // Coefficients with a trailing axis broadcast against x.
        Ints([6, 11, 18], Jnp.Polyval(Jnp.Array(new[,] { { 1, 2, 3 }, { 4, 5, 6 } }), I(2, 3, 4)));
        Values([0, 0], Jnp.Polyval(Jnp.Zeros([0]), F(1, 2)));
        Values([7], Jnp.Polyval(F(2, 1), 3.0), shape: []);
        Assert.Throws<ShapeException>(() => Jnp.Polyval(Jnp.Array(1f), F(1)));
    }

    [Fact]
    public void LongPolynomialsScanAndAgreeUnderTransformations()
    {
        // 20 coefficients: past the unrolled length, evaluated by a scan.
        var c = Jnp.Linspace(-1, 1, 20, dtype: DType.Float64);
        Values([1.3641246, 0.61422999, -18.03815792], Jnp.Polyval(c, D(0.3, -0.7, 1.1)), DType.Float64, tol: 1e-8);
        Values([1.3641246, 0.61422999, -18.03815792], Jax.Jit((NDArray x) => Jnp.Polyval(c, x))(D(0.3, -0.7, 1.1)), DType.Float64, tol: 1e-8);
        JitAndVmapAgree(x => Jnp.Polyval(c, x), D(0.3, -0.7, 1.1, 0.2).Reshape(2, 2));
        JitAndVmapAgree(x => Jnp.Polyval(F(1.5f, -2, 0.5f), x), F(0.3f, -0.7f, 1.1f, 0.2f).Reshape(2, 2));
        GradCheck.Check((p, x) => Jnp.Polyval(p, x), D(0.5, -1, 2), D(0.3, -0.7));
        GradCheck.Check((p, x) => Jnp.Polyval(p, x), c * 0.5, D(0.3, -0.7), order: 1);
    }

    [Fact]
    public void AddSubtractAndMultiply()
    {
        Ints([9, 6, 6], Jnp.Polyadd(I(1, 2), I(9, 5, 4)));
        Ints([-9, -4, -2], Jnp.Polysub(I(1, 2), I(9, 5, 4)));
        Ints([5, 7, 9, 6, 4, 2], Jnp.Polysub(Jnp.Array(new[,] { { 5, 7, 9 }, { 8, 6, 4 } }), I(2)), [2, 3]);
        Values([9, 23, 38, 17, 3], Jnp.Polymul(I(1, 2, 3), I(9, 5, 1)));
        Values([0, 0, 3, 10, 8], Jnp.Polymul(F(0, 0, 1, 2), F(3, 4)));
        Values([3, 10, 8], Jnp.Polymul(F(0, 0, 1, 2), F(3, 4), trimLeadingZeros: true));
        Values([0, 0], Jnp.Polymul(Jnp.Zeros([0]), F(3, 4)));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray a) => Jnp.Polymul(a, a, trimLeadingZeros: true))(F(0, 1)));
        Assert.Throws<ShapeException>(() => Jnp.Polyadd(Jnp.Array(1), I(1)));
        GradCheck.Check((a, b) => Jnp.Polymul(a, b), D(0.5, -1, 2), D(0.3, -0.7));
        GradCheck.Check((a, b) => Jnp.Polysub(a, b), D(0.5, -1, 2), D(0.3, -0.7));
    }

    [Fact]
    public void DerivativesAndAntiderivatives()
    {
        Values([6, -10, 3], Jnp.Polyder(I(2, -5, 3, -1)));
        Values([12, -10], Jnp.Polyder(I(2, -5, 3, -1), 2));
        Values([24, 12], Jnp.Polyder(F(1, 2, 3, 4, 5), 3));
        Values([], Jnp.Polyder(F(1, 2), 3), shape: [0]);
        Values([4, 6, 6, 0], Jnp.Polyint(I(12, 12, 6)));
        Values([4, 6, 6, 4], Jnp.Polyint(I(12, 12, 6), k: 4));
        Values([1, 2, 3, 0, 0], Jnp.Polyint(I(12, 12, 6), m: 2));
        Values([1, 2, 3, 4, 5], Jnp.Polyint(I(12, 12, 6), m: 2, k: I(4, 5)));
        Values([0.04166667, 0.33333333, 0.5, 2, 3], Jnp.Polyint(F(1, 2), m: 3, k: F(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Jnp.Polyint(F(1, 2), m: 3, k: F(1, 2)));
        Assert.Throws<ArgumentException>(() => Jnp.Polyder(F(1, 2), -1));
        // The derivative of the antiderivative is the polynomial.
        Values([0.5, -1, 2], Jnp.Polyder(Jnp.Polyint(D(0.5, -1, 2), m: 2), 2), DType.Float64);
        GradCheck.Check(p => Jnp.Polyder(p, 2), D(0.5, -1, 2, 3));
        GradCheck.Check((p, k) => Jnp.Polyint(p, 2, k), D(0.5, -1, 2), D(1, -3));
        Values([6, -10, 3], Jax.Jit((NDArray p) => Jnp.Polyder(p))(F(2, -5, 3, -1)));
    }

    [Fact]
    public void Vandermonde()
    {
        Ints([1, 1, 1, 1, 8, 4, 2, 1, 27, 9, 3, 1, 125, 25, 5, 1], Jnp.Vander(I(1, 2, 3, 5)), [4, 4]);
        Values([1, 0.5, 0.25, 1, 2, 4], Jnp.Vander(F(0.5f, 2), 3, increasing: true), shape: [2, 3]);
        Values([], Jnp.Vander(F(0.5f, 2), 0), shape: [2, 0]);
        Assert.Throws<ShapeException>(() => Jnp.Vander(Jnp.Ones([2, 2])));
        // d/dx (x^2 + x + 1) = 2x + 1, finite at x = 0 (a pow's derivative of x^0 there would be 0 * 0^-1 = NaN).
        Values([1, 3, -1], Jax.Vmap(Jax.Grad((NDArray x) => Jnp.Sum(Jnp.Vander(Jnp.Stack([x]), 3))))(F(0, 1, -1)));
        JitAndVmapAgree(x => Jnp.Vander(x, 3), F(0, 1, 2, 3, -1, 0.5f).Reshape(2, 3));
    }
}
