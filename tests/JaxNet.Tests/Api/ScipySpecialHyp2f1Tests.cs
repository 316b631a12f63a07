using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>
/// hyp2f1 against mpmath (50 digits): the series (x ≤ ¾), Pfaff's transformation (x &lt; 0, to x = −1e6), the connection
/// formula (z &gt; ¾), its digamma limit (c − a − b = 0, 1, −1, −3), terminating series and JAX's edges.
/// Reference values: <c>mpmath.mp.dps = 50; float(mpmath.hyp2f1(a, b, c, x))</c>; derivatives
/// <c>mpmath.diff(lambda t: mpmath.hyp2f1(t, b, c, x), a)</c> and likewise in b, c and x.
/// </summary>
public class ScipySpecialHyp2f1Tests
{
    private static readonly double[] As = [1, 0.5, 1, 1.5, 2, 0.3, 1, 2.5, 1, -3, -3, 2, 0.5, 1, 3, 1.2, 1, 0.2, 0.5, 2.2, 10, 1, 0.25, -0.5, 2, 0.7, 2, 1.5];
    private static readonly double[] Bs = [1, 1.5, 2, 2.5, 3, 0.7, 1, 1.5, 2, 2, 2, -3, 0.5, 1, 4, 3.4, 1, 0.3, 1, 1.1, 5, 1, 0.5, 1.5, 3, 1.3, 1.5, 1.5];
    private static readonly double[] Cs = [2, 2.5, 3, 4, 5, 1, 2, 1, 0.5, 1.5, 1.5, 1.5, 1, 2, 1.2, 5.6, 3, 0.5, 3.5, 0.4, 12, 1.5, 0.75, 2.5, -1.5, 2, 0.5, 2];
    private static readonly double[] Xs = [0.5, -3, 0.9, 0.95, 0.99, 0.8, -100, 0.7, 0.8, 0.9, -5, -5, 0.999999, 0.999, 0.6, -1e6, 0.9, 0.75, 0.75, 0.85,
        0.6, -0.999, -20, 0.3, 0.4, -0.5, 0.9, 0.85];

    private static readonly double[] Expected = [1.3862943611198906, 0.6198270018495268, 3.4631730691211007, 7.824226341235016, 27.699347904322682,
        1.3622727890143644, 0.0461512051684126, 55.57004958208946, 118.03615383455686, -0.045028571428571425, 369.57142857142856, 369.57142857142856,
        5.280157154762713, 6.914669948931067, 815.0408589697828, 1.416103314083185e-07, 1.65368269308789, 1.1702018058332084, 1.1501441651253943,
        851.6873810082038, 38.82279918266931, 0.6234427478988538, 0.5626249372664747, 0.9045106576647897, 745.1395396069126, 0.8268633433604313,
        3700.0000000000027, 7.839593709782948];

    [Fact]
    public void MatchesMpmathInFloat64()
    {
        Relative(Expected, Special.Hyp2f1(D(As), D(Bs), D(Cs), D(Xs)), 5e-15);
    }

    [Fact]
    public void MatchesClosedForms()
    {
        // ₂F₁(1, 1; 2; x) = −log(1 − x)/x and ₂F₁(½, 1; 3/2; −x²) = atan(x)/x, across the series, Pfaff and the digamma form.
        double[] xs = [-50, -2, -0.3, 0.2, 0.7, 0.8, 0.97, 0.9999];
        Relative([.. xs.Select(x => -Math.Log(1 - x) / x)], Special.Hyp2f1(D(1), D(1), D(2), D(xs)), 2e-15);
        double[] ts = [0.1, 0.6, 1, 3, 30];
        Relative([.. ts.Select(t => Math.Atan(t) / t)], Special.Hyp2f1(D(0.5), D(1), D(1.5), D([.. ts.Select(t => -t * t)])), 1e-14);
    }

    [Fact]
    public void MatchesMpmathInFloat32()
    {
        // Expected: the float64 function at the float32 arguments.
        var a = Jnp.Array(new[] { 1, 0.5f, 1.5f, 0.3f, 2, 1.2f, 2.2f, 0.7f });
        var b = Jnp.Array(new[] { 1, 1.5f, 2.5f, 0.7f, -3, 3.4f, 1.1f, 1.3f });
        var c = Jnp.Array(new[] { 2, 2.5f, 4, 1, 1.5f, 5.6f, 0.4f, 2 });
        var x = Jnp.Array(new[] { 0.5f, -3, 0.95f, 0.8f, -5, -1000, 0.85f, -0.5f });
        Relative32([1.3862943611198906, 0.6198270018495268, 7.82422547068243, 1.3622728119641965, 369.57142857142856, 0.0005618626743098794,
            851.6879166109366, 0.8268633514403512], Special.Hyp2f1(a, b, c, x), 2e-6);
        var half = Special.Hyp2f1(Jnp.Array(1f).Astype(DType.Float16), Jnp.Array(1f).Astype(DType.Float16), Jnp.Array(2f).Astype(DType.Float16),
            Jnp.Array(0.5f).Astype(DType.Float16));
        Assert.Equal(DType.Float16, half.DType);
        Assert.Equal(1.3862943611198906, half.Item<double>(), 2);
    }

    [Fact]
    public void EdgesAsJax()
    {
        var (inf, nan) = (double.PositiveInfinity, double.NaN);
        // x = 0 and a = 0 give 1; c = 0 or a negative integer gives inf; x = 1 is Gauss's sum (2 for 1, 1; 3) or inf where
        // c − a − b ≤ 0; x > 1 gives inf; b = c gives (1 − x)^−a; NaN propagates.
        Relative([1, 1, inf, inf, 2, inf, inf, inf, Math.Pow(0.6, -1.5), Math.Pow(1.5, -2), nan, nan, nan, nan],
            Special.Hyp2f1(D(1, 0, 1, 1, 1, 1, 2, 1, 1.5, 2, nan, 1, 1, 1), D(2, 2, 1, 1, 1, 1, 1, 1, 3, 2.5, 1, nan, 1, 1),
                D(3, 3, 0, -2, 3, 2, 3, 2, 3, 2.5, 2, 2, nan, 2), D(0, 0.5, 0.5, 0.5, 1, 1, 1, 1.5, 0.4, -0.5, 0.5, 0.5, 0.5, nan)), 1e-15);
        Assert.Equal([2, 3], Special.Hyp2f1(D(1, 2).Reshape(2, 1), D(1), D(3), D(0.5, -1, 0.2)).Shape);
        Assert.Equal([0, 3], Special.Hyp2f1(Shaped([], 0, 3), D(1), D(3), D(0.5, -1, 0.2)).Shape);
        Assert.ThrowsAny<Exception>(() => Special.Hyp2f1(D(1, 2), D(1, 2, 3), D(3), D(0.5)));
        Assert.Equal(DType.Float32, Special.Hyp2f1(Jnp.Array(1), Jnp.Array(1), Jnp.Array(2), Jnp.Array(new[] { 0, -1 })).DType);
        Relative32([1, Math.Log(2)], Special.Hyp2f1(Jnp.Array(1), Jnp.Array(1), Jnp.Array(2), Jnp.Array(new[] { 0, -1 })), 1e-6);
        Assert.Throws<ArgumentException>(() => Special.Hyp2f1(Jnp.Array(1f), Jnp.Array(1f), Jnp.Array(2f), Jnp.Array(0.5f).Astype(DType.Complex64)));
    }

    [Fact]
    public void DerivativesMatchMpmath()
    {
        double[][] points = [[0.5, 1.5, 2.5, -3], [1.5, 2.5, 4, 0.95], [0.7, 1.3, 2, -0.5], [1.2, 0.8, 2.6, 0.3], [1, 2, 3, 0.9]];
        double[][] slopes =
        [
            [-0.5757667698275243, -0.15420978647326575, 0.08501860223270558, 0.05991350092476341],
            [13.426472113899, 10.012815252129991, -7.558528116430962, 73.02725467957097],
            [-0.22108804339716828, -0.11417619150914725, 0.07222806173320194, 0.2660506199860511],
            [0.1234143005193151, 0.1816161388041095, -0.05893104241950875, 0.5408437098697507],
            [4.891870529724948, 3.0823801536917372, -2.337743552476764, 14.52628206861978],
        ];
        var grad = Jax.Grad((NDArray a, NDArray b, NDArray c, NDArray x) => Special.Hyp2f1(a, b, c, x), argnums: [0, 1, 2, 3]);
        for (var i = 0; i < points.Length; i++)
        {
            var g = grad(D(points[i][0])[0], D(points[i][1])[0], D(points[i][2])[0], D(points[i][3])[0]);
            Relative(slopes[i], Jnp.Stack(g), 5e-14);
        }
        GradCheck.Check(v => Special.Hyp2f1(D(0.5, 2, 1.5), D(1.5, 1, 0.8), D(2.5, 3.5, 2.2), v), D(0.7, -1.3, 0.2), order: 1);
        GradCheck.Check(p => [Special.Hyp2f1(p[0], p[1], p[2], D(0.4, -2.5, 0.85))], [D(0.5, 2, 1.5), D(1.5, 1, 0.8), D(2.5, 3.6, 2.2)], order: 1);
    }

    [Fact]
    public void JitAndVmap()
    {
        var x = Jnp.Array(new float[,] { { -3, 0.2f, 0.9f }, { 0, 0.5f, -40 } });
        Expect.JitAndVmapAgree(v => Special.Hyp2f1(Jnp.Array(0.5f), Jnp.Array(1.5f), Jnp.Array(2.5f), v), x);
    }
}
