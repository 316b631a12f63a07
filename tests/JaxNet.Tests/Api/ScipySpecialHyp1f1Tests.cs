using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>
/// hyp1f1 against mpmath (50 digits): the series (with and without Kummer's transformation for x &lt; 0), the
/// asymptotic expansion (x beyond 50 + (|b − a| + |1 − a|)²), terminating series (a a non-positive integer) and JAX's
/// edges. Reference values: <c>mpmath.mp.dps = 50; float(mpmath.hyp1f1(a, b, x))</c>; derivatives
/// <c>mpmath.diff(lambda t: mpmath.hyp1f1(t, b, x), a)</c> and likewise in b and x.
/// </summary>
public class ScipySpecialHyp1f1Tests
{
    private static readonly double[] As = [1, 0.5, 2.5, 3, 1, 0.3, 2, 2, 1.5, 1, -2, -2.5, 5, 0.1, 7, 10, 1e-3, 4];
    private static readonly double[] Bs = [2, 1.5, 1, 4, 2, 0.7, 3, 3, 2.5, 2, 3, 3, 1.2, 10, 3, 20, 1, 4];
    private static readonly double[] Xs = [0.5, 3, 10, -2, -30, -5, 49, 51, 100, -800, 5, 4, -40, 2, 0, 200, 1, 3.5];

    private static readonly double[] Expected = [1.2974425414002564, 4.222211992888512, 643353.2551067953, 0.2424926878627024, 0.03333333333333022,
        0.3793282827349232, 7.626208703020807e+19, 5.418489359580695e+20, 4.011912478514124e+41, 0.00125, -0.25, -0.2004825123718699,
        6.082494564090796e-08, 1.0222648270689008, 1.0, 1.5054248773711812e+75, 1.0013182587023164, 33.11545195869231];

    [Fact]
    public void MatchesMpmathInFloat64()
    {
        Relative(Expected, Special.Hyp1f1(D(As), D(Bs), D(Xs)), 1e-13);
    }

    [Fact]
    public void MatchesMpmathInFloat32()
    {
        // Expected: the float64 function at the float32 arguments.
        var a = Jnp.Array(new[] { 1, 0.5f, 2.5f, 3, 0.3f, 2, -2 });
        var b = Jnp.Array(new[] { 2, 1.5f, 1, 4, 0.7f, 3, 3 });
        var x = Jnp.Array(new[] { 0.5f, 3, 10, -2, -5, 60, 5 });
        Relative32([1.2974425414002564, 4.222211992888512, 643353.2551067953, 0.2424926878627024, 0.37932825954366445, 3.743246444395854e+24, -0.25],
            Special.Hyp1f1(a, b, x), 1e-5);
    }

    [Fact]
    public void EdgesAsJax()
    {
        var (inf, nan) = (double.PositiveInfinity, double.NaN);
        // a = 0 gives 1, a = b gives eˣ, b = 0 (or a negative integer) gives inf, NaN propagates.
        Relative([1, Math.Exp(2.5), Math.Exp(-3), inf, inf, nan, nan, nan], Special.Hyp1f1(D(0, 1.5, 2, 1, 1, nan, 1, 1), D(3, 1.5, 2, 0, -2, 1, nan, 1),
            D(4, 2.5, -3, 1, 1, 1, 1, nan)), 1e-15);
        Assert.Equal([2, 3], Special.Hyp1f1(D(1, 2).Reshape(2, 1), D(3), D(0.5, 1, 2)).Shape);
        Assert.ThrowsAny<Exception>(() => Special.Hyp1f1(D(1, 2), D(1, 2, 3), D(1)));
        Assert.Equal(DType.Float32, Special.Hyp1f1(Jnp.Array(1), Jnp.Array(2), Jnp.Array(new[] { 1, 2 })).DType);
        Assert.Throws<ArgumentException>(() => Special.Hyp1f1(Jnp.Array(1f), Jnp.Array(2f), Jnp.Array(1f).Astype(DType.Complex64)));
    }

    [Fact]
    public void DerivativesMatchMpmath()
    {
        double[][] points = [[0.5, 1.5, 3], [2.5, 1, -4], [1.2, 2.5, 60], [0.7, 3.3, -70]];
        double[][] slopes =
        [
            [8.747292626487983, -3.6473741789968166, 2.6438874883831924], [0.07979336663062163, -0.09121215583568369, -0.034733987310436164],
            [3.506177856962131e+24, -2.726849135611612e+24, 7.859411956364861e+23], [-0.3313767198196733, 0.0258532912120238, 0.0009223449331059861],
        ];
        var grad = Jax.Grad((NDArray a, NDArray b, NDArray x) => Special.Hyp1f1(a, b, x), argnums: [0, 1, 2]);
        for (var i = 0; i < points.Length; i++)
        {
            var g = grad(D(points[i][0])[0], D(points[i][1])[0], D(points[i][2])[0]);
            Relative(slopes[i], Jnp.Stack(g), 1e-11);
        }
        GradCheck.Check(v => Special.Hyp1f1(D(0.5, 2, 1.5), D(1.5, 3, 0.8), v), D(0.7, -1.3, 2.2), order: 1);
        GradCheck.Check(a => [Special.Hyp1f1(a[0], a[1], D(0.7, -1.3, 2.2))], [D(0.5, 2, 1.5), D(1.5, 3, 0.8)], order: 1);
    }

    [Fact]
    public void JitAndVmap()
    {
        var x = Jnp.Array(new float[,] { { -3, 0.2f, 1 }, { 2, 45, 0.5f } });
        Expect.JitAndVmapAgree(v => Special.Hyp1f1(Jnp.Array(0.5f), Jnp.Array(1.5f), v), x);
    }
}
