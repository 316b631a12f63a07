using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>searchsorted, digitize, bincount, histogram and interp against NumPy (numpy 1.24).</summary>
public class JnpSearchTests
{
    private const float NaN = float.NaN;

    [Fact]
    public void SearchsortedBothSides()
    {
        var a = F(1, 2, 2, 3, 5);
        var v = Matrix(new[,] { { 0f, 2, 2.5f }, { 5, 6, NaN } });
        Ints([0, 1, 3, 4, 5, 5], Jnp.Searchsorted(a, v), [2, 3]);
        Ints([0, 3, 3, 5, 5, 5], Jnp.Searchsorted(a, v, SearchSide.Right), [2, 3]);
        Ints([0, 2, 2, 4], Jnp.Searchsorted(I(1, 3, 5, 7), I(0, 3, 4, 8), SearchSide.Right));
        // Integers against floats promote; a scalar query gives a scalar.
        Ints([2], Jnp.Searchsorted(I(1, 3, 5, 7), Jnp.Array(4.5f)), []);
        Ints([2, 0], Jnp.Searchsorted(F(3, 1, 2), F(2.5f, 0), sorter: I(1, 2, 0)));
        Ints([0, 0], Jnp.Searchsorted(Jnp.Zeros([0]), F(1, 2)));
        // Every length up to a few powers of two finds every insertion point.
        for (var n = 1; n <= 9; n++)
        {
            var sorted = Jnp.Arange(n) * 2;
            Ints(Enumerable.Range(-1, 2 * n + 2).Select(q => Math.Clamp((q + 1) / 2, 0, n)).ToArray(),
                Jnp.Searchsorted(sorted, Jnp.Arange(-1, 2 * n + 1)));
        }
        Assert.Throws<ShapeException>(() => Jnp.Searchsorted(Jnp.Ones([2, 2]), F(1)));
    }

    [Fact]
    public void DigitizeIncreasingAndDecreasingBins()
    {
        var bins = F(0, 1, 2.5f, 4);
        var xs = F(-1, 0, 1, 2, 2.5f, 4, 5);
        Ints([0, 1, 2, 2, 3, 4, 4], Jnp.Digitize(xs, bins));
        Ints([0, 0, 1, 2, 2, 3, 4], Jnp.Digitize(xs, bins, right: true));
        Ints([4, 3, 2, 2, 1, 0, 0], Jnp.Digitize(xs, Jnp.Flip(bins)));
        Ints([4, 4, 3, 2, 2, 1, 0], Jnp.Digitize(xs, Jnp.Flip(bins), right: true));
        Ints([0, 0], Jnp.Digitize(F(1, 2), Jnp.Zeros([0])));
        Assert.Throws<ShapeException>(() => Jnp.Digitize(xs, Jnp.Ones([2, 2])));
    }

    [Fact]
    public void Bincount()
    {
        Ints([1, 3, 1, 1, 0, 0, 0, 1], Jnp.Bincount(I(0, 1, 1, 3, 2, 1, 7)));
        Ints([1, 2, 0, 1, 0, 0], Jnp.Bincount(I(0, 1, 1, 3), minlength: 6));
        Values([0.5, 3, 0, 0.25], Jnp.Bincount(I(0, 1, 1, 3), F(0.5f, 1, 2, 0.25f)));
        // A static length cuts (values beyond are dropped) and works under Jit; negatives count in bin 0 (JAX).
        Ints([2, 2], Jnp.Bincount(I(0, 1, 1, 3, -2), length: 2));
        Ints([1, 2, 0], Jax.Jit((NDArray x) => Jnp.Bincount(x, length: 3))(I(0, 1, 1, 5)));
        Ints([], Jnp.Bincount(Jnp.Zeros([0], DType.Int32)), [0]);
        Ints([0, 2], Jnp.Bincount(Jnp.Array(new[] { true, true })));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x) => Jnp.Bincount(x))(I(0, 1)));
        Assert.Throws<ArgumentException>(() => Jnp.Bincount(F(0, 1)));
        Assert.Throws<ShapeException>(() => Jnp.Bincount(Jnp.Zeros([2, 2], DType.Int32)));
        Assert.Throws<ShapeException>(() => Jnp.Bincount(I(0, 1), F(1)));
        // Differentiable in the weights.
        Values([1, 1, 1, 0], Jax.Grad(w => Jnp.Sum(Jnp.Bincount(I(0, 1, 1, 3), w, length: 3)))(F(0.5f, 1, 2, 0.25f)));
    }

    [Fact]
    public void Histogram()
    {
        var h = F(1, 2, 1, 4, 2.5f, 3, 3, 0.5f, 4);
        var (counts, edges) = Jnp.Histogram(h, 4);
        Values([3, 1, 3, 2], counts);
        Values([0.5, 1.375, 2.25, 3.125, 4], edges);
        (counts, edges) = Jnp.Histogram(h, 3, (1, 3));
        Values([2, 1, 3], counts);
        Values([1, 1.6666666, 2.3333333, 3], edges);
        (counts, _) = Jnp.Histogram(h, F(0, 1, 2, 5), density: true);
        Values([0.11111111, 0.22222222, 0.22222222], counts);
        (counts, edges) = Jnp.Histogram(h, 2, weights: Jnp.Arange(9).Astype(DType.Float32));
        Values([10, 26], counts);
        Values([0.5, 2.25, 4], edges);
        (counts, edges) = Jnp.Histogram(F(2, 2), 2);
        Values([0, 2], counts);
        Values([1.5, 2, 2.5], edges);
        // NaNs are not counted.
        (counts, _) = Jnp.Histogram(F(1, NaN, 2), 1, (0, 4));
        Values([2], counts);
        Values([3, 1, 3, 2], Jax.Jit((NDArray x) => Jnp.Histogram(x, 4).Counts)(h));
        Assert.Throws<ArgumentException>(() => Jnp.Histogram(h, 0));
        Assert.Throws<ArgumentException>(() => Jnp.Histogram(h, 2, (3, 1)));
        Assert.Throws<ShapeException>(() => Jnp.Histogram(h, F(1)));
        Assert.Throws<ShapeException>(() => Jnp.Histogram(h, 2, weights: F(1, 2)));
    }

    [Fact]
    public void Interp()
    {
        var (xp, fp) = (F(1, 2, 4), F(3, 2, 0));
        var xq = F(0, 1, 1.5f, 2, 3, 4, 5);
        Values([3, 3, 2.5, 2, 1, 0, 0], Jnp.Interp(xq, xp, fp));
        Values([-1, 3, 2.5, 2, 1, 0, 9], Jnp.Interp(xq, xp, fp, -1, 9));
        Values([7.5, 5, 8.75, 6.25, 3, 3.25, 3.5, 3.75],
            Jnp.Interp(F(-180, -170, -185, 185, -10, -5, 0, 365), F(190, -190, 350, -350), F(5, 10, 3, 4), period: 360));
        Values([5, 5, 5], Jnp.Interp(F(0, 1, 2), F(1), F(5)));
        // Integer points promote; coincident xp give the left value and a finite gradient.
        Values([2.5], Jnp.Interp(Jnp.Array(1.5f), I(1, 2), I(2, 3)), shape: []);
        Values([7], Jnp.Interp(Jnp.Array(1f), F(1, 1, 2), F(2, 7, 3)), shape: []);
        // Between coincident points JAX takes the left one's value (NumPy the right's: 7), with a zero gradient in x.
        Values([2], Jnp.Interp(Jnp.Array(1f), F(1, 1), F(2, 7)), shape: []);
        Values([0], Jax.Grad(x => Jnp.Interp(x, F(1, 1), F(2, 7)))(Jnp.Array(1f)), shape: []);
        Assert.Throws<ShapeException>(() => Jnp.Interp(xq, F(1, 2), F(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Jnp.Interp(xq, Jnp.Zeros([0]), Jnp.Zeros([0])));
        Assert.Throws<ShapeException>(() => Jnp.Interp(xq, xp, fp, period: F(1, 2)));
        var dxp = Jnp.FromHost<double>([1, 2, 4], [3], DType.Float64);
        var dfp = Jnp.FromHost<double>([3, 2, 0.5], [3], DType.Float64);
        GradCheck.Check((x, f) => Jnp.Interp(x, dxp, f), Jnp.FromHost<double>([1.3, 2.7, 3.1], [3], DType.Float64), dfp);
        JitAndVmapAgree(x => Jnp.Interp(x, xp, fp), xq.Reshape(7, 1));
    }
}
