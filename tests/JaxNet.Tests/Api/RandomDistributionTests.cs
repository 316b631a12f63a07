using JaxRandom = JaxNet.Jax.Random;

namespace JaxNet.Tests.Api;

/// <summary>
/// The jax.random distributions beyond uniform and normal: closed-form samplers against JAX's formulas applied to the
/// (bit-identical) uniforms, values re-derived by tests/oracle/jax_random_oracle.py (JAX's algorithms in numpy),
/// sample moments against the distributions' (within 5 standard errors of the sample size), shapes, dtypes,
/// transformations and bad input.
/// </summary>
public class RandomDistributionTests
{
    private const int Large = 100_000;   // closed-form samplers
    private const int Small = 20_000;    // rejection samplers (a while loop per element)

    public record Case(Func<NDArray, NDArray> Draw, double Mean, double Variance, double Mu4);

    private static NDArray Vec(params float[] values) => Jnp.Array(values);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["Exponential"] = new(k => JaxRandom.Exponential(k, [Large]), 1, 1, 9),
        ["Laplace"] = new(k => JaxRandom.Laplace(k, [Large]), 0, 2, 24),
        ["Logistic"] = new(k => JaxRandom.Logistic(k, [Large]), 0, 3.289868133696453, 45.457575815867806),
        ["Pareto(5)"] = new(k => JaxRandom.Pareto(k, 5f, [Large]), 1.25, 0.10416666666666667, 0.80078125),
        ["WeibullMin(2, 1.5)"] = new(k => JaxRandom.WeibullMin(k, 2f, 1.5f, [Large]), 1.805490585901867, 1.5027611392557279, 9.914809032411483),
        ["Rayleigh(2)"] = new(k => JaxRandom.Rayleigh(k, 2f, [Large]), 2.5066282746310002, 1.7168146928204138, 9.5647471869277),
        ["Rademacher"] = new(k => JaxRandom.Rademacher(k, [Large]), 0, 1, 1),
        ["Lognormal(0.5)"] = new(k => JaxRandom.Lognormal(k, 0.5f, [Large]), 1.1331484530668263, 0.3646958540123865, 1.1835205566589473),
        ["Maxwell"] = new(k => JaxRandom.Maxwell(k, [Large]), 1.5957691216057308, 0.45352091052967447, 0.6392909196117984),
        // z^2 exp(-z^2/2) on the whole line: E z^2 = 3 and E z^4 = 15 (a chi with 3 degrees of freedom, signed).
        ["DoubleSidedMaxwell(0, 1)"] = new(k => JaxRandom.DoubleSidedMaxwell(k, 0f, 1f, [Large]), 0, 3, 15),
        ["DoubleSidedMaxwell(1, 2)"] = new(k => JaxRandom.DoubleSidedMaxwell(k, 1f, 2f, [Large]), 1, 12, 240),
        ["Geometric(0.3)"] = new(k => JaxRandom.Geometric(k, 0.3f, [Large]), 3.3333333333333335, 7.777777777777779, 552.2222222222224),
        ["Triangular(-1, 0, 3)"] = new(k => JaxRandom.Triangular(k, -1f, 0f, 3f, [Large]), 0.6666666666666667, 0.7222222222222222, 1.2518518518518518),
        ["Wald(1.5)"] = new(k => JaxRandom.Wald(k, 1.5f, [Large]), 1.5, 3.375, 290.4609375),
        ["Gamma(0.3)"] = new(k => JaxRandom.Gamma(k, 0.3f, [Small]), 0.3, 0.3, 2.07),
        ["Gamma(1)"] = new(k => JaxRandom.Gamma(k, 1f, [Small]), 1, 1, 9),
        ["Gamma(4.5)"] = new(k => JaxRandom.Gamma(k, 4.5f, [Small]), 4.5, 4.5, 87.75),
        ["Gamma(50)"] = new(k => JaxRandom.Gamma(k, 50f, [Small]), 50, 50, 7800),
        ["LogGamma(0.3)"] = new(k => JaxRandom.LogGamma(k, 0.3f, [Small]), -3.502524222200133, 12.245364546107734, 1192.9886232562665),
        ["Beta(2, 5)"] = new(k => JaxRandom.Beta(k, 2f, 5f, [Small]), 0.2857142857142857, 0.025510204081632654, 0.0018742190753852563),
        ["Beta(0.5, 0.5)"] = new(k => JaxRandom.Beta(k, 0.5f, 0.5f, [Small]), 0.5, 0.125, 0.0234375),
        ["Dirichlet([1, 2, 3])[2]"] = new(k => JaxRandom.Dirichlet(k, Vec(1, 2, 3), [Small])[.., 2], 0.5, 0.03571428571428571, 0.002976190476190476),
        ["Chisquare(3)"] = new(k => JaxRandom.Chisquare(k, 3f, [Small]), 3, 6, 252),
        ["T(6)"] = new(k => JaxRandom.T(k, 6f, [Small]), 0, 1.5, 13.5),
        ["F(5, 12)"] = new(k => JaxRandom.F(k, 5f, 12f, [Small]), 1.2, 1.08, 31.8816),
        ["GeneralizedNormal(2)"] = new(k => JaxRandom.GeneralizedNormal(k, 2, [Small]), 0, 0.5, 0.75),
        ["GeneralizedNormal(1)"] = new(k => JaxRandom.GeneralizedNormal(k, 1, [Small]), 0, 2, 24),
        ["Poisson(3)"] = new(k => JaxRandom.Poisson(k, 3f, [Small]), 3, 3, 30),
        ["Poisson(25)"] = new(k => JaxRandom.Poisson(k, 25f, [Small]), 25, 25, 1900),
        ["Poisson(1000)"] = new(k => JaxRandom.Poisson(k, 1000f, [Small]), 1000, 1000, 3001000),
        ["Binomial(20, 0.3)"] = new(k => JaxRandom.Binomial(k, 20f, 0.3f, [Small]), 6, 4.2, 51.828),
        ["Binomial(200, 0.4)"] = new(k => JaxRandom.Binomial(k, 200f, 0.4f, [Small]), 80, 48, 6890.88),
        ["Binomial(100, 0.9)"] = new(k => JaxRandom.Binomial(k, 100f, 0.9f, [Small]), 90, 9, 247.14),
        ["Binomial(1000, 0.75)"] = new(k => JaxRandom.Binomial(k, 1000f, 0.75f, [Small]), 750, 187.5, 105445.3125),
        ["Multinomial(10, [.2, .3, .5])[0]"] = new(k => JaxRandom.Multinomial(k, 10f, Vec(.2f, .3f, .5f), [Small])[.., 0], 2, 1.6, 7.744),
        ["Multinomial(10, [.2, .3, .5])[2]"] = new(k => JaxRandom.Multinomial(k, 10f, Vec(.2f, .3f, .5f), [Small])[.., 2], 5, 2.5, 17.5),
        ["MultivariateNormal[0]"] = new(k => Mvn(k, "cholesky")[.., 0], 1, 2, 12),
        ["MultivariateNormal[1] by svd"] = new(k => Mvn(k, "svd")[.., 1], 2, 3, 27),
        ["MultivariateNormal[1] by eigh"] = new(k => Mvn(k, "eigh")[.., 1], 2, 3, 27),
        ["Orthogonal(3)[0, 0]"] = new(k => JaxRandom.Orthogonal(k, 3, [Small])[.., 0, 0], 0, 1 / 3.0, 0.2),
        // Haar on U(3): a column is uniform on the unit sphere of C^3 = R^6, so a real part has E x^2 = 1/6 and
        // E x^4 = 3/(6 * 8). Without the phase correction Re Q[0, 0] would never be positive.
        ["Orthogonal(3, complex64) Re[0, 0]"] = new(k => Jnp.Real(JaxRandom.Orthogonal(k, 3, [Small], DType.Complex64)[.., 0, 0]), 0, 1 / 6.0, 0.0625),
    };

    public static TheoryData<string> Distributions => new(Cases.Keys);

    private static NDArray Mvn(NDArray key, string method) =>
        JaxRandom.MultivariateNormal(key, Vec(1, 2), Jnp.Array(new float[,] { { 2, 1 }, { 1, 3 } }), [Small], method: method);

    [Theory]
    [MemberData(nameof(Distributions))]
    public void SampleMomentsMatchTheDistribution(string name)
    {
        var c = Cases[name];
        var x = Host(c.Draw(JaxRandom.PRNGKey(17)));
        var n = x.Length;
        var mean = x.Average();
        var variance = x.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var meanError = Math.Sqrt(c.Variance / n);
        // The second term bounds the bias of estimating the mean too (the whole error for a two-point distribution).
        var varianceError = Math.Sqrt((c.Mu4 - c.Variance * c.Variance) / n) + c.Variance / n;
        Assert.True(Math.Abs(mean - c.Mean) <= 5 * meanError, $"{name}: mean {mean} vs {c.Mean} (5 standard errors: {5 * meanError})");
        Assert.True(Math.Abs(variance - c.Variance) <= 5 * varianceError,
            $"{name}: variance {variance} vs {c.Variance} (5 standard errors: {5 * varianceError})");
    }

    [Fact]
    public void CauchyQuartilesAreMinusOneAndOne()
    {
        var x = Host(JaxRandom.Cauchy(JaxRandom.PRNGKey(17), [Large]));
        // Each fraction is a binomial proportion with p = 1/4 or 1/2.
        Assert.Equal(0.25, x.Count(v => v < -1) / (double)Large, 5 * Math.Sqrt(0.25 * 0.75 / Large));
        Assert.Equal(0.5, x.Count(v => v < 0) / (double)Large, 5 * Math.Sqrt(0.25 / Large));
        Assert.Equal(0.25, x.Count(v => v > 1) / (double)Large, 5 * Math.Sqrt(0.25 * 0.75 / Large));
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void ClosedFormSamplersTransformJaxsUniformsExactly(DType dtype)
    {
        var key = JaxRandom.PRNGKey(11);
        int[] s = [1000];
        NDArray C(double v) => Jnp.Array(v, dtype);
        var mantissa = dtype == DType.Float32 ? 23 : 52;
        var ulps = dtype == DType.Float64 ? 4 : 0;
        var u = JaxRandom.Uniform(key, s, dtype);
        var e = -Jnp.Log1p(-u);
        AssertSame(e, JaxRandom.Exponential(key, s, dtype), ulps);
        var symmetric = JaxRandom.Uniform(key, s, dtype, minval: C(-1 + Math.ScaleB(1, -mantissa - 1)), maxval: C(1));
        AssertSame(Jnp.Sign(symmetric) * Jnp.Log1p(-Jnp.Abs(symmetric)), JaxRandom.Laplace(key, s, dtype), ulps);
        var positive = JaxRandom.Uniform(key, s, dtype, minval: C(Math.ScaleB(1, -mantissa)), maxval: C(1));
        AssertSame(Jnp.Log(positive / (1 - positive)), JaxRandom.Logistic(key, s, dtype), ulps);
        AssertSame(Jnp.Tan(C(Math.PI) * (positive - 0.5)), JaxRandom.Cauchy(key, s, dtype), ulps);
        AssertSame(Jnp.Exp(e / C(3)), JaxRandom.Pareto(key, C(3), s, dtype), ulps);
        AssertSame(Jnp.Power(e, C(1) / C(1.5)) * C(2), JaxRandom.WeibullMin(key, C(2), C(1.5), s, dtype), ulps);
        AssertSame(C(2) * Jnp.Sqrt(Jnp.Log(u) * C(-2)), JaxRandom.Rayleigh(key, C(2), s, dtype), ulps);
        AssertSame(Jnp.Floor(Jnp.Log(u) / Jnp.Log1p(-C(0.3))) + 1, JaxRandom.Geometric(key, C(0.3), s).Astype(dtype), ulps);
        if (dtype == DType.Float32)
            Assert.Equal(Jnp.Where(JaxRandom.Bernoulli(key, 0.5f, s), 1, -1).ToArray<int>(), JaxRandom.Rademacher(key, s).ToArray<int>());
    }

    [Fact]
    public void ValuesMatchJaxAlgorithmsReDerivedInNumpy()
    {
        var key = JaxRandom.PRNGKey(0);
        AssertClose([2.9501280784606934, 3.8434245586395264, 0.4039035439491272], JaxRandom.Exponential(key, [3]), 1e-6);
        AssertClose([-2.256981611251831, -3.1502788066864014, 0.408595472574234], JaxRandom.Laplace(key, [3]), 1e-6);
        AssertClose([2.896376132965088, 3.8217716217041016, -0.6978387236595154], JaxRandom.Logistic(key, [3]), 1e-6);
        AssertClose([6.027494430541992, 14.837895393371582, -0.5817222595214844], JaxRandom.Cauchy(key, [3]), 1e-6);
        AssertClose([2.673466920852661, 3.600747585296631, 1.1441184282302856], JaxRandom.Pareto(key, 3f, [3]), 1e-6);
        AssertClose([4.113933563232422, 4.9072957038879395, 1.0928194522857666], JaxRandom.WeibullMin(key, 2f, 1.5f, [3]), 1e-6);
        AssertClose([0.6557566523551941, 0.41620054841041565, 2.9688284397125244], JaxRandom.Rayleigh(key, 2f, [3]), 1e-6);
        Assert.Equal([-1, -1, 1, 1, -1, 1, 1, -1], JaxRandom.Rademacher(key, [8]).ToArray<int>());
        Assert.Equal([9, 0, 2, 3, 1, 7], JaxRandom.Choice(key, 10, [6]).ToArray<int>());
        Assert.Equal([0, 1, 8, 5], JaxRandom.Choice(key, 10, [4], replace: false).ToArray<int>());
        Assert.Equal([0, 0, 3, 2, 2, 3], JaxRandom.Choice(key, 4, [6], p: Vec(.1f, .2f, .3f, .4f)).ToArray<int>());
        // Rejection samplers: the same splits and decisions; normal's erf_inv may differ from the oracle's in the last bits.
        var alphas = Vec(0.5f, 1, 3, 20);
        AssertClose([0.8845648169517517, 0.726284921169281, 1.968367099761963, 26.020463943481445], JaxRandom.Gamma(key, alphas), 1e-5);
        AssertClose([-0.12265954911708832, -0.3198128938674927, 0.6772043704986572, 3.258883476257324], JaxRandom.LogGamma(key, alphas), 1e-5);
        Assert.Equal([0, 0, 10, 0], JaxRandom.Poisson(key, Vec(0.5f, 3, 9.5f, 1)).ToArray<int>());
    }

    [Fact]
    public void ShapesAndDtypes()
    {
        var key = JaxRandom.PRNGKey(1);
        Assert.Equal([], JaxRandom.Exponential(key).Shape);
        Assert.Equal(DType.Float32, JaxRandom.Exponential(key).DType);
        Assert.Equal(DType.Float64, JaxRandom.Laplace(key, [2], DType.Float64).DType);
        var a = Jnp.Array(new float[,] { { 0.5f, 1, 2 }, { 3, 4, 5 } });
        Assert.Equal([2, 3], JaxRandom.Gamma(key, a).Shape);
        Assert.Equal([4, 3], JaxRandom.Gamma(key, Vec(1, 2, 3), [4, 3]).Shape);
        Assert.Equal(DType.Float64, JaxRandom.Gamma(key, Vec(1, 2, 3), dtype: DType.Float64).DType);
        Assert.Equal([2, 3], JaxRandom.Beta(key, Vec(1, 2, 3), Jnp.Array(new float[,] { { 1 }, { 2 } })).Shape);
        Assert.Equal([2, 3], JaxRandom.Dirichlet(key, a).Shape);
        Assert.Equal([5, 2, 3], JaxRandom.Dirichlet(key, a, [5, 2]).Shape);
        Assert.Equal([3], JaxRandom.T(key, Vec(3, 4, 5)).Shape);
        Assert.Equal([3], JaxRandom.Rayleigh(key, Vec(1, 2, 3)).Shape);
        Assert.Equal([2, 3], JaxRandom.WeibullMin(key, Vec(1, 2, 3), Jnp.Array(new float[,] { { 1 }, { 2 } })).Shape);
        Assert.Equal(DType.Int32, JaxRandom.Poisson(key, Vec(1, 20)).DType);
        Assert.Equal(DType.Int32, JaxRandom.Rademacher(key, [2]).DType);
        Assert.Equal(DType.Float32, JaxRandom.Rademacher(key, [2], DType.Float32).DType);
        Assert.Equal(DType.Float32, JaxRandom.Binomial(key, Vec(5, 50), 0.5f).DType);
        Assert.Equal([4, 2, 3], JaxRandom.Multinomial(key, Vec(5, 50), Vec(.2f, .3f, .5f), [4, 2]).Shape);
        Assert.Equal([2, 4, 4], JaxRandom.Orthogonal(key, 4, [2]).Shape);
        var unitary = JaxRandom.Orthogonal(key, 4, [2], DType.Complex64);
        Assert.Equal(DType.Complex64, unitary.DType);
        var gram = Jnp.Matmul(Jnp.Conj(Jnp.Swapaxes(unitary, -1, -2)), unitary);
        Assert.True(Jnp.Allclose(gram, Jnp.BroadcastTo(Jnp.Eye(4, dtype: DType.Complex64), [2, 4, 4]), atol: 1e-5));
        Assert.Equal([5, 2], JaxRandom.MultivariateNormal(key, Vec(0, 0), Jnp.Eye(2), [5]).Shape);
        Assert.Equal([3, 2], JaxRandom.MultivariateNormal(key, Jnp.Zeros([3, 2]), Jnp.Eye(2)).Shape);
        Assert.Equal([7, 3], JaxRandom.Ball(key, 3, shape: [7]).Shape);
        Assert.Equal([3], JaxRandom.Choice(key, 5, [3]).Shape);
        Assert.Equal([], JaxRandom.Choice(key, 5).Shape);
        Assert.Equal(JaxRandom.Choice(key, 5, [3]).ToArray<int>(), JaxRandom.Choice(key, Jnp.Array(5), [3]).ToArray<int>());
        var table = Jnp.Arange(12).Reshape(3, 4);
        Assert.Equal([3, 2, 5], JaxRandom.Choice(key, table, [2, 5], axis: 1).Shape);
        Assert.Equal([0, 4], JaxRandom.Choice(key, table, [0]).Shape);
        Assert.Equal(DType.Float32, JaxRandom.Choice(key, Vec(1, 2, 3), [2]).DType);
    }

    [Fact]
    public void SameKeySameValuesOtherKeysOtherValues()
    {
        var (k1, k2) = JaxRandom.Split2(JaxRandom.PRNGKey(5));
        Func<NDArray, NDArray>[] samplers =
        [
            k => JaxRandom.Exponential(k, [50]), k => JaxRandom.Gamma(k, 0.7f, [50]), k => JaxRandom.Beta(k, 2f, 3f, [50]),
            k => JaxRandom.Poisson(k, Vec(2, 40), [25, 2]).Astype(DType.Float32), k => JaxRandom.Binomial(k, 30f, 0.4f, [50]),
            k => JaxRandom.Choice(k, 100, [50]).Astype(DType.Float32), k => JaxRandom.Orthogonal(k, 4), k => JaxRandom.T(k, 3f, [50]),
        ];
        foreach (var draw in samplers)
        {
            Assert.Equal(draw(k1).ToArray<float>(), draw(k1).ToArray<float>());
            Assert.NotEqual(draw(k1).ToArray<float>(), draw(k2).ToArray<float>());
        }
    }

    [Fact]
    public void ChoiceWithoutReplacementGivesDistinctValues()
    {
        for (var seed = 0; seed < 5; seed++)
        {
            var key = JaxRandom.PRNGKey(seed);
            var drawn = JaxRandom.Choice(key, 20, [20], replace: false).ToArray<int>();
            Assert.Equal(Enumerable.Range(0, 20), drawn.Order());
            var weighted = JaxRandom.Choice(key, 10, [2, 4], replace: false, p: Jnp.Linspace(0.1, 1, 10)).ToArray<int>();
            Assert.Equal(8, weighted.Distinct().Count());
            var rows = JaxRandom.Choice(key, Jnp.Arange(15).Reshape(5, 3), [3], replace: false).ToArray<int>();
            Assert.Equal(3, rows.Chunk(3).Select(r => r[0]).Distinct().Count());
            Assert.All(rows.Chunk(3), r => Assert.Equal([r[0], r[0] + 1, r[0] + 2], r));
        }
    }

    [Fact]
    public void ChoiceFollowsTheWeights()
    {
        var p = Vec(1, 0, 3, 4);
        var drawn = JaxRandom.Choice(JaxRandom.PRNGKey(3), 4, [Large], p: p).ToArray<int>();
        double[] expected = [0.125, 0, 0.375, 0.5];
        for (var i = 0; i < 4; i++)
            Assert.Equal(expected[i], drawn.Count(v => v == i) / (double)Large, 5 * Math.Sqrt(expected[i] * (1 - expected[i]) / Large) + 1e-12);
        // Without replacement a zero weight is drawn last.
        Assert.DoesNotContain(1, JaxRandom.Choice(JaxRandom.PRNGKey(4), 4, [3], replace: false, p: p).ToArray<int>());
    }

    [Fact]
    public void StructuredSamples()
    {
        var key = JaxRandom.PRNGKey(9);
        var q = JaxRandom.Orthogonal(key, 5, [3]);
        var qtq = Jnp.Matmul(Jnp.Swapaxes(q, -1, -2), q);
        Assert.True(Jnp.Allclose(qtq, Jnp.BroadcastTo(Jnp.Eye(5), [3, 5, 5]), atol: 1e-5), qtq.ToString());
        var dirichlet = JaxRandom.Dirichlet(key, Jnp.Array(new float[,] { { 0.1f, 0.2f, 0.3f }, { 5, 10, 20 } }), [100, 2]);
        Assert.True(Jnp.Allclose(Jnp.Sum(dirichlet, -1), Jnp.Ones([100, 2]), atol: 1e-5));
        Assert.All(Host(dirichlet), v => Assert.InRange(v, 0, 1));
        var counts = JaxRandom.Multinomial(key, Vec(7, 40), Vec(.1f, .6f, .3f), [50, 2]);
        Assert.Equal(Enumerable.Repeat(new double[] { 7, 40 }, 50).SelectMany(v => v), Host(Jnp.Sum(counts, -1)));
        var ball = Host(Jnp.Sum(JaxRandom.Ball(key, 3, shape: [Small]) * JaxRandom.Ball(key, 3, shape: [Small]), -1));
        Assert.All(ball, r2 => Assert.InRange(r2, 0, 1));
        // |x|^2 of a uniform point in the 3-ball has mean 3/5 and variance 3/7 - 9/25.
        Assert.Equal(0.6, ball.Average(), 5 * Math.Sqrt((3 / 7.0 - 0.36) / Small));
        var l1 = Host(Jnp.Sum(Jnp.Abs(JaxRandom.Ball(key, 4, p: 1, shape: [1000])), -1));
        Assert.All(l1, r => Assert.InRange(r, 0, 1));
        var tiny = JaxRandom.LogGamma(key, 0.01f, [1000]);
        Assert.True((bool)Jnp.All(Jnp.IsFinite(tiny)));
        Assert.True(Host(tiny).Min() < -200, "log-gamma of a = 0.01 reaches far below float32's smallest positive number");
        Assert.Equal(Enumerable.Repeat(0.0, 10), Host(JaxRandom.Binomial(key, 20f, 0f, [10])));
        Assert.Equal(Enumerable.Repeat(20.0, 10), Host(JaxRandom.Binomial(key, 20f, 1f, [10])));
        Assert.Equal(Enumerable.Repeat(0.0, 3), Host(JaxRandom.Poisson(key, 0f, [3])));
    }

    [Fact]
    public void SamplersWorkUnderJitAndVmapOverKeys()
    {
        var keys = JaxRandom.Split(JaxRandom.PRNGKey(21), 3);
        var alphas = Vec(0.4f, 2, 30);
        Func<NDArray, NDArray>[] samplers =
        [
            k => JaxRandom.Gamma(k, alphas), k => JaxRandom.Exponential(k, [4]), k => JaxRandom.Dirichlet(k, alphas),
            k => JaxRandom.Poisson(k, Vec(1, 30, 2000)).Astype(DType.Float32), k => JaxRandom.Binomial(k, Vec(5, 80), 0.3f),
            k => JaxRandom.Choice(k, 10, [3], replace: false).Astype(DType.Float32), k => JaxRandom.Orthogonal(k, 3),
            k => JaxRandom.MultivariateNormal(k, Vec(1, -1), Jnp.Array(new float[,] { { 1, 0.5f }, { 0.5f, 2 } })),
        ];
        foreach (var draw in samplers)
        {
            var batched = Jax.Vmap(draw)(keys);
            var jitted = Jax.Jit(draw);
            for (var i = 0; i < 3; i++)
            {
                var eager = draw(keys[i]).ToArray<float>();
                Assert.Equal(eager, batched[i].ToArray<float>());
                Assert.Equal(eager, jitted(keys[i]).ToArray<float>());
            }
        }
    }

    [Fact]
    public void BadParametersGiveJaxsValues()
    {
        var key = JaxRandom.PRNGKey(2);
        Assert.All(Host(JaxRandom.Gamma(key, Vec(-1, float.NaN))), v => Assert.True(double.IsNaN(v)));
        Assert.True(double.IsNaN(Host(JaxRandom.Beta(key, -1f, 1f))[0]));
        Assert.Equal([-1, -1, 0], JaxRandom.Poisson(key, Vec(-2, float.NaN, 0)).ToArray<int>());
        var binomial = Host(JaxRandom.Binomial(key, Vec(-1, float.NaN, 5, 5, float.PositiveInfinity), Vec(0.5f, 0.5f, 1.5f, -0.1f, 0.5f)));
        Assert.All(binomial[..4], v => Assert.True(double.IsNaN(v)));
        Assert.Equal(double.PositiveInfinity, binomial[4]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var key = JaxRandom.PRNGKey(0);
        var error = Assert.Throws<ArgumentException>(() => JaxRandom.Choice(key, 3, [4], replace: false));
        Assert.Contains("larger sample", error.Message);
        Assert.Throws<ArgumentException>(() => JaxRandom.Choice(key, 0, [1]));
        Assert.Throws<ShapeException>(() => JaxRandom.Choice(key, 3, [2], p: Vec(.5f, .5f)));
        Assert.Contains("uint32[2]", Assert.Throws<ArgumentException>(() => JaxRandom.Gamma(Jnp.Zeros([3]), 1f)).Message);
        Assert.Throws<ArgumentException>(() => JaxRandom.Exponential(JaxRandom.Split(key, 2), [2]));
        Assert.Throws<ArgumentException>(() => JaxRandom.Exponential(key, [2], DType.Int32));
        Assert.Throws<ArgumentException>(() => JaxRandom.Poisson(key, 1f, dtype: DType.Float32));
        Assert.Throws<ArgumentException>(() => JaxRandom.Rademacher(key, [2], DType.UInt8));
        Assert.Throws<ShapeException>(() => JaxRandom.Gamma(key, Vec(1, 2, 3), [4]));
        Assert.Throws<ArgumentException>(() => JaxRandom.Gamma(key, 1f, [-1]));
        Assert.Throws<ArgumentException>(() => JaxRandom.Dirichlet(key, 1f));
        Assert.Throws<ShapeException>(() => JaxRandom.MultivariateNormal(key, Vec(0, 0), Jnp.Eye(3)));
        Assert.Throws<ArgumentException>(() => JaxRandom.MultivariateNormal(key, Vec(0, 0), Jnp.Eye(2), method: "qr"));
        Assert.Throws<ArgumentException>(() => JaxRandom.Orthogonal(key, -1));
    }

    public static double[] Host(NDArray x) => x.DType switch
    {
        DType.Float32 => x.ToArray<float>().Select(v => (double)v).ToArray(),
        DType.Float64 => x.ToArray<double>(),
        DType.Int32 => x.ToArray<int>().Select(v => (double)v).ToArray(),
        DType.Int64 => x.ToArray<long>().Select(v => (double)v).ToArray(),
        _ => throw new ArgumentException($"no host view for {x.DType}"),
    };

    /// <summary>
    /// Equal values, or within <paramref name="ulps"/> units in the last place: the cpu backend's float64 log and log1p
    /// round differently (by an ulp or two) in some fused kernels than in others, so a float64 sampler's program and
    /// the same formula run op by op may disagree in the last bits.
    /// </summary>
    private static void AssertSame(NDArray expected, NDArray actual, int ulps = 0)
    {
        Assert.Equal(expected.DType, actual.DType);
        var (e, a) = (Host(expected), Host(actual));
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
            Assert.True(e[i] == a[i] || Math.Abs(e[i] - a[i]) <= ulps * (Math.BitIncrement(Math.Abs(e[i])) - Math.Abs(e[i])),
                $"element {i}: {a[i]:R} vs {e[i]:R}");
    }

    private static void AssertClose(double[] expected, NDArray actual, double tolerance)
    {
        var values = Host(actual);
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"element {i}: {values[i]} vs {expected[i]}");
    }
}
