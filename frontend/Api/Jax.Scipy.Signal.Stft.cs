using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Signal
        {
            /// <summary>
            /// scipy.signal.stft: the short-time Fourier transform of <paramref name="x"/> along
            /// <paramref name="axis"/>, the FFTs of overlapping windowed segments. <paramref name="boundary"/> extends
            /// both ends by nperseg / 2 points ("zeros", "even", "odd", "constant", or null for none) so the first
            /// window is centred on the first sample; <paramref name="padded"/> appends zeros so the last segment is
            /// whole. <paramref name="scaling"/> "spectrum" divides by Σw (a sinusoid's amplitude), "psd" by
            /// √(fs·Σw²). Complex input gives the two-sided transform whatever <paramref name="returnOnesided"/>.
            /// Returns the frequencies, the segment times and Zxx (complex), frequencies on <paramref name="axis"/>
            /// and times appended last.
            /// </summary>
            /// <exception cref="ArgumentException">An unknown boundary, detrend, scaling or window name; noverlap
            /// outside [0, nperseg); nfft below nperseg; a window whose length is not nperseg.</exception>
            public static (NDArray Freqs, NDArray Times, NDArray Zxx) Stft(NDArray x, double fs = 1.0,
                SignalWindow? window = null, int? nperseg = null, int? noverlap = null, int? nfft = null,
                string? detrend = null, bool returnOnesided = true, string? boundary = "zeros", bool padded = true,
                int axis = -1, string scaling = "spectrum")
            {
                const string op = "stft";
                detrend = CheckDetrend(op, detrend);
                if (boundary is not (null or "zeros" or "even" or "odd" or "constant"))
                    throw new ArgumentException($"{op}: unknown boundary '{boundary}' (known: zeros, even, odd, constant, or null for none)", nameof(boundary));
                window ??= "hann";
                var signal = Jnp.PromoteInexact(x)[0];
                if (signal.Ndim == 0) throw new ShapeException($"{op}: x must have at least one dimension");
                var ax = Shapes.Axis(axis, signal.Ndim, op);
                var real = RealDType(signal.DType);
                var length = signal.Aval.Shape[ax];
                if (length == 0) return (Jnp.Zeros([0], real), Jnp.Zeros([0], real), Jnp.Zeros(signal.Aval.Shape, real.ToComplex()));
                var win = window.Resolve(op, SegmentLength(op, window, length, nperseg), real);
                var onesided = returnOnesided && !signal.DType.IsComplex();
                var plan = PlanSegments(op, win, length, window.Values is null ? null : nperseg, noverlap, nfft, onesided);
                var extended = ExtendBoundary(Jnp.Moveaxis(signal, ax, -1), boundary, plan.Nperseg / 2);
                if (padded) extended = PadToWholeSegments(extended, plan);
                var scale = SegmentScale(op, scaling, win, fs);
                var spectra = SegmentSpectra(extended, win, plan, detrend) * scale;
                var zxx = Jnp.Moveaxis(Jnp.Swapaxes(spectra, -1, -2), -2, ax);
                var count = spectra.Aval.Shape[^2];
                var firstCentre = boundary is null ? plan.Nperseg / 2.0 : 0.0;
                var times = (Jnp.Astype(Jnp.Arange(count), real) * plan.Step + firstCentre) / fs;
                return (Frequencies(plan, fs, real), times, zxx);
            }

            /// <summary>The factor on each segment's FFT: 1/Σw for "spectrum", 1/√(fs·Σw²) for "psd" (the square
            /// roots of the scalings welch applies to |X|²).</summary>
            private static NDArray SegmentScale(string op, string scaling, NDArray win, double fs) => scaling switch
            {
                "spectrum" => 1 / Jnp.Sum(win),
                "psd" => 1 / Jnp.Sqrt(fs * Jnp.Sum(win * win)),
                _ => throw new ArgumentException($"{op}: unknown scaling '{scaling}' (known: spectrum, psd)", nameof(scaling)),
            };

            /// <summary>Zeros appended to the last axis so that the segments cover it exactly.</summary>
            private static NDArray PadToWholeSegments(NDArray x, SegmentPlan plan)
            {
                var length = x.Aval.Shape[^1];
                var missing = ((plan.Nperseg - length) % plan.Step + plan.Step) % plan.Step % plan.Nperseg;
                if (missing == 0) return x;
                var widths = Enumerable.Repeat((0, 0), x.Ndim).ToArray();
                widths[^1] = (0, missing);
                return Jnp.Pad(x, widths);
            }

            /// <summary>
            /// SciPy's signal extensions of the last axis by <paramref name="n"/> points at each end: "zeros", "constant"
            /// (the edge value), "even" (mirrored about the edge sample) and "odd" (mirrored through it, 2·x₀ − x).
            /// </summary>
            private static NDArray ExtendBoundary(NDArray x, string? boundary, int n)
            {
                if (boundary is null || n < 1) return x;
                // n = nperseg / 2 and nperseg never exceeds the input, so the mirrored extensions find n + 1 samples.
                var widths = Enumerable.Repeat((0, 0), x.Ndim).ToArray();
                widths[^1] = (n, n);
                return boundary switch
                {
                    "zeros" => Jnp.Pad(x, widths),
                    "constant" => Jnp.Pad(x, widths, PadMode.Edge),
                    "even" => Jnp.Pad(x, widths, PadMode.Reflect),
                    _ => OddExtension(x, widths),
                };
            }

            // The odd extension mirrors the signal through its edge samples: 2·x₀ − x[n..1] before, likewise after.
            private static NDArray OddExtension(NDArray x, (int, int)[] widths)
            {
                var (length, n, last) = (x.Aval.Shape[^1], widths[^1].Item1, x.Ndim - 1);
                var before = 2 * Lax.SliceInDim(x, 0, 1, 1, last) - Jnp.Flip(Lax.SliceInDim(x, 1, n + 1, 1, last), last);
                var after = 2 * Lax.SliceInDim(x, length - 1, length, 1, last) - Jnp.Flip(Lax.SliceInDim(x, length - 1 - n, length - 1, 1, last), last);
                return Jnp.Concatenate([before, x, after], last);
            }
        }
    }
}
