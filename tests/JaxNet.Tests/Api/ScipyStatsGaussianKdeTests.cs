using static JaxNet.Tests.Api.Expect;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.stats.gaussian_kde. SciPy is not installed here; the references come from its definition in NumPy:
/// <code>
/// w = weights / sum(weights) (or 1/n); neff = 1/sum(w**2)
/// factor = neff**(-1/(d+4)) (scott) or (neff*(d+2)/4)**(-1/(d+4)) (silverman) or the scalar
/// cov = np.atleast_2d(np.cov(data, rowvar=1, bias=False, aweights=w)) * factor**2
/// pdf(x) = sum(w * exp(-0.5 * diff.T inv(cov) diff)) / sqrt(det(2 pi cov)), diff = data - x
/// integrate_gaussian(mean, c): the same with cov + c at x = mean
/// integrate_box_1d(lo, hi) = sum(w * (ndtr((hi - data)/sigma) - ndtr((lo - data)/sigma)))
/// </code>
/// </summary>
public class ScipyStatsGaussianKdeTests
{
    private static readonly NDArray One = F(-1.2f, 0.3f, 0.8f, 1.9f, 2.4f, 3.1f);
    private static readonly NDArray Two = Matrix(new float[,] { { 0.1f, 1.3f, -0.7f, 2.2f, 0.9f }, { 1.0f, 0.4f, -1.1f, 1.8f, 0.2f } });

    [Fact]
    public void OneDimensionalDensityMatchesTheDefinition()
    {
        var kde = new Stats.GaussianKde(One);
        Assert.Equal((1, 6), (kde.D, kde.N));
        Values([0.6988271187715792], kde.Factor, shape: []);
        Values([1.1982710386503501], kde.Covariance, shape: [1, 1]);
        Values([0.10781867714863108, 0.1803200849204248, 0.2063078775006986, 0.0021450365016881926], kde.Evaluate(F(-1, 0.5f, 2, 6)));
        Values([Math.Log(0.1803200849204248)], kde.Logpdf(F(0.5f)));
        Values([0.1803200849204248], kde.Pdf(Jnp.Array(0.5f)));
        // Far in the tail the density underflows float32 but its log does not.
        var tail = kde.Logpdf(F(80)).Item<float>();
        Assert.True(float.IsFinite(tail) && tail < -1000, $"logpdf(80) = {tail}");
        Values([0.16081359131], new Stats.GaussianKde(One, 0.5).Pdf(F(0)), tol: 1e-5);
    }

    [Fact]
    public void WeightsSilvermanAndTheBoxIntegralMatchTheDefinition()
    {
        var kde = new Stats.GaussianKde(One, "silverman", F(1, 2, 3, 1, 2, 1));
        Values([0.767703899274755], kde.Factor);
        Values([0.1916939509963802, 0.2323520003000104], kde.Pdf(F(0, 1.5f)));
        Values([0.5375740855984089], kde.IntegrateBox1d(Jnp.Array(-0.5f), Jnp.Array(2f)));
        Values([1], kde.IntegrateBox1d(Jnp.Array(-60f), Jnp.Array(60f)));
        Values([0.1, 0.2, 0.3, 0.1, 0.2, 0.1], kde.Weights);
        Values([5], kde.Neff);
        var grid = Jnp.Linspace(-12, 16, 2801);
        Values([1], Jnp.Sum(kde.Pdf(grid)) * 0.01f, tol: 1e-4);
    }

    [Fact]
    public void TwoDimensionalDensityAndGaussianIntegral()
    {
        var kde = new Stats.GaussianKde(Two);
        Values([0.76472449133173], kde.Factor);
        Values([0.06755354223164291, 0.05516055458208005], kde.Evaluate(Matrix(new float[,] { { 0.0f, 1.0f }, { 0.5f, -0.5f } })));
        Values([0.06755354223164291], kde.Evaluate(F(0.0f, 0.5f)));
        Values([0.08394527107959188], kde.IntegrateGaussian(F(0.5f, 0.2f), Matrix(new float[,] { { 1.0f, 0.3f }, { 0.3f, 0.5f } })));
    }

    [Fact]
    public void ResampleDrawsFromTheDensity()
    {
        var kde = new Stats.GaussianKde(One, "scott", F(1, 2, 3, 1, 2, 1));
        var key = Jax.Random.PRNGKey(7);
        var draws = kde.Resample(key, [4000]);
        Assert.Equal([1, 4000], draws.Shape);
        Values(draws.ToArray<float>().Select(v => (double)v).ToArray(), kde.Resample(key, [4000]));
        // The kde's mean is the weighted mean of the data (1.16); its variance the data's weighted variance (1.4824)
        // plus the kernel's (0.9733912).
        Values([1.16], Jnp.Mean(draws), tol: 0.06);
        Values([2.4557912], Jnp.Var(draws), tol: 0.1);
        Assert.Equal([2], new Stats.GaussianKde(Two).Resample(key).Shape);
        Assert.Equal([2, 3, 5], new Stats.GaussianKde(Two).Resample(key, [3, 5]).Shape);
    }

    [Fact]
    public void ResampleMatchesTheMixturesMomentsInTwoDimensions()
    {
        // A draw is a point chosen by weight plus a kernel's noise: its mean is the points' weighted mean, its covariance
        // their weighted spread (no Bessel correction) plus the kernels'. Each sample moment must lie within 5 standard
        // errors of that, a covariance's error being √((s_aa s_bb + s_ab²) / n) for Gaussian draws, widened by half for
        // the mixture's heavier tails.
        var (data, weights) = (ScipyStatsGaussianKdeIntegralTests.TwoData, ScipyStatsGaussianKdeIntegralTests.TwoWeights);
        var kde = new Stats.GaussianKde(ScipyStatsGaussianKdeIntegralTests.Float32(data), weights: ScipyStatsGaussianKdeIntegralTests.Float32(weights));
        var reference = new GaussianKdeReference(data, weights, GaussianKdeReference.Scott);
        const int count = 20000;
        var draws = kde.Resample(Jax.Random.PRNGKey(11), [count]);
        Assert.Equal([2, count], draws.Shape);
        var values = draws.ToArray<float>();
        double Coordinate(int axis, int draw) => values[axis * count + draw];
        var mean = new[] { 0, 1 }.Select(a => Enumerable.Range(0, count).Average(j => Coordinate(a, j))).ToArray();
        double Expected(int a, int b) => reference.Spread[a, b] + reference.Covariance[a, b];
        for (var a = 0; a < 2; a++)
        {
            var bound = 5 * Math.Sqrt(Expected(a, a) / count);
            Assert.True(Math.Abs(mean[a] - reference.Mean[a]) < bound, $"mean {a}: {mean[a]} vs {reference.Mean[a]} ± {bound}");
            for (var b = 0; b < 2; b++)
            {
                var sample = Enumerable.Range(0, count).Sum(j => (Coordinate(a, j) - mean[a]) * (Coordinate(b, j) - mean[b])) / (count - 1);
                var error = 7.5 * Math.Sqrt((Expected(a, a) * Expected(b, b) + Expected(a, b) * Expected(a, b)) / count);
                Assert.True(Math.Abs(sample - Expected(a, b)) < error, $"cov {a}{b}: {sample} vs {Expected(a, b)} ± {error}");
            }
        }
    }

    [Fact]
    public void KdeTracesUnderJitVmapAndGrad()
    {
        Func<NDArray, NDArray, NDArray> logDensity = (data, x) => new Stats.GaussianKde(data).Logpdf(x);
        var points = F(-1, 0.5f, 2);
        Values(logDensity(One, points).ToArray<float>().Select(v => (double)v).ToArray(), Jax.Jit(logDensity)(One, points));
        var batch = Jnp.Stack([One, One * 2f]);
        var batched = Jax.Vmap((Func<NDArray, NDArray>)(data => new Stats.GaussianKde(data).Pdf(points)))(batch);
        Values(new Stats.GaussianKde(One * 2f).Pdf(points).ToArray<float>().Select(v => (double)v).ToArray(), batched[1]);
        var slope = Jax.Grad((Func<NDArray, NDArray>)(x => Jnp.Sum(new Stats.GaussianKde(One).Logpdf(x))))(F(0.5f)).ToArray<float>()[0];
        var kde = new Stats.GaussianKde(One);
        var h = 1e-2f;
        var numeric = (kde.Logpdf(F(0.5f + h)).Item<float>() - kde.Logpdf(F(0.5f - h)).Item<float>()) / (2 * h);
        Assert.Equal(numeric, slope, 2);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new Stats.GaussianKde(F(1)));
        Assert.Throws<ArgumentException>(() => new Stats.GaussianKde(One, "wide"));
        Assert.Throws<ArgumentException>(() => new Stats.GaussianKde(One, weights: F(1, 2)));
        Assert.Throws<NotImplementedException>(() => new Stats.GaussianKde(Jnp.Astype(One, DType.Complex64)));
        var kde = new Stats.GaussianKde(Two);
        Assert.Throws<ArgumentException>(() => kde.Evaluate(Jnp.Zeros([3, 4])));
        Assert.Throws<ArgumentException>(() => kde.IntegrateBox1d(Jnp.Array(0f), Jnp.Array(1f)));
        Assert.Throws<ArgumentException>(() => new Stats.GaussianKde(One).IntegrateBox1d(F(0, 1), Jnp.Array(1f)));
        Assert.Throws<ShapeException>(() => kde.IntegrateGaussian(F(1, 2, 3), Jnp.Eye(2)));
        Assert.Throws<ShapeException>(() => kde.IntegrateGaussian(F(1, 2), Jnp.Eye(3)));
        Assert.Equal(0, kde.Evaluate(Jnp.Zeros([2, 0])).Size);
        Assert.True(float.IsNaN(kde.Pdf(F(float.NaN, 0)).Item<float>()));
    }
}
