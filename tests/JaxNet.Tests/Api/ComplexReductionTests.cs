using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;

namespace JaxNet.Tests.Api;

/// <summary>Reductions and statistics of complex64 arrays: sums and means, products (reduce_prod and cumprod, expanded
/// into trees and doubling scans of complex multiplies), JAX's real variance, the NaN-skipping family, their gradients
/// and Jit/Vmap. Expected values from NumPy 1.24 (/usr/bin/python3) unless a host loop is named.</summary>
public class ComplexReductionTests
{
    private static readonly Complex[] V = [new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0), new(0.5, -1.5)];

    private static readonly Complex[,] Rows = { { new(1, 1), new(2, -1), new(0, 3) }, { new(-1, 0), new(4, 4), new(1, -2) } };

    [Fact]
    public void SumsMeansAndAveragesKeepTheComplexType()
    {
        Near([new(0.2, 0)], Jnp.Mean(C(V)).Reshape(1));
        Near([new(0, 1), new(6, 3), new(1, 1)], Jnp.Sum(M(Rows), 0));
        // np.average(v, weights=[1, 2, 3, 4, 5])
        Near([new(0.5, -0.5)], Jnp.Average(C(V), weights: Jnp.Array(new[] { 1f, 2f, 3f, 4f, 5f })).Reshape(1));
    }

    [Fact]
    public void ProductsMultiplyAsComplexNumbers()
    {
        // Five elements: the pairwise tree pads an odd level with 1 + 0i.
        Near([new(8.125, 25.625)], Jnp.Prod(C(V)).Reshape(1));
        Near([new(-1, -1), new(12, 4), new(6, 3)], Jnp.Prod(M(Rows), 0));
        Near([new(-3, 9), new(-12, 4)], Jnp.Prod(M(Rows), 1, keepdims: true), shape: [2, 1]);
        Near([Complex.One], Jnp.Prod(Jnp.Zeros([0], DType.Complex64)).Reshape(1));
        Near([Complex.One, Complex.One], Jnp.Prod(Jnp.Zeros([2, 0], DType.Complex64), 1));
        Near([Complex.Zero], Jnp.Prod(C(new(1, 2), Complex.Zero, new(3, -1))).Reshape(1));
    }

    [Fact]
    public void RunningProductsGoBothWays()
    {
        Near([new(1, 2), new(-4, -5.5), new(-5.5, 4), new(-13.75, 10), new(8.125, 25.625)], Jnp.Cumprod(C(V)));
        Near([new(1, 1), new(3, 1), new(-3, 9), new(-1, 0), new(-4, -4), new(-12, 4)], Jnp.Cumprod(M(Rows), 1), shape: [2, 3]);
        Near([new(-3, 9), new(3, 6), new(0, 3), new(-12, 4), new(12, -4), new(1, -2)], Jax.Lax.Cumprod(M(Rows), 1, reverse: true));
        Near([new(1, 1), new(3, 1), new(-3, 9), new(3, -9), new(48, -24), new(0, -120)], Jnp.Cumprod(M(Rows)));
    }

    [Fact]
    public void LongProductsMatchAHostLoop()
    {
        // 1000 factors near the unit circle: every level of the tree and every doubling step of the scan, against a
        // float64 loop over the same complex64 values.
        var u = Enumerable.Range(0, 1000).Select(k => 3.0 * k / 999).Select(t => Complex.FromPolarCoordinates(1 + 1e-4 * Math.Cos(7 * t), t)).ToArray();
        var x = C(u);
        var stored = x.ToArray<Complex>();
        var running = new Complex[stored.Length];
        var product = Complex.One;
        for (var i = 0; i < stored.Length; i++) running[i] = product *= stored[i];
        Near([product], Jnp.Prod(x).Reshape(1), tol: 1e-4);
        Near(running, Jnp.Cumprod(x), tol: 1e-4);
        Near(running.Reverse().ToArray(), Jax.Lax.Cumprod(Jnp.Flip(x), 0, reverse: true), tol: 1e-4);
    }

    [Fact]
    public void VarianceIsTheRealMeanOfSquaredModuli()
    {
        Expect.Values([4.76], Jnp.Var(C(V)), shape: []);
        Expect.Values([2.181742422927143], Jnp.Std(C(V)));
        Expect.Values([5.0, 15.666666666666668], Jnp.Var(M(Rows), 1, ddof: 1));
        Expect.Values([1.118033988749895, 2.692582403567252, 2.5495097567963922], Jnp.Std(M(Rows), 0));
        Expect.Values([5.0, 15.666666666666668], Jnp.Var(M(Rows), 1, keepdims: true, ddof: 1), shape: [2, 1]);
    }

    [Fact]
    public void NanReductionsSkipValuesWithANanPart()
    {
        var x = C(new(1, 2), new(double.NaN, 1), new(0, -1), new(2.5, 0), new(0.5, double.NaN));
        Near([new(3.5, 1)], Jnp.Nansum(x).Reshape(1));
        Near([new(1.1666666666666665, 0.3333333333333333)], Jnp.Nanmean(x).Reshape(1));
        Near([new(5, -2.5)], Jnp.Nanprod(x).Reshape(1));
        Near([new(1, 2), new(1, 2), new(2, -1), new(5, -2.5), new(5, -2.5)], Jnp.Nancumprod(x));
        Near([new(1, 2), new(1, 2), new(1, 1), new(3.5, 1), new(3.5, 1)], Jnp.Nancumsum(x));
        Expect.Values([2.611111111111111], Jnp.Nanvar(x));
        Expect.Values([1.6158932858054431], Jnp.Nanstd(x));
        // Without the nan prefix a NaN in either part spreads.
        Assert.True(Jnp.IsNan(Jnp.Sum(x)).Item<bool>());
        Assert.True(double.IsNaN(Jnp.Var(x).Item<double>()));
    }

    [Fact]
    public void GradientsFollowJaxsConvention()
    {
        // var = mean |z - m|^2: d/dx - i d/dy = 2 conj(z - m) / n.
        var z = C(V);
        var mean = V.Aggregate(Complex.Zero, (a, b) => a + b) / V.Length;
        Near(V.Select(v => 2 * Complex.Conjugate(v - mean) / V.Length).ToArray(), Jax.Grad((NDArray a) => Jnp.Var(a))(z));
        GradMatchesFiniteDifferences(a => Jnp.Abs(Jnp.Prod(a)), z * 0.5f, 1e-2, 2e-3);
        var w = C(new(0.5, 1), new(-1, 0.25), new(2, 0), new(0, 1), new(1, -1));
        GradMatchesFiniteDifferences(a => Jnp.Real(Jnp.Sum(Jnp.Cumprod(a) * w)), z * 0.5f, 1e-2, 2e-3);
        GradMatchesFiniteDifferences(a => Jnp.Std(a, 0)[1], M(Rows), 1e-2, 2e-3);
    }

    [Fact]
    public void JitAndVmapRunTheSameExpansions()
    {
        var batch = M(Rows);
        JitAndVmapAgree(r => Jnp.Prod(r), batch);
        JitAndVmapAgree(r => Jnp.Cumprod(r), batch);
        JitAndVmapAgree(r => Jnp.Var(r), batch);
        JitAndVmapAgree(r => Jnp.Nanprod(r), batch);
    }

    [Fact]
    public void OrderingPrimitivesRefuseComplexValues()
    {
        // Jnp.Max and Min order complex values (ComplexSortTests); the lax reductions and argmax/argmin are not
        // expanded: a clear refusal, not a wrong value.
        var e = Assert.Throws<NotSupportedException>(() => Jax.Lax.ReduceMax(C(V), [0]).ToArray<Complex>());
        Assert.Contains("reduce_max", e.Message);
        Assert.Throws<NotSupportedException>(() => Jnp.Argmin(C(V)).ToArray<int>());
        Assert.Throws<NotSupportedException>(() => Jnp.Argmax(C(V)).ToArray<int>());
    }
}
