using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>
/// fresnel against mpmath (50 digits) on the power series (|x| &lt; 1.5), the continued fraction (1.5 to 10⁴) and the
/// leading asymptotic terms beyond, with odd symmetry. Reference values:
/// <c>mpmath.mp.dps = 50; float(mpmath.fresnels(x)), float(mpmath.fresnelc(x))</c>.
/// </summary>
public class ScipySpecialFresnelTests
{
    private static readonly double[] Xs = [0, 1e-5, 0.1, 0.5, 1, 1.4999, 1.5, 2, 2.5, 3, 4.7, 10, 100, 9999.5, 10000.5, 1e6 + 0.3, 1e10, -1, -2.5];

    private static readonly double[] Sines = [0.0, 5.23598775598299e-16, 0.0005235895476122107, 0.06473243285999927, 0.43825914739035476,
        0.6975432066559988, 0.6975049600820931, 0.34341567836369824, 0.6191817558195929, 0.496312998967375, 0.5671454690122629, 0.46816997858488224,
        0.49681690114783755, 0.4999705905306036, 0.49997059347140355, 0.4999996848723413, 0.499999999968169, -0.43825914739035476,
        -0.6191817558195929];

    private static readonly double[] Cosines = [0.0, 1e-05, 0.09999753262708508, 0.4923442258714464, 0.7798934003768229, 0.44535357300621886,
        0.4452611760398215, 0.48825340607534073, 0.45741300964177706, 0.6057207892976856, 0.49142649060102556, 0.49989869420551575,
        0.4999998986788179, 0.5000121818009765, 0.5000121805828573, 0.5000000448963428, 0.5, -0.7798934003768229, -0.45741300964177706];

    [Fact]
    public void MatchesMpmathInFloat64()
    {
        var (s, c) = Special.Fresnel(D(Xs));
        Relative(Sines, s, 1e-15);
        Relative(Cosines, c, 1e-15);
    }

    [Fact]
    public void MatchesMpmathInFloat32()
    {
        // Expected: the float64 functions at the float32 arguments.
        var (s, c) = Special.Fresnel(Jnp.Array(new[] { 0.1f, 0.5f, 1, 1.4999f, 1.5f, 2, 3, 10, 100, 1000.3f, -4.7f }));
        Relative32([0.0005235895710179377, 0.06473243285999927, 0.43825914739035476, 0.6975432129989965, 0.6975049600820931, 0.34341567836369824,
            0.496312998967375, 0.46816997858488224, 0.49681690114783755, 0.4996834723888003, -0.5671454958867743], s, 4e-7);
        Relative32([0.09999753411701735, 0.4923442258714464, 0.7798934003768229, 0.44535358834000494, 0.4452611760398215, 0.48825340607534073,
            0.6057207892976856, 0.49989869420551575, 0.4999998986788179, 0.5000327214317766, -0.49142667943309054], c, 4e-7);
        var (hs, hc) = Special.Fresnel(Jnp.Array(new[] { 1f }).Astype(DType.BFloat16));
        Assert.Equal(DType.BFloat16, hs.DType);
        Assert.Equal(0.43825914739035476, hs.ToArray<double>()[0], 2);
        Assert.Equal(0.7798934003768229, hc.ToArray<double>()[0], 2);
    }

    [Fact]
    public void EdgesAndBadInput()
    {
        var (inf, nan) = (double.PositiveInfinity, double.NaN);
        var (s, c) = Special.Fresnel(D(inf, -inf, nan, 1e300, -1e300));
        Relative([0.5, -0.5, nan, 0.5, -0.5], s, 0);
        Relative([0.5, -0.5, nan, 0.5, -0.5], c, 0);
        var (si, ci) = Special.Fresnel(Jnp.Array(new[] { 1, -2 }));
        Relative32([0.43825914739035476, -0.34341567836369824], si, 1e-6);
        Relative32([0.7798934003768229, -0.48825340607534073], ci, 1e-6);
        Assert.Throws<ArgumentException>(() => Special.Fresnel(Jnp.Array(1f).Astype(DType.Complex64)));
        var (se, ce) = Special.Fresnel(Shaped([], 2, 0));
        Assert.Equal([2, 0], se.Shape);
        Assert.Equal([2, 0], ce.Shape);
    }

    [Fact]
    public void DerivativesAreSinAndCosOfHalfPiXSquared()
    {
        var x = D(0.7, 3.2, 1000.1, -2.3);
        Relative([0.6959127965923143, -0.36812455268467964, 0.01570731738325055, 0.8980275757606162],
            Jax.Vmap(Jax.Grad((NDArray v) => Special.Fresnel(v).S))(x), 1e-13);
        Relative([0.7181262977631889, -0.9297764858882508, 0.9998766324805385, -0.43993916985591397],
            Jax.Vmap(Jax.Grad((NDArray v) => Special.Fresnel(v).C))(x), 1e-13);
        GradCheck.Check(v => Special.Fresnel(v).S, D(0.3, 1.2, 1.7, -2.6, 5));
        GradCheck.Check(v => Special.Fresnel(v).C, D(0.3, 1.2, 1.7, -2.6, 5));
    }

    [Fact]
    public void JitAndVmap()
    {
        var x = Jnp.Array(new float[,] { { 0, 0.3f, 1.4f }, { 1.6f, -3, 5e4f } });
        Expect.JitAndVmapAgree(v => Special.Fresnel(v).S, x);
        Expect.JitAndVmapAgree(v => Special.Fresnel(v).C, x);
    }
}
