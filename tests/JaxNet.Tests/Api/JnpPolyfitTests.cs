using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>polyfit against numpy.polyfit (numpy 1.24), with full=True and cov=True as PolyfitFull and PolyfitCov.</summary>
public class JnpPolyfitTests
{
    private static readonly double[] Xs = [0, 0.5, 1, 1.5, 2, 2.5, 3];
    private static readonly double[] Ys = [1, 1.8, 3.1, 4.4, 7.2, 9.9, 13.5];

    // A second column: 2x - 1 plus noise.
    private static readonly double[] Ys2 = [-0.9, -0.1, 1, 2.2, 2.8, 4.05, 5];

    private static NDArray Columns() => Jnp.Stack([D(Ys), D(Ys2)], 1);

    [Fact]
    public void FitsLikeNumPy()
    {
        Values([1.14285714286, 0.7, 1.07857142857], Jnp.Polyfit(D(Xs), D(Ys), 2), DType.Float64, [3], 1e-10);
        Values([1.14285714286, 0.7, 1.07857142857], Jnp.Polyfit(Jnp.Array(Xs.Select(v => (float)v).ToArray()), Jnp.Array(Ys.Select(v => (float)v).ToArray()), 2),
            DType.Float32, [3], 1e-4);
        Values([5.84285714286], Jnp.Polyfit(D(Xs), D(Ys), 0), DType.Float64, [1], 1e-10);
        Values([4.12857142857, 1.98571428571, -0.35, -0.971428571429], Jnp.Polyfit(D(Xs), Columns(), 1), DType.Float64, [2, 2], 1e-10);
        Values([4.09230769231, -0.203767660911], Jnp.Polyfit(D(Xs), D(Ys), 1, w: D(1, 2, 1, 0.5, 1, 2, 1)), DType.Float64, [2], 1e-10);
        var cubic = D(Xs.Select(v => 2 * v * v * v - v + 0.5).ToArray());
        Values([2, 0, -1, 0.5], Jnp.Polyfit(D(Xs), cubic, 3), DType.Float64, [4], 1e-10);
    }

    [Fact]
    public void FullReturnsResidualsRankAndSingularValues()
    {
        var (c, residuals, rank, s, rcond) = Jnp.PolyfitFull(D(Xs), D(Ys), 2);
        Values([1.14285714286, 0.7, 1.07857142857], c, DType.Float64, [3], 1e-10);
        Values([0.164285714286], residuals, DType.Float64, [1], 1e-10);
        Assert.Equal(3, rank.Item<int>());
        Values([1.63881847047, 0.547888833269, 0.118709086498], s, DType.Float64, [3], 1e-10);
        Assert.Equal(1.5543122344752192e-15, rcond);
        Assert.Equal(7 * Math.ScaleB(1, -23), Jnp.PolyfitFull(F(0, 1, 2, 3, 4, 5, 6), F(0, 1, 2, 3, 4, 5, 6), 1).Rcond, 12);
        // A degree above the points' count leaves the matrix rank-deficient, as in NumPy.
        Assert.Equal(2, Jnp.PolyfitFull(D(0, 1), D(1, 3), 3).Rank.Item<int>());
    }

    [Fact]
    public void CovarianceScaledAndUnscaled()
    {
        var (_, cov) = Jnp.PolyfitCov(D(Xs), D(Ys), 2);
        Values([0.0078231292517, -0.0234693877551, 0.00977891156463, -0.0234693877551, 0.0762755102041, -0.038137755102, 0.00977891156463, -0.038137755102,
            0.0312925170068], cov, DType.Float64, [3, 3], 1e-9);
        var (_, unscaled) = Jnp.PolyfitCov(D(Xs), D(Ys), 2, unscaled: true);
        Values([0.190476190476, -0.571428571429, 0.238095238095, -0.571428571429, 1.85714285714, -0.928571428571, 0.238095238095, -0.928571428571,
            0.761904761905], unscaled, DType.Float64, [3, 3], 1e-9);
        var (_, perColumn) = Jnp.PolyfitCov(D(Xs), Columns(), 1);
        Values([0.200612244898, 0.00287755102041, -0.300918367347, -0.00431632653061, -0.300918367347, -0.00431632653061, 0.651989795918, 0.00935204081633],
            perColumn, DType.Float64, [2, 2, 2], 1e-9);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => Jnp.Polyfit(D(Xs), D(Ys), -1));
        Assert.Throws<ShapeException>(() => Jnp.Polyfit(Jnp.Zeros([0]), Jnp.Zeros([0]), 1));
        Assert.Throws<ShapeException>(() => Jnp.Polyfit(Jnp.Zeros([2, 2]), Jnp.Zeros([2]), 1));
        Assert.Throws<ShapeException>(() => Jnp.Polyfit(D(Xs), D(1, 2), 1));
        Assert.Throws<ShapeException>(() => Jnp.Polyfit(D(Xs), Jnp.Zeros([7, 1, 1]), 1));
        Assert.Throws<ShapeException>(() => Jnp.Polyfit(D(Xs), D(Ys), 1, w: D(1, 2)));
        Assert.Throws<ArgumentException>(() => Jnp.PolyfitCov(D(0, 1, 2), D(1, 2, 0), 2));
        // A NaN observation spoils the fit rather than being skipped.
        Assert.All(Jnp.Polyfit(D(0, 1, 2, 3), D(1, double.NaN, 0, 2), 1).ToArray<double>(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void DifferentiatesJitsAndVmaps()
    {
        GradCheck.Check((x, y) => Jnp.Polyfit(x, y, 2), D(Xs), D(Ys), order: 1);
        GradCheck.Check(w => Jnp.Polyfit(D(Xs), D(Ys), 1, w: w), D(1, 2, 1, 0.5, 1, 2, 1), order: 1);
        // Integers fit as the default float.
        Values([2, 1], Jax.Jit((NDArray x, NDArray y) => Jnp.Polyfit(x, y, 1))(I(0, 1, 2, 3), I(1, 3, 5, 7)), tol: 1e-4);
        JitAndVmapAgree(y => Jnp.Polyfit(Jnp.Array(new float[] { 0, 0.5f, 1, 1.5f, 2 }), y, 2),
            Jnp.Array(new float[,] { { 1, 2, 0, 1, 3 }, { 0, 0.5f, 2, 4, 8 }, { -1, 1, -1, 1, -1 } }));
    }
}
