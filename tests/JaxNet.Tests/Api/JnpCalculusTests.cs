using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>cross, gradient, trapezoid, cov and corrcoef against NumPy (numpy 1.24), differentiated, under Jit and
/// Vmap.</summary>
public class JnpCalculusTests
{
    private static NDArray Rows() => Jnp.Array(new[,] { { 0f, 1, 2 }, { 2, 1, 0.5f }, { 1, 3, 2 } });

    private static NDArray Rows64() => Rows().Astype(DType.Float64);

    [Fact]
    public void CrossOfTwoAndThreeVectors()
    {
        Ints([-3, 6, -3], Jnp.Cross(I(1, 2, 3), I(4, 5, 6)));
        Ints([-2], Jnp.Cross(I(1, 2), I(3, 4)), []);
        Ints([12, -6, -3], Jnp.Cross(I(1, 2), I(4, 5, 6)));
        var a = Jnp.Arange(6).Reshape(2, 3).Astype(DType.Float32);
        var b = Matrix(new[,] { { 1f, 0, 2 }, { 0.5f, -1, 3 } });
        Values([2, 2, -1, 17, -6.5, -5], Jnp.Cross(a, b), shape: [2, 3]);
        Values([2, 17, 2, -6.5, -1, -5], Jnp.Cross(a, b, axisc: 0), shape: [3, 2]);
        var (at, bt) = (a.Reshape(3, 2), Matrix(new[,] { { 1f, 0 }, { 0.5f, -1 }, { 2, 3 } }));
        Values([2, 4, -2, 14, -3, -1], Jnp.Cross(at, bt, axisa: 0, axisb: 0), shape: [2, 3]);
        Values([2, 14, 4, -3, -2, -1], Jnp.Cross(at, bt, axis: 0), shape: [3, 2]);
        // One vector against many broadcasts.
        Values([2, 2, -1, 5, 1, -0.5], Jnp.Cross(F(0, 1, 2), b), shape: [2, 3]);
        Assert.Throws<ShapeException>(() => Jnp.Cross(F(1, 2, 3, 4), F(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Jnp.Cross(Jnp.Array(1f), F(1, 2, 3)));
        GradCheck.Check((u, v) => Jnp.Cross(u, v), D(0.5, -1, 2, 1, 0, 3).Reshape(2, 3), D(0.3, -0.7, 1.1));
        JitAndVmapAgree(u => Jnp.Cross(u, F(1, 0, 2)), a);
    }

    [Fact]
    public void GradientByCentralDifferences()
    {
        var f = D(1, 2, 4, 7, 11, 16);
        Values([1, 1.5, 2.5, 3.5, 4.5, 5], Jnp.Gradient(f, 0), DType.Float64);
        Values([0.5, 0.75, 1.25, 1.75, 2.25, 2.5], Jnp.Gradient(f, 0, 2.0), DType.Float64);
        // Uneven coordinates.
        Values([1, 3, 3.5, 6.7, 6.9, 2.5], Jnp.Gradient(f, 0, D(0, 1, 1.5, 3.5, 4, 6)), DType.Float64, tol: 1e-12);
        var g = Jnp.Array(new[,] { { 1f, 2, 6 }, { 3, 4, 5 } });
        var both = Jnp.Gradient(g);
        Assert.Equal(2, both.Length);
        Values([2, 2, -1, 2, 2, -1], both[0], shape: [2, 3]);
        Values([1, 2.5, 4, 1, 1, 1], both[1], shape: [2, 3]);
        Values([1, 2.5, 4, 1, 1, 1], Jnp.Gradient(g, -1));
        var spaced = Jnp.Gradient(g, [2.0, F(1, 2, 4)]);
        Values([1, 1, -0.5, 1, 1, -0.5], spaced[0]);
        Values([1, 1.3333333, 2, 1, 0.8333333, 0.5], spaced[1]);
        // Integers differentiate as the default float; two samples give the one-sided difference twice.
        Values([3, 3], Jnp.Gradient(I(1, 4), 0));
        Assert.Empty(Jnp.Gradient(g, axes: []));
        Assert.Throws<ShapeException>(() => Jnp.Gradient(F(1), 0));
        Assert.Throws<ShapeException>(() => Jnp.Gradient(f, 0, D(1, 2)));
        Assert.Throws<ArgumentException>(() => Jnp.Gradient(g, [1.0, 2.0, 3.0]));
        GradCheck.Check((v, h) => Jnp.Gradient(v, 0, h), D(1, 2.5, 4, 3), D(0, 1, 1.5, 3.5));
        GradCheck.Check((v, h) => Jnp.Gradient(v, 0, h), D(1, 2.5, 4, 3), Jnp.Array(0.5, DType.Float64));
        JitAndVmapAgree(v => Jnp.Gradient(v, 0, F(0, 1, 3)), F(1, 2, 4, 0, 5, 5).Reshape(2, 3));
    }

    [Fact]
    public void TrapezoidalRule()
    {
        Values([4], Jnp.Trapezoid(I(1, 2, 3)), shape: []);
        Values([8], Jnp.Trapezoid(I(1, 2, 3), x: I(4, 6, 8)));
        Values([8], Jnp.Trapezoid(I(1, 2, 3), dx: 2));
        var a = Jnp.Arange(6).Reshape(2, 3);
        Values([1.5, 2.5, 3.5], Jnp.Trapezoid(a, axis: 0));
        Values([2, 8], Jnp.Trapezoid(a, axis: 1));
        Values([3.5, 11.5], Jnp.Trapezoid(a, x: Jnp.Array(new[,] { { 0, 1, 3 }, { 0, 2, 3 } }), axis: 1));
        Values([0], Jnp.Trapezoid(F(5)));
        Values([0, 0], Jnp.Trapezoid(Jnp.Zeros([2, 0])), shape: [2]);
        Assert.Throws<ShapeException>(() => Jnp.Trapezoid(F(1, 2, 3), x: F(1, 2)));
        Assert.Throws<ShapeException>(() => Jnp.Trapezoid(Jnp.Array(1f)));
        GradCheck.Check((y, x) => Jnp.Trapezoid(y, x), D(1, 2.5, 4, 3), D(0, 1, 1.5, 3.5));
        JitAndVmapAgree(y => Jnp.Trapezoid(y, F(0, 1, 3)), F(1, 2, 4, 0, 5, 5).Reshape(2, 3));
    }

    [Fact]
    public void CovarianceWithWeightsAndDegreesOfFreedom()
    {
        Values([1, -0.75, 0.5, -0.75, 0.5833333333, -0.5, 0.5, -0.5, 1], Jnp.Cov(Rows()), shape: [3, 3]);
        Values([1, 0, -0.75, 0, 1.3333333333, 0.5, -0.75, 0.5, 0.75], Jnp.Cov(Rows(), rowvar: false));
        var biased = new[] { 0.6666666667, -0.5, 0.3333333333, -0.5, 0.3888888889, -0.3333333333, 0.3333333333, -0.3333333333, 0.6666666667 };
        Values(biased, Jnp.Cov(Rows(), bias: true));
        Values(biased, Jnp.Cov(Rows(), ddof: 0));
        var (x, y) = (F(-2.1f, -1, 4.3f), F(3, 1.1f, 0.12f));
        Values([11.71, -4.286, -4.286, 2.1441333333], Jnp.Cov(x, y), shape: [2, 2]);
        Values([11.71], Jnp.Cov(x), shape: []);
        var (fw, aw) = (I(1, 2, 3), F(0.5f, 1, 2));
        Values([0.6666666667, -0.4666666667, 0.1333333333, -0.4666666667, 0.3416666667, -0.1833333333, 0.1333333333, -0.1833333333, 0.5666666667],
            Jnp.Cov(Rows(), fweights: fw));
        Values([0.9285714286, -0.6428571429, 0.1428571429, -0.6428571429, 0.4642857143, -0.2142857143, 0.1428571429, -0.2142857143, 0.7142857143],
            Jnp.Cov(Rows(), aweights: aw));
        Values([0.4310344828, -0.275862069, -0.0689655172, -0.275862069, 0.1853448276, -0.0086206897, -0.0689655172, -0.0086206897, 0.3275862069],
            Jnp.Cov(Rows(), fweights: fw, aweights: aw));
        Values([0.3460207612, -0.2214532872, -0.0553633218, -0.2214532872, 0.1487889273, -0.0069204152, -0.0553633218, -0.0069204152, 0.2629757785],
            Jnp.Cov(Rows(), fweights: fw, aweights: aw, ddof: 0));
        var observations = Jnp.Array(new[,] { { 1.0, 2 }, { 3, 4 }, { 5, 7 } }, DType.Float64);
        Values([4, 5, 1, -2, 5, 6.3333333333, 1.4166666667, -2.5, 1, 1.4166666667, 0.5833333333, -0.5, -2, -2.5, -0.5, 1],
            Jnp.Cov(observations, Jnp.Array(new[,] { { 1.0, 0.5, 2 }, { 2, 1, 0 } }, DType.Float64).T, rowvar: false), DType.Float64, [4, 4]);
        Values([double.NaN, double.NaN, double.NaN, double.NaN], Jnp.Cov(Jnp.Zeros([2, 0])), shape: [2, 2]);
        Assert.Throws<ArgumentException>(() => Jnp.Cov(Rows(), fweights: aw));
        Assert.Throws<ShapeException>(() => Jnp.Cov(Rows(), aweights: F(1, 2)));
        Assert.Throws<ShapeException>(() => Jnp.Cov(Jnp.Zeros([2, 2, 2])));
        GradCheck.Check(m => Jnp.Cov(m, aweights: D(0.5, 1, 2)), Rows64());
        JitAndVmapAgree(m => Jnp.Cov(m), Jnp.Stack([Rows(), Rows() * Rows()]));
    }

    [Fact]
    public void CorrelationCoefficients()
    {
        Values([1, -0.9819805061, 0.5, -0.9819805061, 1, -0.6546536707, 0.5, -0.6546536707, 1], Jnp.Corrcoef(Rows64()), DType.Float64, [3, 3], 1e-9);
        Values([1, -0.8553578095, -0.8553578095, 1], Jnp.Corrcoef(F(-2.1f, -1, 4.3f), F(3, 1.1f, 0.12f)));
        Values([1], Jnp.Corrcoef(F(-2.1f, -1, 4.3f)), shape: []);
        Values([double.NaN], Jnp.Corrcoef(F(2, 2, 2)), shape: []);
        GradCheck.Check(m => Jnp.Corrcoef(m)[0, 1..], Rows64());
        Values([-0.9819805061], Jax.Jit((NDArray m) => Jnp.Corrcoef(m)[0, 1])(Rows()));
    }
}
