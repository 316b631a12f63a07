using static JaxNet.Tests.Api.Expect;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.stats' rankdata, mode and multinomial. SciPy is not installed here; rankdata's references come from
/// SciPy's algorithm written in NumPy:
/// <code>
/// arr = np.ravel(a); sorter = np.argsort(arr, kind='mergesort')
/// inv = np.empty(sorter.size, dtype=np.intp); inv[sorter] = np.arange(sorter.size)   # ordinal: inv + 1
/// arr = arr[sorter]; obs = np.r_[True, arr[1:] != arr[:-1]]; dense = obs.cumsum()[inv]
/// count = np.r_[np.nonzero(obs)[0], len(obs)]
/// max: count[dense]; min: count[dense - 1] + 1; average: .5 * (count[dense] + count[dense - 1] + 1)
/// </code>
/// multinomial's from math.lgamma(n+1) + sum(x_i*math.log(p_i) - math.lgamma(x_i+1)).
/// </summary>
public class ScipyStatsRankModeTests
{
    private static readonly NDArray Scores = I(10, 30, 20, 30, 10, 40, 30, -5);

    [Fact]
    public void RankdataMatchesScipysAlgorithmForEveryMethod()
    {
        Values([2.5, 6, 4, 6, 2.5, 8, 6, 1], Stats.Rankdata(Scores));
        Values([2, 5, 4, 5, 2, 8, 5, 1], Stats.Rankdata(Scores, "min"), DType.Int32);
        Values([3, 7, 4, 7, 3, 8, 7, 1], Stats.Rankdata(Scores, "max"), DType.Int32);
        Values([2, 4, 3, 4, 2, 5, 4, 1], Stats.Rankdata(Scores, "dense"), DType.Int32);
        Values([2, 5, 4, 6, 3, 8, 7, 1], Stats.Rankdata(Scores, "ordinal"), DType.Int32);
        Values([1], Stats.Rankdata(Jnp.Array(7f)));
    }

    [Fact]
    public void RankdataRanksAlongAnAxisOrFlattened()
    {
        var b = Matrix(new float[,] { { 0.5f, 2.0f, 0.5f }, { 3.0f, -1.0f, 3.0f } });
        Values([1.5, 3, 1.5, 2.5, 1, 2.5], Stats.Rankdata(b, axis: 1), shape: [2, 3]);
        Values([1, 2, 1, 2, 1, 2], Stats.Rankdata(b, "min", axis: 0), DType.Int32, shape: [2, 3]);
        Values([2.5, 4, 2.5, 5.5, 1, 5.5], Stats.Rankdata(b), shape: [6]);
        Values([1.5, 3, 1.5, 2.5, 1, 2.5], Jax.Vmap((Func<NDArray, NDArray>)(r => Stats.Rankdata(r)))(b), shape: [2, 3]);
        Values([2.5, 4, 2.5, 5.5, 1, 5.5], Jax.Jit((Func<NDArray, NDArray>)(x => Stats.Rankdata(x)))(b), shape: [6]);
    }

    [Fact]
    public void RankdataPutsNaNsLastEachItsOwnValueAsJax()
    {
        Values([2, 3, 1], Stats.Rankdata(F(3, float.NaN, 1)));
        Values([2, 1, 3, 1], Stats.Rankdata(F(float.NaN, 1, float.NaN, 1), "dense"), DType.Int32);
        Assert.Equal([0], Stats.Rankdata(Jnp.Zeros([0])).Shape);
        Assert.Equal([2, 0], Stats.Rankdata(Jnp.Zeros([2, 0]), "max", axis: 1).Shape);
        Assert.Throws<ArgumentException>(() => Stats.Rankdata(Scores, "first"));
        Assert.Throws<NotImplementedException>(() => Stats.Rankdata(Scores, nanPolicy: "omit"));
        Assert.Throws<ArgumentException>(() => Stats.Rankdata(Scores, nanPolicy: "ignore"));
        Assert.ThrowsAny<Exception>(() => Stats.Rankdata(Scores, axis: 1));
    }

    [Fact]
    public void ModeGivesTheSmallestMostFrequentValueAndItsCount()
    {
        // SciPy's documented example: mode(a) = ([3, 0, 6, 1], [4, 2, 2, 1]); mode(a, axis=None) = (3, 5).
        var a = Jnp.Array(new int[,] { { 3, 0, 3, 7 }, { 3, 2, 6, 2 }, { 1, 7, 2, 8 }, { 3, 0, 6, 1 }, { 3, 2, 5, 5 } });
        var (mode, count) = Stats.Mode(a);
        Values([3, 0, 6, 1], mode, DType.Int32, shape: [4]);
        Values([4, 2, 2, 1], count, DType.Int32, shape: [4]);
        var (all, allCount) = Stats.Mode(a, axis: null);
        Values([3], all, DType.Int32, shape: []);
        Values([5], allCount, DType.Int32, shape: []);
        var (byRow, rowCount) = Stats.Mode(a, axis: -1, keepdims: true);
        Values([3, 2, 1, 0, 5], byRow, DType.Int32, shape: [5, 1]);
        Values([2, 2, 1, 1, 2], rowCount, DType.Int32, shape: [5, 1]);
        Assert.Equal([1, 1], Stats.Mode(a, axis: null, keepdims: true).Mode.Shape);
        var jitted = Jax.Jit((Func<NDArray, NDArray[]>)(x => { var (m, c) = Stats.Mode(x); return [m, c]; }))(a);
        Values([3, 0, 6, 1], jitted[0], DType.Int32);
        Values([4, 2, 2, 1], jitted[1], DType.Int32);
        Values([3, 0, 6, 1], Jax.Vmap((Func<NDArray, NDArray>)(col => Stats.Mode(col).Mode), inAxes: [1])(a), DType.Int32);
    }

    [Fact]
    public void ModeCountsNaNsAsOneValueAndEmptyAxesGiveNaN()
    {
        var (nanMode, nanCount) = Stats.Mode(F(float.NaN, 1, float.NaN, 2));
        Values([double.NaN], nanMode, shape: []);
        Values([2], nanCount, DType.Int32);
        Values([1], Stats.Mode(F(1, float.NaN, 1, float.NaN)).Mode);
        Values([2], Stats.Mode(F(0f, -0f, 4f)).Count, DType.Int32); // -0 and +0 are one value
        var (empty, emptyCount) = Stats.Mode(Jnp.Zeros([0, 3]));
        Values([double.NaN, double.NaN, double.NaN], empty, shape: [3]);
        Values([0, 0, 0], emptyCount, shape: [3]);
        Assert.Equal([0], Stats.Mode(Jnp.Zeros([3, 0])).Mode.Shape);
        Values([5], Stats.Mode(Jnp.Array(5f)).Mode, shape: []);
        Assert.Throws<NotImplementedException>(() => Stats.Mode(Scores, nanPolicy: "raise"));
        Assert.ThrowsAny<Exception>(() => Stats.Mode(Scores, axis: 2));
    }

    [Fact]
    public void MultinomialMatchesTheLogGammaFormula()
    {
        var p = F(0.2f, 0.3f, 0.5f);
        Values([-2.002480500543707], Stats.Multinomial.Logpmf(I(1, 2, 3), Jnp.Array(6), p), shape: []);
        var counts = Jnp.Array(new int[,] { { 0, 0, 5 }, { 4, 0, 1 }, { 1, 1, 1 } });
        Values([-3.465735902799727, -5.521460917862244, double.NegativeInfinity], Stats.Multinomial.Logpmf(counts, Jnp.Array(5), p));
        Values([Math.Exp(-2.002480500543707)], Stats.Multinomial.Pmf(I(1, 2, 3), Jnp.Array(6), p));
        Values([-12.831639494025922], Stats.Multinomial.Logpmf(I(10, 20, 30), Jnp.Array(60), D(0.1, 0.6, 0.3)), DType.Float64, tol: 1e-12);
        Values([-3.465735902799727, -5.521460917862244], Jax.Vmap((Func<NDArray, NDArray>)(x => Stats.Multinomial.Logpmf(x, Jnp.Array(5), p)))(counts[..2]));
        // A zero probability with a zero count contributes nothing; with a positive count the mass is 0.
        Values([0, double.NegativeInfinity], Stats.Multinomial.Logpmf(Jnp.Array(new int[,] { { 0, 2 }, { 1, 1 } }), Jnp.Array(2), F(0, 1)));
    }

    [Fact]
    public void MultinomialDifferentiatesInPAndRejectsBadArguments()
    {
        // d/dp_i Σ x_i log p_i = x_i / p_i.
        var grad = Jax.Jit(Jax.Grad((Func<NDArray, NDArray>)(p => Stats.Multinomial.Logpmf(I(1, 2, 3), Jnp.Array(6), p))))(F(0.2f, 0.3f, 0.5f));
        Values([5, 6.666667, 6], grad);
        Assert.Throws<ArgumentException>(() => Stats.Multinomial.Logpmf(F(1, 2, 3), Jnp.Array(6), F(0.2f, 0.3f, 0.5f)));
        Assert.Throws<ArgumentException>(() => Stats.Multinomial.Logpmf(I(1, 2, 3), Jnp.Array(6f), F(0.2f, 0.3f, 0.5f)));
        Assert.Throws<ShapeException>(() => Stats.Multinomial.Logpmf(Jnp.Array(3), Jnp.Array(3), F(0.2f, 0.8f)));
        Assert.ThrowsAny<Exception>(() => Stats.Multinomial.Logpmf(I(1, 2, 3), Jnp.Array(6), F(0.5f, 0.5f)));
        Values([double.NaN], Stats.Multinomial.Logpmf(I(1, 2, 3), Jnp.Array(6), F(0.2f, float.NaN, 0.5f)));
    }
}
