using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Special against SciPy and mpmath: values in float64 (to about 1e−13 relative, far into the tails) and
/// float32, the edges SciPy defines (poles, ±inf, NaN), integer promotion, derivatives against their closed forms and
/// finite differences, and Jit and Vmap.
/// </summary>
public class ScipySpecialTests
{
    private static readonly double[] ErfPoints = [-3, -1, -0.5, 0, 0.3, 0.9999, 1, 2.5, 5, 10, 20, 26];

    [Fact]
    public void ErrorFunctions()
    {
        var x = D(ErfPoints);
        Relative([-0.9999779095030014, -0.8427007929497148, -0.5204998778130465, 0.0, 0.3286267594591274, 0.8426592780487594,
            0.8427007929497148, 0.999593047982555, 0.9999999999984626, 1.0, 1.0, 1.0], Special.Erf(x), 1e-14);
        // erfc keeps its relative accuracy in the upper tail, where 1 - erf(x) is 0.
        double[] erfc = [1.9999779095030015, 1.8427007929497148, 1.5204998778130465, 1.0, 0.6713732405408726, 0.15734072195124052,
            0.15729920705028513, 0.0004069520174449589, 1.537459794428035e-12, 2.088487583762545e-45, 5.395865611607901e-176,
            5.663192408856143e-296];
        Relative(erfc, Special.Erfc(x), 1e-14);
        Relative(erfc[..9], Special.Erfc(Jnp.Array(ErfPoints[..9].Select(v => (float)v).ToArray())), 2e-6, DType.Float32);
        Relative([double.NegativeInfinity, -3.458910737275499, -0.4769362762044699, 0.0, 8.862269254527581e-11, 0.2724627147267543,
            1.1630871536766743, 4.320005388105362, double.PositiveInfinity],
            Special.Erfinv(D(-1, -0.999999, -0.5, 0, 1e-10, 0.3, 0.9, 0.999999999, 1)), 1e-12);
        Relative([double.NaN, double.NaN, double.NaN, 2, 0], Special.Erfc(D(double.NaN, double.NaN, double.NaN, double.NegativeInfinity, double.PositiveInfinity))[..], 0);
        Relative([double.NaN, double.NaN], Special.Erfinv(D(1.5, double.NaN)), 0);
        // Integers promote to the default float; half precision is computed in float32 and rounded back.
        Relative32([0.15729920705028513, 1.0, 0.004677734981047266], Special.Erfc(Jnp.Array(new[] { 1, 0, 2 })));
        var half = Special.Erfc(Jnp.Array(new float[] { 1.5f, -1 }).Astype(DType.Float16));
        Assert.Equal(DType.Float16, half.DType);
        Relative([0.03389485352468927, 1.8427007929497148], half.Astype(DType.Float64), 1e-3);
    }

    [Fact]
    public void NormalDistributionFunctions()
    {
        Relative([0.0, 4.906713927148187e-198, 6.220960574271784e-16, 0.02275013194817921, 0.15865525393145705, 0.3085375387259869, 0.5,
            0.758036347776927, 0.9331927987311419, 0.9986501019683699, 1.0, 1.0],
            Special.Ndtr(D(-40, -30, -8, -2, -1, -0.5, 0, 0.7, 1.5, 3, 9, 40)), 3e-13);
        // log_ndtr stays finite where ndtr underflows, and keeps log(1 - tiny) above 0.
        Relative([-5000000012.431864, -45006.62273211866, -804.6084420137538, -224.46571583141449, -184.36612866916096, -15.064998393988725,
            -2.7059444008238898, -1.8410216450092636, -0.6931471805599453, -0.17275377902344988, -2.866516129637636e-07,
            -1.1285884059538405e-19, -7.619853024160525e-24],
            Special.LogNdtr(D(-1e5, -300, -40, -21, -19, -5, -1.5, -1, 0, 1, 5, 9, 10)), 1e-13);
        Relative([-37.0470962993612, -9.262340089798407, -4.264890793922825, -2.053748910631823, -1.1016818736722798,
            -0.8416212335729142, 0.0, 0.8416212335729144, 1.6448536269514722, 6.361340889697422],
            Special.Ndtri(D(1e-300, 1e-20, 1e-5, 0.02, 0.1353, 0.2, 0.5, 0.8, 0.95, 1 - 1e-10)), 1e-13);
        Relative([double.NegativeInfinity, double.PositiveInfinity, double.NaN, double.NaN, double.NaN],
            Special.Ndtri(D(0, 1, -0.5, 1.5, double.NaN)), 0);
        // (ndtr's condition number in the tail is about x^2: ndtr(-30) moves by 900 eps when x moves by eps.)
        Relative([double.NegativeInfinity, 0, double.NaN], Special.LogNdtr(D(double.NegativeInfinity, double.PositiveInfinity, double.NaN)), 0);
        // ndtri inverts ndtr, in the lower tail too.
        var p = D(1e-250, 1e-12, 0.3, 0.7, 0.999);
        Relative(p.ToArray<double>(), Special.Ndtr(Special.Ndtri(p)), 1e-13);
        // float32: the same functions to float32's precision (its tail ends near 1e-38).
        Relative32([6.220960574271784e-16, 0.15865525393145705, 0.758036347776927], Special.Ndtr(Jnp.Array(new float[] { -8, -1, 0.7f })));
        Relative32([-804.6084420137538, -2.7059444008238898, -2.866516129637636e-07], Special.LogNdtr(Jnp.Array(new float[] { -40, -1.5f, 5 })));
        Relative32([-4.264890793922825, -0.8416212335729142, 1.6448536269514722], Special.Ndtri(Jnp.Array(new float[] { 1e-5f, 0.2f, 0.95f })), 5e-6);
    }

    [Fact]
    public void GammaFamily()
    {
        var g = D(-2.5, -1.5, -0.5, 0.001, 0.5, 1, 2.5, 10, 100, 170.5);
        Relative([-0.056243716497674054, 0.860047015376481, 1.2655121234846454, 6.907178885383853, 0.5723649429247001, 0.0,
            0.2846828704729192, 12.801827480081469, 359.1342053695754, 704.0044277342047], Special.Gammaln(g), 1e-13);
        Relative([1.103156640645243, 0.7031566406452432, 0.03648997397857652, -1000.5755719318103, -1.9635100260214235, -0.5772156649015329,
            0.7031566406452432, 2.251752589066721, 4.600161852738087, 5.135799878794703], Special.Digamma(g), 1e-12);
        Relative([-0.9453087204829419, 2.363271801207355, -3.544907701811032, 999.4237724845955, 1.772453850905516, 1.0, 1.329340388179137,
            362880.0, 9.332621544394415e+155, 5.56209241456e+305], Special.Gamma(g), 1e-12);
        // SciPy's edges: +-inf at +-0, NaN at the negative integers and at -inf, +inf at +inf.
        Relative([double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.NaN, double.PositiveInfinity],
            Special.Gamma(D(0.0, -0.0, -3, double.NegativeInfinity, double.PositiveInfinity)), 0);
        Relative([1, -1, -1, 1, -1, double.NaN, double.NaN, 1], Special.Gammasgn(D(0.0, -0.0, -0.5, -1.5, -2.5, -2, double.NaN, 3)), 0);
        Relative([1, 1, 2, 6, 3628800, 0], Special.Factorial(D(0, 1, 2, 3, 10, -1)), 1e-13);
        // betaln: Stirling's difference for large arguments keeps the digits that lgamma(a) + lgamma(b) - lgamma(a + b) loses.
        Relative([1.1447298858494002, -1.0986122886681098, -4.982780372849818, -22.572893813393982, -1386300.003362921, -47.661140072314986,
            1.8624127456700046, -16.69249307874142, 1.5501949939575645],
            Special.Betaln(D(0.5, 1, 2.5, 10, 1e6, 3, 0.1, 20, -0.5), D(0.5, 3, 7.5, 30, 1e6, 1e7, 50, 8, 2.5)), 1e-13);
        Relative([3.141592653589793, 0.3333333333333333, 0.006854976645863959, 1.5729567312509488e-10, -4.71238898038469],
            Special.Beta(D(0.5, 1, 2.5, 10, -0.5), D(0.5, 3, 7.5, 30, 2.5)), 1e-12);
        Relative([2.168677534063555, 1.5963125911388552, 20.104800157934413], Special.Multigammaln(D(1.5, 2.0, 7.25), 3), 1e-13);
        Relative(Special.Gammaln(D(1.5, 2.0)).ToArray<double>(), Special.Multigammaln(D(1.5, 2.0), 1), 1e-15);
        Assert.Throws<ArgumentException>(() => Special.Multigammaln(D(1.5), 0));
        Relative32([0.5723649429247001, 12.801827480081469], Special.Gammaln(Jnp.Array(new[] { 0.5f, 10 })));
    }

    [Fact]
    public void LogisticAndEntropyFunctions()
    {
        Relative([-23.025850929840455, -2.197224577336219, -1.0986122886681098, 0.0, 2.1972245773362196, 16.11809555148467],
            Special.Logit(D(1e-10, 0.1, 0.25, 0.5, 0.9, 1 - 1e-7)), 1e-9);
        Relative([double.NegativeInfinity, double.PositiveInfinity, double.NaN], Special.Logit(D(0, 1, 1.5)), 0);
        Relative([0.0, 2.0611536181902037e-09, 0.2689414213699951, 0.5, 0.8807970779778823, 1.0], Special.Expit(D(-800, -20, -1, 0, 2, 40)), 1e-14);
        // xlogy is 0 where x = 0, even at y = 0, but NaN in y propagates.
        Relative([0.0, 0.0, double.NaN, double.NegativeInfinity, 2.1972245773362196, -0.6931471805599453, -0.6931471805599453, double.PositiveInfinity],
            Special.Xlogy(D(0, 0, 0, 1, 2, 0.5, -1, 3), D(0, 1, double.NaN, 0, 3, 0.25, 2, double.PositiveInfinity)), 1e-15);
        Relative([0.0, 0.0, double.NegativeInfinity, 2.772588722239781, -0.6931471805599453, -1.0986122886681098],
            Special.Xlog1py(D(0, 0, 1, 2, 0.5, -1), D(-1, 0, -1, 3, -0.75, 2)), 1e-15);
        Relative([double.NegativeInfinity, 0.0, 0.34657359027997264, 0, -1.3862943611198906, double.NegativeInfinity],
            Special.Entr(D(-1, 0, 0.5, 1, 2, double.PositiveInfinity)), 1e-15);
        var (p, q) = (D(0, 0, 1, 2, 0.5, -1, 1, double.NaN), D(0, 1, 0, 3, 0.25, 2, -1, 1));
        Relative([0.0, 0.0, double.PositiveInfinity, -0.8109302162163289, 0.34657359027997264, double.PositiveInfinity, double.PositiveInfinity, double.NaN],
            Special.RelEntr(p, q), 1e-15);
        Relative([0.0, 1.0, double.PositiveInfinity, 0.18906978378367123, 0.09657359027997264, double.PositiveInfinity, double.PositiveInfinity, double.NaN],
            Special.KlDiv(p, q), 1e-14);
        // Scalars broadcast against arrays.
        Relative([0, 2 * Math.Log(3)], Special.Xlogy(2.0, D(1, 3)), 1e-15);
    }

    [Fact]
    public void Logsumexp()
    {
        var a = Shaped([1, 2, 3, 1000, 1001, 1002], 2, 3);
        var row = Math.Log(Math.Exp(-2) + Math.Exp(-1) + 1);
        Relative([1002 + row], Special.Logsumexp(a), 1e-15);
        Relative([3 + row, 1002 + row], Special.Logsumexp(a, 1), 1e-15);
        Assert.Equal([2, 1], Special.Logsumexp(a, 1, keepdims: true).Shape);
        Relative([1000 + Math.Exp(-999), 1001 + Math.Exp(-999), 1002 + Math.Exp(-999)], Special.Logsumexp(a, 0), 1e-15);
        Relative([1002 + row], Special.Logsumexp(a, [0, 1]), 1e-15);
        // Weights: scaled sums, zeros that drop even an infinite entry, negative sums that are NaN unless the sign is asked for.
        var b = Shaped([1, 2, 0.5, -1, -1, 0.1], 2, 3);
        Relative([Math.Log(Math.E + 2 * Math.Exp(2) + 0.5 * Math.Exp(3)), double.NaN], Special.Logsumexp(a, 1, b), 1e-14);
        var (value, sign) = Special.LogsumexpWithSign(a, 1, b);
        Relative([Math.Log(Math.E + 2 * Math.Exp(2) + 0.5 * Math.Exp(3)), 1000 + Math.Log(1 + Math.E - 0.1 * Math.Exp(2))], value, 1e-14);
        Relative([1, -1], sign, 0);
        Relative([Math.Log(2)], Special.Logsumexp(D(0, double.PositiveInfinity), b: D(2, 0)), 1e-15);
        Relative([double.NegativeInfinity, double.PositiveInfinity, double.NaN],
            Special.Logsumexp(Shaped([double.NegativeInfinity, double.NegativeInfinity, 0, double.PositiveInfinity, 0, double.NaN], 3, 2), 1), 0);
        // A row of weight 0 sums to 0: sign 0, log -inf.
        var (zero, zeroSign) = Special.LogsumexpWithSign(D(1, 2), b: D(0, 0));
        Relative([double.NegativeInfinity], zero, 0);
        Relative([0], zeroSign, 0);
        Relative32([3 + (float)row], Special.Logsumexp(Jnp.Array(new[] { 1, 2, 3 })));
        // An empty sum is 0: log -inf.
        Relative([double.NegativeInfinity, double.NegativeInfinity], Special.Logsumexp(Jnp.Zeros([2, 0], DType.Float64), 1), 0);
        Assert.Throws<ShapeException>(() => Special.Logsumexp(a, 1, D(1, 2)));
        Assert.Throws<ShapeException>(() => Special.Logsumexp(a, 2));
    }

    [Fact]
    public void SoftmaxOverAxes()
    {
        var x = Shaped([1, 2, 3, 4], 2, 2);
        var total = Math.Exp(1) + Math.Exp(2) + Math.Exp(3) + Math.Exp(4);
        Relative([Math.Exp(1) / total, Math.Exp(2) / total, Math.Exp(3) / total, Math.Exp(4) / total], Special.Softmax(x), 1e-15);
        var pair = 1 / (1 + Math.E);
        Relative([pair, 1 - pair, pair, 1 - pair], Special.Softmax(x, 1), 1e-15);
        Relative([Math.Log(pair), Math.Log(1 - pair), Math.Log(pair), Math.Log(1 - pair)], Special.LogSoftmax(x, 1), 1e-15);
        Relative([1 - Math.Log(total), 2 - Math.Log(total), 3 - Math.Log(total), 4 - Math.Log(total)], Special.LogSoftmax(x, [0, 1]), 1e-15);
        // log_softmax does not underflow where softmax does.
        Relative([0, -999], Special.LogSoftmax(D(1000, 1)), 1e-15);
    }

    [Fact]
    public void ZetaAndPolygamma()
    {
        Relative([1.6449340668482264, 8.41439832211716, 1.497513607666668, 31622776601684.84, 1.8012627818085337e-05, 0.010050166663333571,
            7466.220896335045, 9998.493995543718],
            Special.Zeta(D(2, 3, 1.5, 4.5, 10, 2, 31, 1.0001), D(1, 0.5, 2.25, 1e-3, 3, 100, 0.75, 5)), 2e-13);
        Relative([double.PositiveInfinity, double.NaN, double.PositiveInfinity, double.NaN, double.NaN],
            Special.Zeta(D(1, 0.5, 2, 2, double.NaN), D(2, 2, -1, -0.5, 1)), 0);
        Relative([-1.9635100260214235, 4.934802200544679, 0.10516633568168575, -0.2362040516417274, 60004.51287679026, -0.00329677158902638,
            1000001.6425331958, 2.4938943509996704e-07],
            Special.Polygamma(Jnp.Array(new[] { 0, 1, 1, 2, 3, 4, 1, 5 }), D(0.5, 0.5, 10, 2.5, 0.1, 7, 1e-3, 40)), 1e-12);
        Relative([double.NaN], Special.Polygamma(-1, D(2)), 0);
        Relative32([1.6449340668482264, 0.10516633568168575], Jnp.Stack([Special.Zeta(2f, 1f), Special.Polygamma(1, 10f)]), 5e-6);
        Assert.Throws<ArgumentException>(() => Special.Polygamma(D(1), D(2)));
    }

    [Fact]
    public void IncompleteGamma()
    {
        var a = D(0.5, 1, 1, 2.5, 3, 10, 10, 100, 1000, 0.01, 50, 30);
        var x = D(0.1, 1, 3, 2, 0.5, 5, 20, 90, 1050, 0.3, 49.5, 80);
        Relative([0.345279153981423, 0.6321205588285577, 0.950212931632136, 0.4505840486472198, 0.014387677966970687, 0.03182805730620481,
            0.9950045876916924, 0.15822098918643016, 0.9413288886226819, 0.990927603578235, 0.49052780120162587, 0.9999999999509677],
            Special.Gammainc(a, x), 1e-12);
        Relative([0.654720846018577, 0.36787944117144233, 0.049787068367863944, 0.5494159513527802, 0.9856123220330293, 0.9681719426937951,
            0.004995412308307587, 0.8417790108135699, 0.05867111137731808, 0.009072396421765093, 0.5094721987983741, 4.903229555810753e-11],
            Special.Gammaincc(a, x), 1e-11);
        // SciPy's edges.
        Relative([0, 1, 1, double.NaN, double.NaN, double.NaN], Special.Gammainc(D(2, 2, 0, -1, 1, double.NaN), D(0, double.PositiveInfinity, 1, 1, -1, 1)), 0);
        Relative([1, 0, 0, double.NaN], Special.Gammaincc(D(2, 2, 0, -1), D(0, double.PositiveInfinity, 1, 1)), 0);
        // In float32 the prefactor x^a exp(-x) / Gamma(a + 1) loses about a eps relative (a log x and log Gamma(a + 1) are
        // each about 400 for a = 100), as in XLA.
        Relative32([0.345279153981423, 0.9950045876916924], Special.Gammainc(Jnp.Array(new[] { 0.5f, 10 }), Jnp.Array(new[] { 0.1f, 20 })), 1e-6);
        Relative32([0.15822098918643016], Special.Gammainc(Jnp.Array(new[] { 100f }), Jnp.Array(new[] { 90f })), 1e-4);
    }

    [Fact]
    public void DerivativesMatchTheirClosedForms()
    {
        var x = D(-2, -0.5, 0.3, 1.5, 4);
        var expected = x.ToArray<double>().Select(v => 2 / Math.Sqrt(Math.PI) * Math.Exp(-v * v)).ToArray();
        Relative(expected, Jax.Vmap(Jax.Grad(Special.Erf))(x), 1e-14);
        Relative(expected.Select(v => -v).ToArray(), Jax.Vmap(Jax.Grad(Special.Erfc))(x), 1e-14);
        var positive = D(0.1, 0.5, 2, 7.5);
        Relative(Special.Digamma(positive).ToArray<double>(), Jax.Vmap(Jax.Grad(Special.Gammaln))(positive), 1e-14);
        Relative(Special.Polygamma(1, positive).ToArray<double>(), Jax.Vmap(Jax.Grad(Special.Digamma))(positive), 1e-9);
        Relative(Special.Polygamma(2, positive).ToArray<double>(), Jax.Vmap(Jax.Grad(x => Special.Polygamma(1, x)))(positive), 1e-11);
        // log_ndtr's derivative stays finite (about -x) where ndtr underflows.
        var tail = D(-50, -1e3);
        Relative([50.019984031905636, 1000.000999998], Jax.Vmap(Jax.Grad(Special.LogNdtr))(tail), 1e-13);
        var halfSlope = Jax.Grad(Special.LogNdtr)(Jnp.Array(-20f).Astype(DType.Float16));
        Assert.Equal(DType.Float16, halfSlope.DType);
        Relative([20.04975306852785], halfSlope.Astype(DType.Float64).Reshape(1), 2e-3);
        // ndtri's derivative is 1 / pdf(ndtri(p)).
        var p = D(1e-10, 0.3, 0.9);
        var inverse = Special.Ndtri(p).ToArray<double>().Select(v => Math.Sqrt(2 * Math.PI) * Math.Exp(v * v / 2)).ToArray();
        Relative(inverse, Jax.Vmap(Jax.Grad(Special.Ndtri))(p), 1e-12);
        // xlogy at x = 0 differentiates to log(y) in x (JAX's rule), not 0.
        var grads = Jax.Grad((NDArray u, NDArray v) => Special.Xlogy(u, v), argnums: [0, 1])(D(0)[0], D(3)[0]);
        var (dx, dy) = (grads[0], grads[1]);
        Relative([Math.Log(3)], dx.Reshape(1), 1e-15);
        Relative([0], dy.Reshape(1), 0);
        // gammainc in x: x^(a - 1) exp(-x) / Gamma(a).
        var dgx = Jax.Grad((NDArray u) => Special.Gammainc(2.5, u))(D(1.7)[0]);
        Relative([Math.Pow(1.7, 1.5) * Math.Exp(-1.7) / 1.329340388179137], dgx.Reshape(1), 1e-13);
    }

    [Fact]
    public void GradientsAgreeWithFiniteDifferences()
    {
        var x = D(-1.3, -0.2, 0.4, 2.1);
        GradCheck.Check(Special.Erfc, x);
        GradCheck.Check(Special.Ndtr, x);
        GradCheck.Check(Special.LogNdtr, D(-30, -3, 0.5, 6));
        GradCheck.Check(Special.Ndtri, D(0.1, 0.3, 0.6, 0.85));
        GradCheck.Check(Special.Logit, D(0.1, 0.3, 0.6, 0.85));
        GradCheck.Check(Special.Gamma, D(-1.5, 0.7, 2.2, 4));
        GradCheck.Check(Special.Betaln, D(0.5, 3, 9, 20), D(2, 12, 40, 8.5));
        GradCheck.Check(Special.Xlog1py, D(0.5, 3, 9, 2), D(2, -0.5, 0.1, 8.5));
        GradCheck.Check(x => Special.Logsumexp(x.Reshape(2, 2), 1, Shaped([1, -0.2, 2, 1], 2, 2)), D(1, 2, -3, 0.5));
        GradCheck.Check(x => Special.LogSoftmax(x.Reshape(2, 2), [0, 1]), D(1, 2, -3, 0.5));
        GradCheck.Check(Special.Zeta, D(2.5, 3, 4.2, 6), D(0.5, 1.5, 3, 10), order: 1);
        GradCheck.Check(Special.Gammainc, D(0.7, 3, 9, 20), D(0.4, 4.5, 5, 22), order: 1);
        GradCheck.Check(Special.Gammaincc, D(0.7, 3, 9, 20), D(0.4, 4.5, 5, 22), order: 1);
    }

    [Fact]
    public void JitAndVmapAgreeWithEagerValues()
    {
        var batch = Shaped([-3, -0.5, 0.25, 0.8, 1.5, 7], 2, 3);
        Expect.JitAndVmapAgree(Special.Erfc, batch);
        Expect.JitAndVmapAgree(Special.LogNdtr, batch);
        Expect.JitAndVmapAgree(x => Special.Ndtri(Special.Ndtr(x)), batch);
        Expect.JitAndVmapAgree(x => Special.Logsumexp(x, b: x), batch);
        Expect.JitAndVmapAgree(x => Special.Gammainc(Jnp.Abs(x) + 0.5, x * x), batch);
        Expect.JitAndVmapAgree(x => Special.Zeta(Jnp.Abs(x) + 1.5, 2.0), batch);
        Expect.JitAndVmapAgree(x => Special.Betaln(Jnp.Abs(x) * 10, 12.0), batch);
        Relative(Special.Gammainc(2.0, D(1, 3)).ToArray<double>(), Jax.Jit((NDArray x) => Special.Gammainc(2.0, x))(D(1, 3)), 1e-15);
        // The derivative in a (a JVP of the while loops) under Jit, against central differences.
        var da = Jax.Jit(Jax.Grad((NDArray a) => Special.Gammainc(a, 2.0)))(D(3)[0]).Item<double>();
        var central = (Special.Gammainc(D(3 + 1e-6), 2.0).Item<double>() - Special.Gammainc(D(3 - 1e-6), 2.0).Item<double>()) / 2e-6;
        Assert.True(Math.Abs(da - central) < 1e-8, $"d/da gammainc(3, 2): {da}, central differences {central}");
        var grads = Jax.Jit(Jax.Vmap(Jax.Grad(Special.LogNdtr)))(D(-40, 0, 3));
        Relative(D(-40, 0, 3).ToArray<double>().Select(v => Jax.Grad(Special.LogNdtr)(D(v)[0]).Item<double>()).ToArray(), grads, 1e-14);
    }
}
