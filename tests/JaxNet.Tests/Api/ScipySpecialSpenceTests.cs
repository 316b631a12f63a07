using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>
/// spence against mpmath (50 digits) on the three forms (x &lt; ½ reflected, ½ ≤ x ≤ 2 direct, x &gt; 2 inverted) and next
/// to its zero at 1. Reference values: <c>mpmath.mp.dps = 50; float(mpmath.polylog(2, 1 - x))</c>.
/// </summary>
public class ScipySpecialSpenceTests
{
    private static readonly double[] Xs = [0, 1e-10, 1e-3, 0.1, 0.49, 0.5, 0.51, 0.9, 0.999, 1 - 1e-8, 1, 1 + 1e-8, 1.001, 1.5, 1.99, 2, 2.01, 5, 100,
        1e10, 1e300];

    private static readonly double[] Spences = [1.6449340668482264, 1.6449340644456414, 1.6370226052761176, 1.2997147230049586, 0.5961653613779507,
        0.5822405264650125, 0.5684384438966669, 0.1026177910993911, 0.001000250111173652, 1.0000000075247593e-08, 0.0, -9.999999914225292e-09,
        -0.000999750111048541, -0.4484142069236462, -0.8155258814773397, -0.8224670334241132, -0.8293888705204264, -2.369939796998366,
        -12.192421669033171, -266.73983958836556, -238587.05990559477];

    [Fact]
    public void MatchesMpmathInFloat64()
    {
        Relative(Spences, Special.Spence(D(Xs)), 1e-15);
    }

    [Fact]
    public void MatchesMpmathInFloat32()
    {
        // Expected: the float64 function at the float32 arguments.
        Relative32([1.6370226049476886, 0.8893776037825042, 0.2676526390827326, -0.23590029768626344, -1.4367463668836808, -25.495564102428908],
            Special.Spence(Jnp.Array(new[] { 1e-3f, 0.3f, 0.75f, 1.25f, 3, 1000 })), 6e-7);
        var half = Special.Spence(Jnp.Array(new[] { 0.5f }).Astype(DType.Float16));
        Assert.Equal(DType.Float16, half.DType);
        Assert.Equal(0.5822405264650125, half.ToArray<double>()[0], 3);
    }

    [Fact]
    public void EdgesAndBadInput()
    {
        Relative([double.NaN, double.NaN, double.NegativeInfinity, 1.6449340668482264, 0], Special.Spence(D(-1, double.NaN, double.PositiveInfinity, 0, 1)), 0);
        Assert.Equal(DType.Float32, Special.Spence(Jnp.Array(new[] { 1, 2 })).DType);
        Assert.Throws<ArgumentException>(() => Special.Spence(Jnp.Array(1f).Astype(DType.Complex64)));
        Assert.Equal([2, 0], Special.Spence(Shaped([], 2, 0)).Shape);
    }

    [Fact]
    public void DerivativeIsLogOverOneMinusX()
    {
        var x = D(1e-3, 0.3, 0.9995, 1.0004, 1.7, 2.5, 40);
        var expected = x.ToArray<double>().Select(v => Math.Log(v) / (1 - v)).ToArray();
        Relative(expected, Jax.Vmap(Jax.Grad((NDArray v) => Special.Spence(v)))(x), 1e-13);
        // At 1 the quotient's limit, −1, and its slope there, ½ (spence''(1) = ½).
        var one = D(1)[0];
        Assert.Equal(-1, Jax.Grad((NDArray v) => Special.Spence(v))(one).Item<double>(), 15);
        Assert.Equal(0.5, Jax.Grad(Jax.Grad((NDArray v) => Special.Spence(v)))(one).Item<double>(), 15);
        GradCheck.Check(v => Special.Spence(v), D(0.2, 0.8, 1.3, 2.6, 9));
    }

    [Fact]
    public void JitAndVmap() => Expect.JitAndVmapAgree(v => Special.Spence(v), Jnp.Array(new float[,] { { 0, 0.3f, 1 }, { 1.5f, 3, 50 } }));
}
