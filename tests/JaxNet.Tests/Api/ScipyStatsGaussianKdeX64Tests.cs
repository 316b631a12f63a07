using static JaxNet.Tests.Api.Expect;
using static JaxNet.Tests.Api.RandomDistributionX64Tests;
using static JaxNet.Tests.Api.ScipyStatsGaussianKdeIntegralTests;
using Reference = JaxNet.Tests.Api.GaussianKdeReference;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>gaussian_kde in float64: its density and integrals agree with their closed forms to rounding.</summary>
[Collection(nameof(X64Collection))]
public class ScipyStatsGaussianKdeX64Tests
{
    private static NDArray Float64(double[,] v) => Jnp.FromHost<double>([.. v.Cast<double>()], [v.GetLength(0), v.GetLength(1)], DType.Float64);

    [Fact]
    public void DensityAndIntegralsMatchTheirClosedForms() => WithX64(() =>
    {
        var a = new Stats.GaussianKde(Float64(TwoData), weights: D(TwoWeights));
        var b = new Stats.GaussianKde(Float64(OtherData), "silverman");
        var (ra, rb) = (new Reference(TwoData, TwoWeights, Reference.Scott), new Reference(OtherData, null, Reference.Silverman));
        Values([ra.Pdf([0.5, 0.2]), ra.Pdf([2.0, -1.0])], a.Pdf(Float64(new double[,] { { 0.5, 2.0 }, { 0.2, -1.0 } })), DType.Float64, [2], tol: 1e-12);
        Values([ra.IntegrateKde(rb)], a.IntegrateKde(b), DType.Float64, [], tol: 1e-12);
        Values([ra.IntegrateGaussian([0.5, 0.2], Spread)], a.IntegrateGaussian(D(0.5, 0.2), Float64(Spread)), DType.Float64, [], tol: 1e-12);
        var one = new Stats.GaussianKde(Float64(OneData), weights: D(OneWeights));
        var oneReference = new Reference(OneData, OneWeights, Reference.Scott);
        Values([oneReference.IntegrateBox1d(-0.5, 2)], one.IntegrateBox1d(D(-0.5)[0], D(2)[0]), DType.Float64, [], tol: 1e-9);
    });
}
