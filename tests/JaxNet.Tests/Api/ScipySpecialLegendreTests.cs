using System.Numerics;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>
/// lpmn, lpmn_values and sph_harm against mpmath (40 digits): <c>legenp(l, k, z, type=2)</c> (Ferrers' functions, with
/// the Condon–Shortley phase), <c>diff</c> of it for the derivatives, the normalisation
/// √((2l + 1)/(4π) (l − k)!/(l + k)!), and <c>spherharm(n, m, polar, azimuth)</c>.
/// </summary>
[Collection(nameof(X64Collection))]
public class ScipySpecialLegendreTests
{
    private static readonly double[] Zs = [-1, -0.7, 0.35, 1];

    // P_l^k(z) as [k, l, z] for k, l <= 3.
    private static readonly double[] Values =
    [
        1.0, 1.0, 1.0, 1.0, -1.0, -0.7, 0.35, 1.0, 1.0, 0.2349999999999999, -0.31625000000000003, 1.0, -1.0, 0.1925000000000001, -0.4178125, 1.0,
        0.0, 0.0, 0.0, 0.0, 0.0, -0.7141428428542851, -0.9367496997597597, 0.0, 0.0, 1.4996999699939986, -0.9835871847477478, 0.0, 0.0,
        -1.5532606832080695, 0.5444857629853604, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.5300000000000002, 2.6325000000000003, 0.0, 0.0, -5.355, 4.6068750000000005, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -5.463192747835281, -12.329967923087839, 0.0,
    ];

    // dP_l^k/dz at -0.7 and 0.35, as [k, l, z].
    private static readonly double[] Slopes =
    [
        0.0, 0.0, 1.0, 1.0, -2.0999999999999996, 1.0499999999999998, 2.1749999999999994, -0.5812500000000002,
        0.0, 0.0, -0.9801960588196067, 0.37363235887853663, -0.0840168050416811, -2.4179351224568157, 5.366573422037348, -5.135109732336888,
        0.0, 0.0, 0.0, 0.0, 4.199999999999999, -2.0999999999999996, -7.049999999999997, 9.4875,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -22.495499549909976, 14.753807771216215,
    ];

    // The normalised functions at -0.7 and 0.35, as [k, l, z].
    private static readonly double[] Normalized =
    [
        0.28209479177387814, 0.28209479177387814, -0.3420217583320439, 0.17101087916602195, 0.14823403566868434, -0.1994851650222189,
        0.1436728880471945, -0.31183547292061514, 0.0, 0.0, -0.24673217409298281, -0.3236415407860271, 0.3861969394557554, -0.2532895699391145,
        -0.3346553823843036, 0.1173113394194284, 0.0, 0.0, 0.0, 0.0, 0.19699984303182672, 0.33895561227534887, -0.3648488150866818,
        0.3138772894495719, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.15195827783298216, -0.3429570908093524,
    ];

    [Fact]
    public void LpmnMatchesMpmath()
    {
        var (p, dp) = Special.Lpmn(3, 3, D(Zs));
        Assert.Equal([4, 4, 4], p.Shape);
        Relative(Values, p, 1e-14);
        var (_, interior) = Special.Lpmn(3, 3, D(-0.7, 0.35));
        Relative(Slopes, interior, 1e-13);
        var (p32, _) = Special.Lpmn(3, 3, Jnp.Array(Zs.Select(v => (float)v).ToArray()));
        var got = p32.ToArray<double>();
        Assert.Equal(DType.Float32, p32.DType);
        for (var i = 0; i < Values.Length; i++) Assert.True(Math.Abs(got[i] - Values[i]) <= 1e-6 * Math.Max(1, Math.Abs(Values[i])), $"element {i}");
    }

    [Fact]
    public void DerivativesAtTheEndsAreTheirLimits()
    {
        var inf = double.PositiveInfinity;
        var (_, dp) = Special.Lpmn(3, 3, D(1, -1));
        // [k, l, z] with z = 1, -1: P_l' (1) = l (l + 1)/2; k = 1 is infinite; P_l^2' (1) = -(l + 2)(l + 1) l (l - 1)/4.
        Relative([0, 0, 1, 1, 3, -3, 6, 6, 0, 0, inf, -inf, inf, inf, inf, -inf, 0, 0, 0, 0, -6, 6, -30, -30, 0, 0, 0, 0, 0, 0, 0, 0], dp, 1e-14);
        // Inside, the derivative is the one autodiff finds through the recurrence.
        var z = D(-0.93, -0.2, 0.5, 0.99);
        var (_, tangent) = Jax.Jvp(v => Special.LpmnValues(4, 4, v, false), [z], [Jnp.OnesLike(z)]);
        Assert.True(Jnp.Allclose(tangent, Special.Lpmn(4, 4, z).Derivatives, rtol: 1e-11, atol: 1e-11));
    }

    [Fact]
    public void NormalizedValuesMatchMpmathToHighDegree()
    {
        Relative(Normalized, Special.LpmnValues(3, 3, D(-0.7, 0.35), isNormalized: true), 1e-13);
        var high = Special.LpmnValues(60, 60, D(0.3), isNormalized: true);
        Relative([0.29823444318364783, 0.3443166897698576, 0.04940283333602486], Jnp.Stack([high[0, 60, 0], high[30, 60, 0], high[60, 60, 0]]), 1e-11);
        // In float32 too: the unnormalised P_60^60(0.3) = 4e97 would overflow.
        var high32 = Special.LpmnValues(60, 60, Jnp.Array(new[] { 0.3f }), isNormalized: true);
        Relative32([0.29823444318364783, 0.3443166897698576, 0.04940283333602486], Jnp.Stack([high32[0, 60, 0], high32[30, 60, 0], high32[60, 60, 0]]), 2e-4);
        var raw = Special.LpmnValues(60, 60, D(0.3), isNormalized: false);
        Relative([0.096110324962458, 8.304398451605978e+51, 4.117759972253648e+97], Jnp.Stack([raw[0, 60, 0], raw[30, 60, 0], raw[60, 60, 0]]), 1e-11);
    }

    [Fact]
    public void OrdersAndDegreesMayDifferAndItTransforms()
    {
        var z = D(-0.4, 0.1, 0.8);
        var full = Special.LpmnValues(4, 4, z, false);
        var (fewOrders, slopes) = Special.Lpmn(2, 4, z);
        Assert.Equal([3, 5, 3], fewOrders.Shape);
        Assert.True(Jnp.ArrayEqual(fewOrders, full[..3]));
        Assert.True(Jnp.Allclose(slopes, Special.Lpmn(4, 4, z).Derivatives[..3], rtol: 1e-14));
        var manyOrders = Special.LpmnValues(5, 2, z, false);
        Assert.Equal([6, 3, 3], manyOrders.Shape);
        Assert.True(Jnp.ArrayEqual(manyOrders[..3], full[..3, ..3]));
        Assert.Equal(0.0, Jnp.Max(Jnp.Abs(manyOrders[3..])).Item<double>());
        Assert.True(Jnp.Allclose(Jax.Jit((NDArray v) => Special.LpmnValues(4, 4, v, true))(z), Special.LpmnValues(4, 4, z, true), rtol: 1e-14));
        var batch = Jnp.Stack([z, z * 0.5]);
        var perRow = Jax.Vmap((NDArray v) => Special.LpmnValues(3, 3, v, false))(batch);
        Assert.Equal([2, 4, 4, 3], perRow.Shape);
        Assert.True(Jnp.Allclose(perRow[1], Special.LpmnValues(3, 3, z * 0.5, false), rtol: 1e-14));
        Assert.Equal([1, 1, 3], Special.LpmnValues(0, 0, z, true).Shape);
    }

    [Fact]
    public void LegendreEdgesAndBadInput()
    {
        var (p, dp) = Special.Lpmn(1, 1, D(1.5, double.NaN));
        Assert.True(Jnp.All(Jnp.IsNan(p)).Item<bool>());
        Assert.True(Jnp.All(Jnp.IsNan(dp)).Item<bool>());
        Assert.Equal([2, 2, 0], Special.Lpmn(1, 1, Jnp.Zeros([0], DType.Float64)).Values.Shape);
        Assert.Throws<ArgumentException>(() => Special.Lpmn(2, 2, Jnp.Array(new[] { 0, 1 })));
        Assert.Throws<ArgumentException>(() => Special.LpmnValues(2, 2, Jnp.Array(new[] { 0.5f }).Astype(DType.Float16), true));
        Assert.Throws<ShapeException>(() => Special.Lpmn(2, 2, Jnp.Zeros([2, 2])));
        Assert.Throws<ArgumentException>(() => Special.LpmnValues(-1, 2, D(0.5), false));
    }

    // (m, n, azimuth, polar) and mpmath.spherharm(n, m, polar, azimuth).
    private static readonly (int M, int N, double Azimuth, double Polar)[] Cases =
        [(0, 0, 0.3, 1.1), (1, 2, 2.0, 0.4), (-1, 2, 2.0, 0.4), (3, 3, 5.5, 2.9), (-2, 5, 0.7, 1.3), (2, 4, 4.0, 0.01)];

    private static readonly Complex[] Harmonics =
    [
        new(0.28209479177387814, 0.0), new(0.11531268689885839, -0.2519628176137999), new(-0.11531268689885839, -0.2519628176137999),
        new(0.004013321658428089, 0.004066963977380583), new(-0.05618336394856121, 0.32574461091841134),
        new(-2.9199508068988613e-05, 0.00019854822950350176),
    ];

    [Fact]
    public void SphHarmMatchesMpmath()
    {
        var (m, n) = (Jnp.Array(Cases.Select(c => c.M).ToArray()), Jnp.Array(Cases.Select(c => c.N).ToArray()));
        var (azimuth, polar) = (D([.. Cases.Select(c => c.Azimuth)]), D([.. Cases.Select(c => c.Polar)]));
        var y = Special.SphHarm(m, n, azimuth, polar);
        Assert.Equal(DType.Complex128, y.DType);
        Expect.Complexes(Harmonics, y, tol: 1e-13);
        Expect.Complexes(Harmonics, Special.SphHarmY(n, m, polar, azimuth, nMax: 5), tol: 1e-13);
        var y32 = Special.SphHarm(m, n, azimuth.Astype(DType.Float32), polar.Astype(DType.Float32), nMax: 5);
        Assert.Equal(DType.Complex64, y32.DType);
        Expect.Complexes(Harmonics, y32, tol: 2e-6);
    }

    [Fact]
    public void SphHarmBroadcastsClipsAndDifferentiates()
    {
        // Scalars broadcast against a grid of angles.
        var polar = D(0.2, 0.9, 2.1).Reshape(3, 1);
        var grid = Special.SphHarm(Jnp.Array(1), Jnp.Array(2), D(0.1, 1.7), polar);
        Assert.Equal([3, 2], grid.Shape);
        Expect.Complexes([Harmonics[1]], Special.SphHarm(Jnp.Array(1), Jnp.Array(2), D(2.0), D(0.4)), tol: 1e-13);
        // Degrees above n_max are clipped to it, as in JAX.
        var clipped = Special.SphHarm(Jnp.Array(new[] { 2 }), Jnp.Array(new[] { 10 }), D(0.5), D(1.0), nMax: 6);
        Assert.True(Jnp.Allclose(clipped, Special.SphHarm(Jnp.Array(new[] { 2 }), Jnp.Array(new[] { 6 }), D(0.5), D(1.0)), rtol: 1e-14));
        // d/dθ Re Y_n^m = -m Im Y_n^m, for m = 1, n = 2 at (2.0, 0.4).
        var slope = Jax.Grad((NDArray theta) => Jnp.Real(Special.SphHarm(Jnp.Array(1), Jnp.Array(2), theta, D(0.4)[0], nMax: 2)))(D(2.0)[0]);
        Assert.Equal(0.2519628176137999, slope.Item<double>(), 12);
        var jitted = Jax.Jit((NDArray theta, NDArray phi) => Special.SphHarm(Jnp.Array(new[] { -1 }), Jnp.Array(new[] { 2 }), theta, phi, nMax: 2));
        Expect.Complexes([Harmonics[2]], jitted(D(2.0), D(0.4)), tol: 1e-13);
    }

    [Fact]
    public void SphHarmBadInput()
    {
        var (one, angle) = (Jnp.Array(new[] { 1 }), D(0.5));
        Assert.Throws<ArgumentException>(() => Special.SphHarm(Jnp.Array(new[] { 1f }), one, angle, angle));
        Assert.Throws<ArgumentException>(() => Special.SphHarm(one, one, angle, angle, nMax: -1));
        Assert.Throws<ShapeException>(() => Special.SphHarm(one, Jnp.Array(new[] { 1, 2 }), D(0.5, 0.6, 0.7), angle));
        var traced = Jax.Jit((NDArray n) => Special.SphHarm(one, n, angle, angle));
        Assert.Throws<ConcretizationTypeError>(() => traced(one));
    }
}
