using Signal = JaxNet.Jax.Scipy.Signal;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>The dtypes stft, istft, rankdata, mode and multinomial give with x64: complex128 and float64 results,
/// int64 ranks and counts, as JAX's canonical dtypes.</summary>
[Collection(nameof(X64Collection))]
public class ScipyStftAndRanksX64Tests
{
    [Fact]
    public void StftIsComplex128AndRoundTripsInFloat64()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var x = Jnp.Sin(Jnp.Arange(0.0, 40.0, 1.0) * 0.3);
            var (f, t, zxx) = Signal.Stft(x, nperseg: 10);
            Assert.Equal(DType.Float64, f.DType);
            Assert.Equal(DType.Float64, t.DType);
            Assert.Equal(DType.Complex128, zxx.DType);
            var (times, back) = Signal.Istft(zxx);
            Assert.Equal(DType.Float64, times.DType);
            Assert.Equal(DType.Float64, back.DType);
            var error = Jnp.Max(Jnp.Abs(back[..40] - x)).Item<double>();
            Assert.True(error < 1e-13, $"round-trip error {error}");
        });
    }

    [Fact]
    public void RanksCountsAndMultinomialUseTheX64Dtypes()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var a = Jnp.Array(new[] { 3, 1, 3 });
            Assert.Equal(DType.Float64, Stats.Rankdata(a).DType);
            Assert.Equal(DType.Int64, Stats.Rankdata(a, "ordinal").DType);
            Assert.Equal(DType.Int64, Stats.Mode(a).Count.DType);
            Assert.Equal(2.5, Stats.Rankdata(a).ToArray<double>()[0]);
            var p = Jnp.FromHost<double>([0.25, 0.75], [2], DType.Float64);
            var logpmf = Stats.Multinomial.Logpmf(Jnp.Array(new[] { 1, 1 }), Jnp.Array(2), p);
            Assert.Equal(DType.Float64, logpmf.DType);
            Assert.Equal(Math.Log(2 * 0.25 * 0.75), logpmf.Item<double>(), 14);
        });
    }
}
