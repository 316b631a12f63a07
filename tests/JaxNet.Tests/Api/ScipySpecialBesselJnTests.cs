using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>bessel_jn against mpmath (besselj, 30 digits): orders 0 to 6 at negative, small, moderate and large z, the
/// series branch near 0, float32 where JAX's unscaled recurrence overflows, and its derivative.</summary>
[Collection(nameof(X64Collection))]
public class ScipySpecialBesselJnTests
{
    private static readonly double[] Zs = [-7.5, 0.1, 1, 2.5, 10, 24, 1e-14];

    // mpmath.besselj(v, z) for v = 0 .. 6 (rows) at Zs (columns).
    private static readonly double[] Expected =
    [
        0.2663396578803784, 0.99750156206604, 0.7651976865579666, -0.048383776468198, -0.24593576445134835, -0.056230274166859266, 1.0,
        -0.1352484275797055, 0.049937526036242, 0.4400505857449335, 0.49709410246427405, 0.04347274616886144, -0.15403806518312121, 5e-15,
        -0.23027341052579026, 0.001248958658799919, 0.11490348493190047, 0.44605905843961724, 0.2546303136851206, 0.043393768734932496, 1.25e-29,
        0.2580609131934603, 2.0820315754756265e-05, 0.019563353982668407, 0.21660039103911352, 0.058379379305186815, 0.16127035997227665, 2.0833333333333332e-44,
        0.023824679971022014, 2.6028648545684036e-07, 0.0024766389641099553, 0.07378188005425523, -0.21960268610200853, -0.003076178741863339, 2.6041666666666668e-59,
        -0.28347390516255044, 2.6030817909644417e-09, 0.00024975773021123444, 0.01950162513450322, -0.23406152818679363, -0.16229575288623108, 2.6041666666666667e-74,
        0.3541405269123786, 2.1693639603760032e-11, 2.093833800238927e-05, 0.004224620483757647, -0.014458842084785106, -0.06454705162739961, 2.170138888888889e-89,
    ];

    [Fact]
    public void MatchesMpmathInFloat64()
    {
        var j = Special.BesselJn(D(Zs), 6);
        Assert.Equal([7, Zs.Length], j.Shape);
        Relative(Expected, j, 1e-12);
        // More iterations change nothing once the start is far enough above |z|.
        Relative(Expected, Special.BesselJn(D(Zs), 6, nIter: 90), 1e-12);
    }

    [Fact]
    public void MatchesMpmathInFloat32()
    {
        // JAX's recurrence, started at 1e-16 and never rescaled, overflows float32 here and returns NaN.
        var z = Jnp.Array(Zs.Select(v => (float)v).ToArray());
        var j = Special.BesselJn(z, 6);
        Assert.Equal(DType.Float32, j.DType);
        var got = j.ToArray<double>();
        for (var i = 0; i < Expected.Length; i++)
            Assert.True(Math.Abs(got[i] - Expected[i]) <= 2e-6 * Math.Max(Math.Abs(Expected[i]), 0.1), $"element {i}: expected {Expected[i]}, got {got[i]}");
        // Tiny values keep their relative accuracy (J6(0.1) = 2.2e-11).
        Relative32([2.1693639603760032e-11], Special.BesselJn(Jnp.Array(new[] { 0.1f }), 6)[6], 1e-5);
    }

    [Fact]
    public void ShapesOrdersFirstAndTransforms()
    {
        var grid = Jnp.Array(new float[,] { { 0.5f, 1.5f, 3 }, { 6, 9, 12 } });
        var j = Special.BesselJn(grid, 2);
        Assert.Equal([3, 2, 3], j.Shape);
        Relative32([-0.09033361118287613], j[0, 1, 1], 2e-5);
        Assert.Equal([1], Special.BesselJn(Jnp.Array(2f), 0).Shape);
        var perRow = Jax.Vmap((NDArray z) => Special.BesselJn(z, 2))(grid);
        Assert.Equal([2, 3, 3], perRow.Shape);
        Assert.True(Jnp.Allclose(Jnp.Transpose(perRow, [1, 0, 2]), j, atol: 1e-6));
        Assert.True(Jnp.Allclose(Jax.Jit((NDArray z) => Special.BesselJn(z, 2))(grid), j, atol: 1e-6));
        // Integers are promoted to the default float.
        Assert.Equal(DType.Float32, Special.BesselJn(Jnp.Array(new[] { 1, 2 }), 1).DType);
    }

    [Fact]
    public void DerivativeFollowsTheRecurrence()
    {
        // d/dz J3 at 0.7 and 4.2 (mpmath.diff of besselj).
        var slope = Jax.Vmap(Jax.Grad((NDArray z) => Special.BesselJn(z, 3)[3]))(D(0.7, 4.2));
        Relative([0.029088423678116676, 0.0002530749833546063], slope, 1e-9);
        // J0' = -J1 and, near 0, J1'(0) = 1/2 through the series.
        var j0Slope = Jax.Grad((NDArray z) => Special.BesselJn(z, 1)[0])(D(2.5)[0]);
        Assert.Equal(-0.49709410246427405, j0Slope.Item<double>(), 12);
        Assert.Equal(0.5, Jax.Grad((NDArray z) => Special.BesselJn(z, 1)[1])(Jnp.Array(0.0).Astype(DType.Float64)).Item<double>(), 12);
        GradCheck.Check(z => Special.BesselJn(z, 4), D(-3.1, 0.6, 7.3), order: 1);
    }

    [Fact]
    public void EdgesAndBadInput()
    {
        var inf = double.PositiveInfinity;
        Relative([1, 0, double.NaN, 0, 0, 0, double.NaN, 0], Special.BesselJn(D(0, inf, double.NaN, -inf), 1).Reshape(-1), 0);
        Assert.Throws<ArgumentException>(() => Special.BesselJn(Jnp.Array(1f).Astype(DType.Complex64), 2));
        Assert.Throws<ArgumentException>(() => Special.BesselJn(D(1), -1));
        Assert.Contains("n_iter", Assert.Throws<ArgumentException>(() => Special.BesselJn(D(1), 10, nIter: 5)).Message);
    }
}
