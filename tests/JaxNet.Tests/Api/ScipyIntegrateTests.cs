using static JaxNet.Tests.Api.Expect;
using Integrate = JaxNet.Jax.Scipy.Integrate;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.integrate.trapezoid against SciPy 1.10.1 (/usr/bin/python3:
/// <c>y = [[1, 2.5, -0.5, 4], [0, 1, 4, 9]]; trapezoid(y, dx=0.3); trapezoid(y, x=[0, 0.5, 2, 2.25]); trapezoid(y, axis=0)</c>).
/// </summary>
public class ScipyIntegrateTests
{
    private static readonly NDArray Y = Jnp.Array(new[,] { { 1.0, 2.5, -0.5, 4.0 }, { 0.0, 1.0, 4.0, 9.0 } }, DType.Float64);

    [Fact]
    public void Trapezoid_matches_scipy()
    {
        Values([1.35, 2.85], Integrate.Trapezoid(Y, dx: 0.3), DType.Float64, [2], 1e-15);
        Values([2.8125, 5.625], Integrate.Trapezoid(Y, D(0, 0.5, 2, 2.25)), DType.Float64, [2], 1e-15);
        Values([0.5, 1.75, 1.75, 6.5], Integrate.Trapezoid(Y, axis: 0), DType.Float64, [4], 0);
        // Integers promote to the default float; one sample integrates to 0; inf and NaN propagate.
        Values([4], Integrate.Trapezoid(Jnp.Array(new[] { 1, 3, 1 })), DType.Float32, [], 0);
        Values([0, 0], Integrate.Trapezoid(Y[.., ..1]), DType.Float64, [2], 0);
        Values([double.PositiveInfinity, double.NaN], Integrate.Trapezoid(Jnp.Array(new[,] { { 1, double.PositiveInfinity }, { double.NaN, 1 } }, DType.Float64)),
            DType.Float64, [2]);
    }

    [Fact]
    public void Trapezoid_differentiates_jits_vmaps_and_refuses_bad_shapes()
    {
        // d/dy of the sum of integrals with spacing x: the trapezoid weights (x[1] - x[0]) / 2, ... .
        var x = D(0, 0.5, 2, 2.25);
        var grad = Jax.Grad((NDArray y) => Jnp.Sum(Integrate.Trapezoid(y, x)))(Y);
        Values([0.25, 1.0, 0.875, 0.125, 0.25, 1.0, 0.875, 0.125], grad, DType.Float64, [2, 4], 1e-15);
        Values([2.8125, 5.625], Jax.Jit((NDArray y, NDArray s) => Integrate.Trapezoid(y, s))(Y, x), DType.Float64, [2], 1e-15);
        Values([2.8125, 5.625], Jax.Vmap((NDArray row) => Integrate.Trapezoid(row, x))(Y), DType.Float64, [2], 1e-15);
        Assert.Throws<ShapeException>(() => Integrate.Trapezoid(Jnp.Array(1.0)));
        Assert.Throws<ShapeException>(() => Integrate.Trapezoid(Y, D(0, 1, 2)));
    }
}
