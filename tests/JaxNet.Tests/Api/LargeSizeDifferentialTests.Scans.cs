using static JaxNet.Tests.Api.LargeSizeReference;
using static JaxNet.Tests.Api.RandomDistributionX64Tests;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>Cumulative sums, products and maxima, sorts and argsorts along every axis of large arrays.</summary>
public partial class LargeSizeDifferentialTests
{
    /// <summary>Fewer shapes than the reductions': a scan or a sort touches every element once per axis.</summary>
    private static readonly int[][] ScanShapes = [[1031, 263], [3, 87383], [87383, 3], [7, 20011, 3], [6, 17, 35, 41], [129, 3, 2, 257]];

    /// <summary>The running sum's scale at each point: the running sum of |x|.</summary>
    private static double[] RunningAbs(HostArray host, int axis) =>
        Cumulative(host with { Values = host.Values.Select(Math.Abs).ToArray() }, axis, (a, b) => a + b).Values;

    [Fact]
    public void CumulativeSumsAndMaximaAlongEveryAxis() =>
        EveryAxis(ScanShapes, shape => HostArray.Wave(shape, phase: 5).RoundedTo(DType.Float32), DType.Float32, (name, host, x, a) =>
        {
            EagerAndJit("cumsum " + name, v => Jnp.Cumsum(v, a), x,
                (what, r) => Close(what, Cumulative(host, a, (p, q) => p + q), r, DType.Float32, 1e-6, RunningAbs(host, a)));
            // Nine distinct values: maxima and minima that stay put over long stretches.
            var ties = HostArray.Wave(host.Shape, phase: 5, steps: 4).RoundedTo(DType.Float32);
            EagerAndJit("cummax " + name, v => Lax.Cummax(v, a), ties.ToDevice(), (what, r) => Close(what, Cumulative(ties, a, Math.Max), r, DType.Float32, 0));
            EagerAndJit("cummin reversed " + name, v => Lax.Cummin(v, a, reverse: true), ties.ToDevice(),
                (what, r) => Close(what, Reversed(ties, a, Math.Min), r, DType.Float32, 0));
        });

    [Fact]
    public void Float64CumulativeProductsAlongEveryAxis() =>
        WithX64(() => EveryAxis(ScanShapes, shape => HostArray.Factors(shape, phase: 6), DType.Float64, (name, host, x, a) =>
            EagerAndJit("cumprod " + name, v => Jnp.Cumprod(v, a), x, (what, r) => Close(what, Cumulative(host, a, (p, q) => p * q), r, DType.Float64, 1e-11))));

    /// <summary>On seventeen distinct values (many ties, among them -0.0 and +0.0) and a NaN every 97 elements.</summary>
    [Fact]
    public void SortsAndStableArgsortsAlongEveryAxisPutNaNLast() =>
        EveryAxis(ScanShapes, shape => HostArray.Wave(shape, phase: 7, steps: 8, nanEvery: 97).RoundedTo(DType.Float32), DType.Float32, (name, host, x, a) =>
        {
            var (sorted, order) = Sort(host, a);
            EagerAndJit("sort " + name, v => Jnp.Sort(v, a), x, (what, r) => Close(what, sorted, r, DType.Float32, 0));
            EagerAndJit("argsort " + name, v => Jnp.Argsort(v, a), x, (what, r) => Exact(what, order, host.Shape, r));
        });
}
