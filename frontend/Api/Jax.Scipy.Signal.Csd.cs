using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Signal
        {
            /// <summary>
            /// scipy.signal.csd: the cross power spectral density of <paramref name="x"/> and <paramref name="y"/>
            /// by Welch's method, the mean (or bias-corrected median) over overlapping windowed segments of
            /// conj(X)·Y along <paramref name="axis"/>. <paramref name="scaling"/> "density" gives V²/Hz (divided by
            /// fs·Σw²), "spectrum" V² (divided by (Σw)²); <paramref name="detrend"/> is "constant", "linear" or null
            /// for none. Complex input gives the two-sided spectrum whatever <paramref name="returnOnesided"/>.
            /// Returns the frequencies and the spectral density, frequencies on <paramref name="axis"/>.
            /// </summary>
            public static (NDArray Freqs, NDArray Pxy) Csd(NDArray x, NDArray y, double fs = 1.0, SignalWindow? window = null,
                int? nperseg = null, int? noverlap = null, int? nfft = null, string? detrend = "constant",
                bool returnOnesided = true, string scaling = "density", int axis = -1, string average = "mean") =>
                CrossSpectrum("csd", x, y, fs, window ?? "hann", nperseg, noverlap, nfft, detrend, returnOnesided, scaling, axis, average);

            /// <summary>
            /// scipy.signal.welch: the power spectral density of <paramref name="x"/> by Welch's method, the real
            /// part of <see cref="Csd"/> of <paramref name="x"/> with itself (same arguments and defaults).
            /// </summary>
            public static (NDArray Freqs, NDArray Pxx) Welch(NDArray x, double fs = 1.0, SignalWindow? window = null,
                int? nperseg = null, int? noverlap = null, int? nfft = null, string? detrend = "constant",
                bool returnOnesided = true, string scaling = "density", int axis = -1, string average = "mean")
            {
                var (f, pxx) = CrossSpectrum("welch", x, null, fs, window ?? "hann", nperseg, noverlap, nfft, detrend, returnOnesided, scaling, axis, average);
                return (f, pxx.DType.IsComplex() ? Jnp.Real(pxx) : pxx);
            }

            private static (NDArray, NDArray) CrossSpectrum(string op, NDArray x, NDArray? y, double fs, SignalWindow window,
                int? nperseg, int? noverlap, int? nfft, string? detrend, bool returnOnesided, string scaling, int axis, string average)
            {
                detrend = CheckDetrend(op, detrend);
                if (scaling is not ("density" or "spectrum")) throw new ArgumentException($"{op}: unknown scaling '{scaling}' (known: density, spectrum)", nameof(scaling));
                if (average is not ("mean" or "median")) throw new ArgumentException($"{op}: unknown average '{average}' (known: mean, median)", nameof(average));
                var inputs = y is null ? Jnp.PromoteInexact(x) : Jnp.PromoteInexact(x, y);
                if (y is not null && !Shapes.Equal(inputs[0].Aval.Shape, inputs[1].Aval.Shape))
                    throw new ShapeException($"{op}: x and y must have the same shape, got {Shapes.Format(x.Aval.Shape)} and {Shapes.Format(y.Aval.Shape)}");
                if (inputs[0].Ndim == 0) throw new ShapeException($"{op}: x must have at least one dimension");
                var ax = Shapes.Axis(axis, inputs[0].Ndim, op);
                var real = RealDType(inputs[0].DType);
                var length = inputs[0].Aval.Shape[ax];
                if (length == 0) return (Jnp.Zeros([0], real), Jnp.Zeros(inputs[0].Aval.Shape, inputs[0].DType));
                var win = window.Resolve(op, SegmentLength(op, window, length, nperseg), real);
                var onesided = returnOnesided && !inputs[0].DType.IsComplex();
                var plan = PlanSegments(op, win, length, window.Values is null ? null : nperseg, noverlap, nfft, onesided);
                var spectraX = SegmentSpectra(Jnp.Moveaxis(inputs[0], ax, -1), win, plan, detrend);
                var spectraY = y is null ? spectraX : SegmentSpectra(Jnp.Moveaxis(inputs[1], ax, -1), win, plan, detrend);
                var scale = scaling == "density" ? 1 / (fs * Jnp.Sum(win * win)) : 1 / (Jnp.Sum(win) * Jnp.Sum(win));
                var product = Jnp.Conj(spectraX) * spectraY * scale;
                if (onesided) product = product * OnesidedDoubling(plan.Nfft, real);
                var averaged = average == "mean" ? Jnp.Mean(product, -2) : BiasCorrectedMedian(product);
                return (Frequencies(plan, fs, real), Jnp.Moveaxis(averaged, -1, ax));
            }

            /// <summary>The factor 2 on the one-sided bins whose negative-frequency twin was dropped (all but DC and,
            /// for an even nfft, Nyquist).</summary>
            private static NDArray OnesidedDoubling(int nfft, DType dtype)
            {
                var bins = nfft / 2 + 1;
                var factors = Enumerable.Repeat(2f, bins).ToArray();
                factors[0] = 1;
                if (nfft % 2 == 0) factors[^1] = 1;
                return Jnp.Astype(Jnp.FromHost<float>(factors, [bins]), dtype);
            }

            /// <summary>The median over segments (axis −2), real and imaginary parts apart, divided by SciPy's bias
            /// of the median of χ²₂ samples so that it estimates the mean.</summary>
            private static NDArray BiasCorrectedMedian(NDArray product)
            {
                var segments = product.Aval.Shape[^2];
                var bias = 1.0;
                for (var i = 2; i <= segments - 1; i += 2) bias += 1.0 / (i + 1) - 1.0 / i;
                var median = product.DType.IsComplex()
                    ? Lax.Complex(Jnp.Median(Jnp.Real(product), -2), Jnp.Median(Jnp.Imag(product), -2))
                    : Jnp.Median(product, -2);
                return median / bias;
            }
        }
    }
}
