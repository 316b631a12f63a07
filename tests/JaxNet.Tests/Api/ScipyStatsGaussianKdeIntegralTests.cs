using static JaxNet.Tests.Api.Expect;
using Reference = JaxNet.Tests.Api.GaussianKdeReference;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>gaussian_kde's integrals and bandwidth rules against <see cref="GaussianKdeReference"/>: Gaussian mixtures
/// integrate in closed form, so every expected value is a finite sum computed in double.</summary>
public class ScipyStatsGaussianKdeIntegralTests
{
    internal static readonly double[,] TwoData = { { 0.1, 1.3, -0.7, 2.2, 0.9 }, { 1.0, 0.4, -1.1, 1.8, 0.2 } };
    internal static readonly double[] TwoWeights = [1, 3, 2, 1, 2];
    internal static readonly double[,] OtherData = { { -0.4, 0.6, 1.9, 0.2, -1.3, 1.1, 0.5 }, { 0.3, -0.8, 1.2, 2.0, 0.1, -0.2, 0.9 } };
    internal static readonly double[,] OneData = { { -1.2, 0.3, 0.8, 1.9, 2.4, 3.1 } };
    internal static readonly double[] OneWeights = [1, 2, 3, 1, 2, 1];
    internal static readonly double[,] Spread = { { 1.0, 0.3 }, { 0.3, 0.5 } };

    internal static NDArray Float32(double[,] v)
    {
        var rounded = new float[v.GetLength(0), v.GetLength(1)];
        for (var i = 0; i < v.GetLength(0); i++)
            for (var j = 0; j < v.GetLength(1); j++) rounded[i, j] = (float)v[i, j];
        return Jnp.Array(rounded);
    }

    internal static NDArray Float32(double[] v) => F([.. v.Select(x => (float)x)]);

    [Fact]
    public void IntegrateGaussianIsTheMixtureWithSummedCovariances()
    {
        var kde = new Stats.GaussianKde(Float32(TwoData), weights: Float32(TwoWeights));
        var reference = new Reference(TwoData, TwoWeights, Reference.Scott);
        var expected = reference.IntegrateGaussian([0.5, 0.2], Spread);
        Values([expected], kde.IntegrateGaussian(F(0.5f, 0.2f), Float32(Spread)), shape: []);
        // A column of d values is squeezed to the mean, as in JAX.
        Values([expected], kde.IntegrateGaussian(Matrix(new float[,] { { 0.5f }, { 0.2f } }), Float32(Spread)));
        // Against a vanishing Gaussian the integral is the density at its mean.
        Values([reference.Pdf([0.5, 0.2])], kde.IntegrateGaussian(F(0.5f, 0.2f), Jnp.Eye(2) * 1e-6f), tol: 1e-4);
        // One dimension: a scalar mean and variance.
        var one = new Stats.GaussianKde(Float32(OneData), "silverman");
        var oneReference = new Reference(OneData, null, Reference.Silverman);
        Values([oneReference.IntegrateGaussian([0.7], new double[,] { { 2.0 } })], one.IntegrateGaussian(Jnp.Array(0.7f), Jnp.Array(2f)));
    }

    [Fact]
    public void IntegrateKdeIsTheOverlapOfTwoMixtures()
    {
        var a = new Stats.GaussianKde(Float32(TwoData), weights: Float32(TwoWeights));
        var b = new Stats.GaussianKde(Float32(OtherData), "silverman");
        var expected = new Reference(TwoData, TwoWeights, Reference.Scott).IntegrateKde(new Reference(OtherData, null, Reference.Silverman));
        Values([expected], a.IntegrateKde(b), shape: []);
        Values([expected], b.IntegrateKde(a));
        // A kde's overlap with itself is the integral of its square, here also a Riemann sum on a fine grid.
        var one = new Stats.GaussianKde(Float32(OneData), weights: Float32(OneWeights));
        var selfOverlap = new Reference(OneData, OneWeights, Reference.Scott);
        Values([selfOverlap.IntegrateKde(selfOverlap)], one.IntegrateKde(one));
        var step = 0.01f;
        var riemann = Jnp.Sum(Jnp.Square(one.Pdf(Jnp.Linspace(-14, 18, 3201)))) * step;
        Values([selfOverlap.IntegrateKde(selfOverlap)], riemann, tol: 1e-4);
        // Both kdes built from traced data.
        var jitted = Jax.Jit((NDArray x, NDArray y) => new Stats.GaussianKde(x).IntegrateKde(new Stats.GaussianKde(y)));
        var plain = new Reference(TwoData, null, Reference.Scott).IntegrateKde(new Reference(OtherData, null, Reference.Scott));
        Values([plain], jitted(Float32(TwoData), Float32(OtherData)));
    }

    [Fact]
    public void IntegrateBox1dIsTheWeightedNormalCdf()
    {
        var kde = new Stats.GaussianKde(Float32(OneData), weights: Float32(OneWeights));
        var reference = new Reference(OneData, OneWeights, Reference.Scott);
        (double Low, double High)[] boxes = [(-0.5, 2), (-3, -1), (1, 1), (2.5, 0.5), (double.NegativeInfinity, 1.5), (double.NegativeInfinity, double.PositiveInfinity)];
        foreach (var (low, high) in boxes)
            Values([reference.IntegrateBox1d(low, high)], kde.IntegrateBox1d(Jnp.Array((float)low), Jnp.Array((float)high)), shape: []);
        var jitted = Jax.Jit((NDArray low, NDArray high) => kde.IntegrateBox1d(low, high));
        Values([reference.IntegrateBox1d(-0.5, 2)], jitted(Jnp.Array(-0.5f), Jnp.Array(2f)));
        // The mass up to x grows at the rate of the density at x.
        var rate = Jax.Grad((NDArray high) => kde.IntegrateBox1d(Jnp.Array(-1f), high))(Jnp.Array(0.8f));
        Values([reference.Pdf([0.8])], rate);
    }

    [Fact]
    public void BandwidthRulesAndSetBandwidth()
    {
        var data = Float32(TwoData);
        var points = Matrix(new float[,] { { 0.0f, 1.0f, 2.5f }, { 0.5f, -0.5f, 1.5f } });
        var (scott, silverman) = (new Stats.GaussianKde(data), new Stats.GaussianKde(data, "silverman"));
        var scottReference = new Reference(TwoData, null, Reference.Scott);
        Values([scottReference.Factor], scott.Factor);
        Values([new Reference(TwoData, null, Reference.Silverman).Factor], silverman.Factor);
        Values([scottReference.Factor], scott.ScottsFactor());
        Values([silverman.Factor.Item<float>()], scott.SilvermanFactor());

        // A callable sees the kde's n_eff, d and n.
        var half = new Stats.GaussianKde(data, kde => kde.ScottsFactor() * 0.5f);
        Values([scottReference.Factor * 0.5], half.Factor);
        Values([.. scottReference.Covariance.Cast<double>().Select(c => c / 4)], half.Covariance, shape: [2, 2]);
        var byCount = new Stats.GaussianKde(data, kde => Jnp.Array((float)Math.Pow(kde.N, -1.0 / (kde.D + 4))));
        Values(Doubles(scott.Pdf(points)), byCount.Pdf(points));

        // set_bandwidth makes a new kde of the same points and weights and leaves this one as it was.
        Values(Doubles(silverman.Pdf(points)), scott.SetBandwidth("silverman").Pdf(points));
        Values([scottReference.Factor], scott.Factor);
        Values([scottReference.Factor], silverman.SetBandwidth().Factor);
        Values([0.3], scott.SetBandwidth(0.3).Factor);
        Values([0.4], scott.SetBandwidth(Jnp.Array(0.4f)).Factor);
        Values([scottReference.Factor * 0.5], silverman.SetBandwidth(kde => kde.ScottsFactor() * 0.5f).Factor);
        var weighted = new Stats.GaussianKde(data, weights: Float32(TwoWeights));
        Values(Doubles(new Stats.GaussianKde(data, 0.5, Float32(TwoWeights)).Pdf(points)), weighted.SetBandwidth(0.5).Pdf(points));
        Values([new Reference(TwoData, TwoWeights, (_, _) => 0.5).Pdf([2.5, 1.5])], weighted.SetBandwidth(0.5).Pdf(F(2.5f, 1.5f)));
    }

    [Fact]
    public void DifferentiatesInTheBandwidth()
    {
        var (data, points) = (Float32(OneData), new[] { -1.0, 0.5, 2.0 });
        double LogLikelihood(double h) => points.Sum(x => Math.Log(new Reference(OneData, null, (_, _) => h).Pdf([x])));
        var numeric = (LogLikelihood(0.6 + 1e-5) - LogLikelihood(0.6 - 1e-5)) / 2e-5;
        var slope = Jax.Grad((NDArray h) => Jnp.Sum(new Stats.GaussianKde(data, h).Logpdf(Float32(points))))(Jnp.Array(0.6f));
        Values([numeric], slope, shape: [], tol: 1e-4);
        // The same through a callable that scales Scott's factor.
        var scott = new Reference(OneData, null, Reference.Scott).Factor;
        var scaled = Jax.Grad((NDArray s) => Jnp.Sum(new Stats.GaussianKde(data, kde => kde.ScottsFactor() * s).Logpdf(Float32(points))))(Jnp.Array((float)(0.6 / scott)));
        Values([numeric * scott], scaled, tol: 1e-4);
    }

    [Fact]
    public void BadBandwidthsAndIntegralsAreRejected()
    {
        var data = Float32(TwoData);
        Assert.Throws<ArgumentException>(() => new Stats.GaussianKde(data, F(0.1f, 0.2f)));
        Assert.Throws<ArgumentException>(() => new Stats.GaussianKde(data, Jnp.Astype(Jnp.Array(0.5f), DType.Complex64)));
        Assert.Throws<ArgumentException>(() => new Stats.GaussianKde(data, kde => Jnp.Ones([kde.D])));
        Assert.Throws<InvalidOperationException>(() => new Stats.GaussianKde(data, kde => kde.Covariance[0, 0]));
        Assert.Throws<ArgumentNullException>(() => new Stats.GaussianKde(data, (Func<Stats.GaussianKde, NDArray>)null!));
        var kde = new Stats.GaussianKde(data);
        Assert.Throws<ArgumentException>(() => kde.SetBandwidth("wide"));
        Assert.Throws<ArgumentException>(() => kde.SetBandwidth(F(1, 2)));
        Assert.Throws<ArgumentException>(() => kde.IntegrateKde(new Stats.GaussianKde(Float32(OneData))));
        Assert.Throws<ArgumentNullException>(() => kde.IntegrateKde(null!));
        Assert.Throws<ShapeException>(() => kde.IntegrateGaussian(Jnp.Zeros([0]), Jnp.Eye(2)));
        Assert.Throws<ArgumentException>(() => new Stats.GaussianKde(Float32(OneData), weights: Jnp.Ones([2, 3])));
        Assert.Throws<NotImplementedException>(() => new Stats.GaussianKde(Float32(OneData), weights: Jnp.Astype(Jnp.Ones([6]), DType.Complex64)));
        // A NaN among the data spreads to the covariance and to every integral, as in JAX.
        var poisoned = new Stats.GaussianKde(F(1, float.NaN, 3));
        Assert.True(float.IsNaN(poisoned.IntegrateKde(poisoned).Item<float>()));
        Assert.True(float.IsNaN(poisoned.IntegrateBox1d(Jnp.Array(0f), Jnp.Array(1f)).Item<float>()));
    }

    private static double[] Doubles(NDArray x) => [.. x.ToArray<float>().Select(v => (double)v)];
}
