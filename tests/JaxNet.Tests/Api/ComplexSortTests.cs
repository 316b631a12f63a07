using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;

namespace JaxNet.Tests.Api;

/// <summary>Ordering complex64 arrays lexicographically by (real, imaginary), as JAX's comparator and NumPy do: sort,
/// argsort, unique, comparisons, maximum/minimum and max/min/ptp, their gradients and Jit/Vmap; quantiles refuse
/// complex data as JAX does. Expected values from NumPy 1.24.</summary>
public class ComplexSortTests
{
    private static readonly Complex[] S = [new(2, 1), new(1, 3), new(2, -1), new(1, 3), new(-1, 0), new(1, -2), new(2, 0)];

    private static readonly Complex[,] Grid = { { new(3, 1), new(3, -1), new(0, 5) }, { new(1, 0), new(-2, 2), new(1, -1) } };

    [Fact]
    public void SortsByRealPartThenImaginaryPart()
    {
        Near([new(-1, 0), new(1, -2), new(1, 3), new(1, 3), new(2, -1), new(2, 0), new(2, 1)], Jnp.Sort(C(S)));
        Assert.Equal(new[] { 4, 5, 1, 3, 2, 6, 0 }, Jnp.Argsort(C(S)).ToArray<int>());
        Assert.Equal(new[] { 0, 6, 2, 1, 3, 5, 4 }, Jnp.Argsort(C(S), descending: true).ToArray<int>());
        Near([new(1, 0), new(-2, 2), new(0, 5), new(3, 1), new(3, -1), new(1, -1)], Jnp.Sort(M(Grid), 0), shape: [2, 3]);
        Near([new(0, 5), new(3, -1), new(3, 1), new(-2, 2), new(1, -1), new(1, 0)], Jnp.Sort(M(Grid), 1));
        Assert.Equal(new[] { 2, 1, 0, 1, 2, 0 }, Jnp.Argsort(M(Grid), 1).ToArray<int>());
    }

    [Fact]
    public void SignedZerosTieAndNaNsGoLast()
    {
        // -0.0 equals +0.0 in either part (a stable sort keeps such ties in order); a NaN part sorts after numbers.
        var x = C(new(1, 0), new(-0.0, 2), new(double.NaN, 0), new(1, -0.0), new(0, 2), new(1, double.NaN));
        Assert.Equal(new[] { 1, 4, 0, 3, 5, 2 }, Jnp.Argsort(x).ToArray<int>());
        var sorted = Jnp.Sort(x).ToArray<Complex>();
        Assert.True(double.IsNegative(sorted[0].Real), "each value comes back with its own zeros");
        Assert.True(double.IsNegative(sorted[3].Imaginary));
    }

    [Fact]
    public void UniqueCollapsesEqualValues()
    {
        Near([new(-1, 0), new(1, -2), new(1, 3), new(2, -1), new(2, 0), new(2, 1)], Jnp.Unique(C(S)));
        var (values, counts) = Jnp.UniqueCounts(C(S));
        Assert.Equal(6, values.Shape[0]);
        Assert.Equal(new[] { 1, 1, 2, 1, 1, 1 }, counts.ToArray<int>());
        Assert.Equal(new[] { 5, 2, 3, 2, 0, 1, 4 }, Jnp.UniqueInverse(C(S)).InverseIndices.ToArray<int>());
        // Under Jit the size is static: padded with the fill value.
        Near([new(-1, 0), new(1, -2), new(1, 3), new(2, -1), new(2, 0), new(2, 1), new(9, 9)],
            Jax.Jit((NDArray a) => Jnp.Unique(a, size: 7, fillValue: Jnp.Scalar(new Complex(9, 9))))(C(S)));
        // Values with a NaN part sort last in their real part's group; equal_nan merges adjacent ones.
        Near([new(2, 0), new(double.NaN, 1)], Jnp.Unique(C(new(double.NaN, 3), new(2, 0), new(double.NaN, 1))));
    }

    [Fact]
    public void ComparisonsAndExtremaUseTheSameOrder()
    {
        var x = C(new(1, 2), new(1, -1), new(-2, 5), new(3, 0), new(0.5, 0.5));
        var y = C(new(1, 3), new(1, -1), new(-3, 9), new(3, -1), new(0.5, 0.5));
        Assert.Equal(new[] { true, false, false, false, false }, (x < y).ToArray<bool>());
        Assert.Equal(new[] { true, true, false, false, true }, (x <= y).ToArray<bool>());
        Assert.Equal(new[] { false, false, true, true, false }, Jnp.Greater(x, y).ToArray<bool>());
        Assert.Equal(new[] { false, true, true, true, true }, Jnp.GreaterEqual(x, y).ToArray<bool>());
        Near([new(1, 3), new(1, -1), new(-2, 5), new(3, 0), new(0.5, 0.5)], Jnp.Maximum(x, y));
        Near([new(1, 2), new(1, -1), new(-3, 9), new(3, -1), new(0.5, 0.5)], Jnp.Minimum(x, y));
        // A real operand promotes; 0 is 0 + 0i.
        Near([new(1, 2), new(1, -1), Complex.Zero, new(3, 0), new(0.5, 0.5)], Jnp.Maximum(x, Jnp.Array(0f)));
        var grid = M(Grid);
        Near([new(3, 1)], Jnp.Max(grid).Reshape(1));
        Near([new(3, 1), new(3, -1), new(1, -1)], Jnp.Max(grid, 0));
        Near([new(0, 5), new(-2, 2)], Jnp.Min(grid, 1, keepdims: true), shape: [2, 1]);
        Near([new(3, -4), new(3, -2)], Jnp.Ptp(grid, 1));
        // nanmax skips values with a NaN part; the maximum agrees with the last element of the sort.
        Near([new(3, 1)], Jnp.Nanmax(Jnp.Concatenate([Jnp.Ravel(grid), C(new Complex(double.NaN, 7))])).Reshape(1));
        Near([Jnp.Sort(C(S))[^1].ToArray<Complex>()[0]], Jnp.Max(C(S)).Reshape(1));
    }

    [Fact]
    public void SearchesAndSetRoutinesUseTheOrder()
    {
        var a = C(new(-1, 0), new(1, -2), new(1, 3), new(2, 0));
        var v = C(new(1, 0), new(1, 3), new(3, -5), new(-2, 0));
        Assert.Equal(new[] { 2, 2, 4, 0 }, Jnp.Searchsorted(a, v).ToArray<int>());
        Assert.Equal(new[] { 2, 3, 4, 0 }, Jnp.Searchsorted(a, v, SearchSide.Right).ToArray<int>());
        Assert.Equal(new[] { false, true, false, false }, Jnp.Isin(v, a).ToArray<bool>());
        Near([new(1, 3)], Jnp.Intersect1d(a, v));
        Near([new(-2, 0), new(-1, 0), new(1, -2), new(1, 0), new(1, 3), new(2, 0), new(3, -5)], Jnp.Union1d(a, v));
        Assert.Equal(new[] { 3, 0, 1, 2 }, Jnp.Lexsort([a, v]).ToArray<int>());
        Near([new(-2, 0), new(1, 0), new(3, -5), new(1, 3)], Jnp.Partition(v, 1));
    }

    [Fact]
    public void GradientsFollowTheSortedOrder()
    {
        var w = C(new(1, 2), new(0, -1), new(3, 0.5), new(-1, 1), new(2, 0), new(0.5, 0.5), new(1, 0));
        // Distinct real parts: a step in one part never reorders the values.
        var distinct = C(new(2, 1), new(1, 3), new(2.5, -1), new(1.5, 3), new(-1, 0), new(0.5, -2), new(2.25, 0));
        GradMatchesFiniteDifferences(a => Jnp.Real(Jnp.Sum(Jnp.Sort(a) * w)), distinct, 1e-3, 2e-3);
        GradMatchesFiniteDifferences(a => Jnp.Sum(Jnp.Abs(Jnp.Sort(a)[..3])), distinct, 1e-3, 2e-3);
        GradMatchesFiniteDifferences(a => Jnp.Abs(Jnp.Max(a)) + Jnp.Real(Jnp.Min(a) * w[0]), distinct, 1e-3, 2e-3);
        GradMatchesFiniteDifferences(a => Jnp.Sum(Jnp.Abs(Jnp.Maximum(a, Jnp.Flip(a)))), distinct, 1e-3, 2e-3);
    }

    [Fact]
    public void JitAndVmapSortEachRow()
    {
        JitAndVmapAgree(r => Jnp.Sort(r), M(Grid));
        JitAndVmapAgree(r => Jnp.Argsort(r).Astype(DType.Float32), M(Grid));
        JitAndVmapAgree(r => Jnp.Max(r), M(Grid));
        JitAndVmapAgree(r => Jnp.Minimum(r, r[0]), M(Grid));
    }

    [Fact]
    public void QuantilesRefuseComplexData()
    {
        var e = Assert.Throws<ArgumentException>(() => Jnp.Median(C(S)));
        Assert.Contains("median", e.Message);
        Assert.Throws<ArgumentException>(() => Jnp.Quantile(C(S), 0.25));
        Assert.Throws<ArgumentException>(() => Jnp.Nanpercentile(C(S), 50));
        Assert.Throws<ArgumentException>(() => Jnp.Quantile(Jnp.Array(new[] { 1f, 2f }), Jnp.Scalar(new Complex(0.5, 0))));
    }
}
