using static JaxNet.Tests.Api.Expect;
using Signal = JaxNet.Jax.Scipy.Signal;

namespace JaxNet.Tests.Api;

/// <summary>jax.scipy.signal's detrend, welch and csd. SciPy is not installed here: the references come from a
/// NumPy-only derivation of SciPy's algorithm (segments, hann window, scaling, one-sided doubling, median bias).</summary>
public class ScipySignalSpectralTests
{
    private static readonly NDArray X = F(0.3f, -1.2f, 2.0f, 0.7f, -0.4f, 1.5f, 0.9f, -2.1f, 0.2f, 1.1f, -0.6f, 0.8f, 1.7f);
    private static readonly NDArray Y = F(1.0f, 0.5f, -0.3f, 0.2f, 2.2f, -1.0f, 0.4f, 0.1f, -0.7f, 0.9f, 1.3f, -0.2f, 0.6f);

    [Fact]
    public void DetrendRemovesTheLeastSquaresLineOrTheMean()
    {
        var x = F(0.3f, -1.2f, 2.0f, 0.7f, -0.4f, 1.5f, 0.9f);
        Values([0.2714286, -1.4, 1.628571, 0.1571429, -1.114286, 0.6142857, -0.1571429], Signal.Detrend(x));
        Values([-0.2428571, -1.742857, 1.457143, 0.1571429, -0.9428571, 0.9571429, 0.3571429], Signal.Detrend(x, type: "constant"), tol: 1e-5);
        var columns = Jnp.Stack([x, x * 2f], axis: 1);
        Values([-1.4, -2.8], Signal.Detrend(columns, axis: 0)[1], tol: 1e-5);
        Assert.Throws<ArgumentException>(() => Signal.Detrend(x, type: "quadratic"));
    }

    [Fact]
    public void WelchMatchesTheNumpyDerivation()
    {
        var (f, pxx) = Signal.Welch(X, nperseg: 8);
        Values([0, 0.125, 0.25, 0.375, 0.5], f);
        Values([0.548964, 0.9840371, 4.039847, 4.35247, 0.1449874], pxx, tol: 1e-4);
        var (f5, median) = Signal.Welch(X, fs: 2.0, nperseg: 5, noverlap: 2, scaling: "spectrum", average: "median");
        Values([0, 0.4, 0.8], f5);
        Values([0.1947328, 1.309874, 0.7315175], median, tol: 1e-4);
    }

    [Fact]
    public void CsdIsComplexAndMatchesTheNumpyDerivation()
    {
        var (_, pxy) = Signal.Csd(X, Y, nperseg: 6, noverlap: 3);
        Values([0.03601852, -0.1919444, -2.216111, 0.4319444], Jnp.Real(pxy), tol: 1e-4);
        Values([0, -0.3927586, -1.414508, 0], Jnp.Imag(pxy), tol: 1e-4);
    }

    [Fact]
    public void WelchWithABoxcarOverTheWholeSignalKeepsParseval()
    {
        var (f, pxx) = Signal.Welch(X, window: "boxcar", nperseg: 13, detrend: null);
        var meanSquare = Jnp.Mean(X * X).Item<float>();
        Assert.Equal(meanSquare, Jnp.Sum(pxx).Item<float>() / 13f, 4);
        Assert.Equal(7, f.Shape[0]);
    }

    [Fact]
    public void AxisBatchesAndArrayWindowsAndComplexInputGiveTheirShapes()
    {
        var rows = Jnp.Stack([X, Y], axis: 1);
        var (_, byColumn) = Signal.Welch(rows, nperseg: 8, axis: 0);
        Assert.Equal([5, 2], byColumn.Shape);
        Values(Signal.Welch(Y, nperseg: 8).Pxx.ToArray<float>().Select(v => (double)v).ToArray(), byColumn[.., 1], tol: 1e-5);
        var hann = 0.5f - 0.5f * Jnp.Cos(Jnp.Arange(8).Astype(DType.Float32) * (float)(2 * Math.PI / 8));
        Values(Signal.Welch(X, nperseg: 8).Pxx.ToArray<float>().Select(v => (double)v).ToArray(), Signal.Welch(X, window: hann).Pxx, tol: 1e-5);
        var complexSignal = Jnp.Astype(X, DType.Complex64) * new System.Numerics.Complex(0, 1);
        var (fc, pc) = Signal.Welch(complexSignal, nperseg: 7);
        Assert.Equal([7], fc.Shape);
        Assert.Equal(DType.Float32, pc.DType);
        Assert.All(pc.ToArray<float>(), v => Assert.True(v >= 0));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Equal([7], Signal.Welch(X, nperseg: 100, window: "boxcar").Pxx.Shape); // shortened to the input, as SciPy
        Assert.Throws<ArgumentException>(() => Signal.Welch(X, nperseg: 8, noverlap: 8));
        Assert.Throws<ArgumentException>(() => Signal.Welch(X, nperseg: 8, nfft: 4));
        Assert.Throws<ArgumentException>(() => Signal.Welch(X, window: "kaiserish"));
        Assert.Throws<ArgumentException>(() => Signal.Welch(X, detrend: "cubic"));
        Assert.Throws<ArgumentException>(() => Signal.Welch(X, scaling: "energy"));
        Assert.Throws<ArgumentException>(() => Signal.Welch(X, average: "mode"));
        Assert.Throws<ArgumentException>(() => Signal.Welch(F(1, 2), window: Jnp.Ones([4])));
        Assert.ThrowsAny<Exception>(() => Signal.Csd(X, F(1, 2, 3)));
        Assert.Equal([0], Signal.Welch(Jnp.Zeros([0])).Pxx.Shape);
    }

    [Fact]
    public void WelchJitsAndDifferentiates()
    {
        Func<NDArray, NDArray> power = x => Jnp.Sum(Signal.Welch(x, nperseg: 8).Pxx * Jnp.Arange(5).Astype(DType.Float32));
        Assert.Equal(power(X).Item<float>(), Jax.Jit(power)(X).Item<float>(), 4);
        var grad = Jax.Grad(power)(X).ToArray<float>();
        var h = 1e-2f;
        foreach (var i in new[] { 0, 5, 12 })
        {
            var step = Jnp.Zeros([13]).At[i].Set(h);
            var numeric = (power(X + step).Item<float>() - power(X - step).Item<float>()) / (2 * h);
            Assert.Equal(numeric, grad[i], 2);
        }
    }
}
