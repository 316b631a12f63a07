using static JaxNet.Tests.Api.Expect;
using Signal = JaxNet.Jax.Scipy.Signal;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.signal's stft and istft. SciPy is not installed here; the references come from this NumPy-only
/// derivation of SciPy's algorithm (boundary extension, zero padding, periodic hann, per-segment detrend, scaling):
/// <code>
/// def hann(n): return 0.5 - 0.5*np.cos(2*np.pi*np.arange(n)/n)
/// def ext(x, n, kind):
///     if kind is None or n &lt; 1: return x
///     if kind == 'zeros': return np.concatenate([np.zeros(n), x, np.zeros(n)])
///     if kind == 'constant': return np.concatenate([np.full(n, x[0]), x, np.full(n, x[-1])])
///     if kind == 'even': return np.concatenate([x[n:0:-1], x, x[-2:-(n+2):-1]])
///     if kind == 'odd': return np.concatenate([2*x[0]-x[n:0:-1], x, 2*x[-1]-x[-2:-(n+2):-1]])
/// def stft(x, fs=1.0, nperseg=8, noverlap=None, nfft=None, boundary='zeros', padded=True, scaling='spectrum', detrend=False):
///     win = hann(nperseg); noverlap = nperseg//2 if noverlap is None else noverlap
///     nfft = nperseg if nfft is None else nfft; step = nperseg - noverlap
///     x = ext(np.asarray(x, float), nperseg//2, boundary)
///     if padded: x = np.concatenate([x, np.zeros((-(x.shape[-1]-nperseg) % step) % nperseg)])
///     segs = np.stack([x[i*step:i*step+nperseg] for i in range((len(x)-nperseg)//step + 1)])
///     if detrend == 'constant': segs = segs - segs.mean(-1, keepdims=True)
///     scale = 1/win.sum() if scaling == 'spectrum' else 1/np.sqrt(fs*(win*win).sum())
///     t = np.arange(nperseg/2, len(x)-nperseg/2+1, step)/fs
///     if boundary is not None: t -= (nperseg/2)/fs
///     return np.fft.rfftfreq(nfft, 1/fs), t, (np.fft.rfft(segs*win, nfft)*scale).T
/// </code>
/// </summary>
public class ScipySignalStftTests
{
    private static readonly NDArray X = F(0.3f, -1.2f, 2.0f, 0.7f, -0.4f, 1.5f, 0.9f, -2.1f, 0.2f, 1.1f, -0.6f, 0.8f, 1.7f);

    [Fact]
    public void StftMatchesTheNumpyDerivation()
    {
        var (f, t, zxx) = Signal.Stft(X, nperseg: 8);
        Values([0, 0.125, 0.25, 0.375, 0.5], f);
        Values([0, 4, 8, 12, 16], t);
        Assert.Equal(DType.Complex64, zxx.DType);
        Values([0.0945621, 0.6111359, -0.0416815, 0.5609835, 0.0, 0.1241879, -0.3173859, 0.1604315, -0.5172335, 0.0,
            -0.175, -0.4625, 0.0125, 0.5, 0.0, -0.2741879, 0.5173859, -0.2604315, -0.3327665, 0.0,
            0.5554379, -0.0861359, 0.2166815, 0.1390165, 0.0], Jnp.Real(zxx), shape: [5, 5]);
        Values([0, 0, 0, 0, 0, 0.0870558, -0.0400888, 0.2772209, -0.0741879, 0.0, 0.2816942, -0.2036612, -0.7084709, 0.1304379, 0.0,
            -0.4129442, 0.2349112, 0.6522209, -0.2241879, 0.0, 0, 0, 0, 0, 0], Jnp.Imag(zxx), shape: [5, 5]);
    }

    [Fact]
    public void OddBoundaryPsdScalingAndNoPaddingMatchTheDerivation()
    {
        // stft(x, fs=2.0, nperseg=5, noverlap=2, boundary='odd', padded=False, scaling='psd')
        var (f, t, zxx) = Signal.Stft(X, fs: 2.0, nperseg: 5, noverlap: 2, boundary: "odd", padded: false, scaling: "psd");
        Values([0, 0.4, 0.8], f);
        Values([0, 1.5, 3, 4.5, 6], t);
        Values([0.2575844, 0.7645645, -0.2572046, 0.4119541, 2.8648436, 0.5495944, 0.079598, 0.5471813, -0.1338083, -1.360253,
            -0.6783866, -0.4618802, -0.4185789, -0.0721688, -0.0721688], Jnp.Real(zxx), shape: [3, 5]);
        Values([0, 0, 0, 0, 0, -0.3778838, -0.3868405, -1.0442218, -0.3649214, 0.7900645,
            0.6873115, 0.4362142, 1.1963485, 0.8181035, -0.0642272], Jnp.Imag(zxx), shape: [3, 5]);
    }

    [Fact]
    public void EvenAndConstantBoundariesDetrendAndNfftMatchTheDerivation()
    {
        // stft(x, nperseg=6, noverlap=4, nfft=8, boundary='even', detrend='constant'), segment 1
        var (_, t, even) = Signal.Stft(X, nperseg: 6, noverlap: 4, nfft: 8, boundary: "even", detrend: "constant");
        Values([0, 2, 4, 6, 8, 10, 12, 14], t);
        Assert.Equal([5, 8], even.Shape);
        Values([0.5, -0.5889665, 0.475, 0.2556332, -0.7833333], Jnp.Real(even[.., 1]));
        Values([0, -0.1964623, 0.6694444, -0.813129, 0], Jnp.Imag(even[.., 1]));
        // stft(x, nperseg=6, boundary='constant'), segment 0
        var (_, tc, constant) = Signal.Stft(X, nperseg: 6, boundary: "constant");
        Values([0, 3, 6, 9, 12, 15], tc);
        Values([0.0666667, 0.1083333, 0.1166667, -0.5166667], Jnp.Real(constant[.., 0]));
        Values([0, -0.2020726, 0.4474465, 0], Jnp.Imag(constant[.., 0]));
    }

    [Fact]
    public void SegmentsKeepParsevalsIdentity()
    {
        // A boxcar over whole segments, two-sided and 'spectrum' scaled (1/n): Σ_f |Z|² · n = Σ segment².
        var (_, _, zxx) = Signal.Stft(X, window: "boxcar", nperseg: 4, noverlap: 1, boundary: null, padded: false, returnOnesided: false);
        Assert.Equal([4, 4], zxx.Shape);
        var energies = Jnp.Sum(Jnp.Square(Jnp.Abs(zxx)), 0) * 4f;
        var x = X.ToArray<float>();
        var expected = Enumerable.Range(0, 4).Select(s => (double)x.Skip(3 * s).Take(4).Sum(v => v * v)).ToArray();
        Values(expected, energies, tol: 1e-5);
    }

    [Fact]
    public void IstftInvertsStftForOverlapAddingWindows()
    {
        var (_, _, zxx) = Signal.Stft(X, nperseg: 8);
        var (times, back) = Signal.Istft(zxx);
        Assert.Equal(DType.Float32, back.DType);
        Assert.Equal(16, back.Shape[0]);
        Values(X.ToArray<float>().Select(v => (double)v).ToArray(), back[..13], tol: 1e-5);
        Values([0, 0, 0], back[13..], tol: 1e-6);
        Values([0, 0.5, 1.0], Signal.Istft(zxx, fs: 2.0).Times[..3]);
        Assert.Equal([16], times.Shape);

        var noise = Jax.Random.Normal(Jax.Random.PRNGKey(3), [2, 100]);
        var (_, _, hamming) = Signal.Stft(noise, window: "hamming", nperseg: 16, noverlap: 12, scaling: "psd", fs: 3.0);
        Assert.Equal([2, 9, 26], hamming.Shape);
        var (_, restored) = Signal.Istft(hamming, window: "hamming", noverlap: 12, scaling: "psd", fs: 3.0);
        Values(noise.ToArray<float>().Select(v => (double)v).ToArray(), restored[.., ..100], shape: [2, 100], tol: 1e-5);
    }

    [Fact]
    public void IstftInvertsTwoSidedComplexAndMovedAxes()
    {
        var signal = Jax.Lax.Complex(X, Jnp.Flip(X));
        var (f, _, zxx) = Signal.Stft(signal, nperseg: 6, boundary: null, padded: true);
        Assert.Equal([6], f.Shape);
        var (_, back) = Signal.Istft(zxx, inputOnesided: false, boundary: false);
        Assert.Equal(DType.Complex64, back.DType);
        // The periodic hann window's first point is 0, so only sample 0 is lost (divided by a zero norm: 0).
        Values(X[1..].ToArray<float>().Select(v => (double)v).ToArray(), Jnp.Real(back)[1..13], tol: 1e-5);
        Values(Jnp.Flip(X)[1..].ToArray<float>().Select(v => (double)v).ToArray(), Jnp.Imag(back)[1..13], tol: 1e-5);
        Values([0], Jnp.Abs(back)[..1], tol: 0);

        var columns = Jnp.Stack([X, X * 2f], axis: 1);
        var (_, _, byColumn) = Signal.Stft(columns, nperseg: 6, axis: 0);
        Assert.Equal([4, 2, 6], byColumn.Shape);
        var (_, restored) = Signal.Istft(byColumn, freqAxis: 0, timeAxis: 2);
        Assert.Equal([2, 15], restored.Shape);
        Values((X * 2f).ToArray<float>().Select(v => (double)v).ToArray(), restored[1, ..13], tol: 1e-5);
        var (_, transposed) = Signal.Istft(Jnp.Transpose(byColumn, [2, 1, 0]), freqAxis: 2, timeAxis: 0);
        Assert.Equal([15, 2], transposed.Shape);
        Values(restored.ToArray<float>().Select(v => (double)v).ToArray(), Jnp.Transpose(transposed), shape: [2, 15], tol: 1e-6);
    }

    [Fact]
    public void StftAndIstftJitVmapAndDifferentiate()
    {
        Func<NDArray, NDArray> power = x => Jnp.Sum(Jnp.Square(Jnp.Abs(Signal.Stft(x, nperseg: 8).Zxx)) * Jnp.Arange(5).Astype(DType.Float32).Reshape(5, 1));
        Assert.Equal(power(X).Item<float>(), Jax.Jit(power)(X).Item<float>(), 4);
        var grad = Jax.Grad(power)(X).ToArray<float>();
        var h = 1e-2f;
        foreach (var i in new[] { 0, 6, 12 })
        {
            var step = Jnp.Zeros([13]).At[i].Set(h);
            Assert.Equal((power(X + step).Item<float>() - power(X - step).Item<float>()) / (2 * h), grad[i], 2);
        }
        var rows = Jnp.Stack([X, Jnp.Flip(X)]);
        Func<NDArray, NDArray> roundTrip = x => Signal.Istft(Signal.Stft(x, nperseg: 8).Zxx).X;
        var batched = Jax.Vmap(roundTrip)(rows);
        Values(rows.ToArray<float>().Select(v => (double)v).ToArray(), batched[.., ..13], shape: [2, 13], tol: 1e-5);
        Values(rows.ToArray<float>().Select(v => (double)v).ToArray(), Jax.Jit(roundTrip)(rows)[.., ..13], shape: [2, 13], tol: 1e-5);
    }

    [Fact]
    public void NaNsStayInTheSegmentsThatReadThem()
    {
        var x = X.At[0].Set(float.NaN);
        var (_, _, zxx) = Signal.Stft(x, nperseg: 4, boundary: null, padded: false);
        var nan = Jnp.Any(Jnp.IsNan(Jnp.Real(zxx)), 0).ToArray<bool>();
        Assert.Equal([true, false, false, false, false], nan);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Signal.Stft(X, nperseg: 8, noverlap: 8));
        Assert.Throws<ArgumentException>(() => Signal.Stft(X, nperseg: 8, nfft: 4));
        Assert.Throws<ArgumentException>(() => Signal.Stft(X, window: Jnp.Ones([4]), nperseg: 6));
        Assert.Throws<ArgumentException>(() => Signal.Stft(X, boundary: "periodic"));
        Assert.Throws<ArgumentException>(() => Signal.Stft(X, scaling: "density"));
        Assert.Throws<ShapeException>(() => Signal.Stft(Jnp.Array(1f)));
        var (f, t, empty) = Signal.Stft(Jnp.Zeros([0]));
        Assert.Equal([0], f.Shape);
        Assert.Equal([0], t.Shape);
        Assert.Equal(DType.Complex64, empty.DType);

        var (_, _, zxx) = Signal.Stft(X, nperseg: 8);
        Assert.Throws<ShapeException>(() => Signal.Istft(Jnp.Zeros([5])));
        Assert.Throws<ArgumentException>(() => Signal.Istft(zxx, timeAxis: 0, freqAxis: 0));
        Assert.Throws<ArgumentException>(() => Signal.Istft(zxx, noverlap: 8));
        Assert.Throws<ArgumentException>(() => Signal.Istft(zxx, nfft: 6));
        Assert.Throws<ArgumentException>(() => Signal.Istft(zxx, window: Jnp.Ones([6])));
        Assert.Throws<ArgumentException>(() => Signal.Istft(zxx, scaling: "density"));
        Assert.Throws<ShapeException>(() => Signal.Istft(Jnp.Zeros([5, 0], DType.Complex64)));
    }
}
