using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Signal
        {
            /// <summary>
            /// scipy.signal.istft: the inverse of <see cref="Stft"/>, the inverse FFTs of the segments of
            /// <paramref name="zxx"/> windowed again, overlap-added and divided by the overlap-added squared window
            /// (where that exceeds 1e-10, as JAX). nperseg defaults to the length the frequency axis implies
            /// (2·(F − 1) one-sided, F two-sided), noverlap to nperseg / 2. <paramref name="boundary"/> drops the
            /// nperseg / 2 points stft's boundary extension added at each end. <paramref name="scaling"/> undoes
            /// stft's ("spectrum" or "psd"). One-sided input gives a real signal, two-sided a complex one. Returns the
            /// sample times and the signal, its time axis where <paramref name="timeAxis"/> was (the frequency axis
            /// removed).
            /// </summary>
            /// <exception cref="ShapeException">zxx has fewer than two dimensions or no segments.</exception>
            /// <exception cref="ArgumentException">The two axes coincide; nperseg below 1; nfft below nperseg;
            /// noverlap outside [0, nperseg); an unknown scaling or window; a window whose length is not nperseg.</exception>
            public static (NDArray Times, NDArray X) Istft(NDArray zxx, double fs = 1.0, SignalWindow? window = null,
                int? nperseg = null, int? noverlap = null, int? nfft = null, bool inputOnesided = true,
                bool boundary = true, int timeAxis = -1, int freqAxis = -2, string scaling = "spectrum")
            {
                const string op = "istft";
                if (zxx.Ndim < 2) throw new ShapeException($"{op}: Zxx must have at least two dimensions, got shape {Shapes.Format(zxx.Aval.Shape)}");
                var (time, freq) = (Shapes.Axis(timeAxis, zxx.Ndim, op), Shapes.Axis(freqAxis, zxx.Ndim, op));
                if (time == freq) throw new ArgumentException($"{op}: the time and frequency axes must differ, both are {time}", nameof(timeAxis));
                var segments = zxx.Aval.Shape[time];
                if (segments == 0) throw new ShapeException($"{op}: Zxx has no segments along its time axis {time}");
                var spectra = Jnp.PromoteInexact(zxx)[0];
                spectra = Jnp.Astype(spectra, spectra.DType.IsComplex() ? spectra.DType : spectra.DType.ToComplex());
                var real = RealDType(spectra.DType);
                var bins = zxx.Aval.Shape[freq];
                var impliedLength = inputOnesided ? 2 * (bins - 1) : bins;
                var n = nperseg ?? impliedLength;
                if (n < 1) throw new ArgumentException($"{op}: nperseg must be a positive integer, got {n}", nameof(nperseg));
                var points = nfft ?? (inputOnesided && n == impliedLength + 1 ? n : impliedLength);
                if (points < n) throw new ArgumentException($"{op}: nfft must be at least nperseg, got {points} < {n}", nameof(nfft));
                var overlap = noverlap ?? n / 2;
                if (overlap < 0 || overlap >= n)
                    throw new ArgumentException($"{op}: noverlap must be in [0, nperseg), got {overlap} with nperseg {n}", nameof(noverlap));
                var win = (window ?? "hann").Resolve(op, n, real);

                // [..., segments, frequencies] -> the segments' samples [..., segments, nperseg], window applied.
                var outer = Enumerable.Range(0, zxx.Ndim).Where(a => a != time && a != freq);
                var rows = Jnp.Transpose(spectra, [.. outer, time, freq]);
                var inverse = inputOnesided ? Jnp.FFT.Irfft(rows, points) : Jnp.FFT.Ifft(rows, points);
                var frames = Lax.SliceInDim(inverse, 0, n, 1, inverse.Ndim - 1) * (win / SegmentScale(op, scaling, win, fs));
                var signal = OverlapAdd(frames, n - overlap);
                var norm = OverlapAdd(Jnp.BroadcastTo(win * win, [segments, n]), n - overlap);
                if (boundary && n / 2 > 0)
                {
                    var end = signal.Aval.Shape[^1] - n / 2;
                    signal = Lax.SliceInDim(signal, n / 2, end, 1, signal.Ndim - 1);
                    norm = Lax.SliceInDim(norm, n / 2, end, 1, 0);
                }
                signal = signal / Jnp.Where(Jnp.Greater(norm, 1e-10), norm, Jnp.OnesLike(norm));
                var outputAxis = freq < time ? time - 1 : time;
                var times = Jnp.Astype(Jnp.Arange(signal.Aval.Shape[^1]), real) / fs;
                return (times, Jnp.Moveaxis(signal, -1, outputAxis));
            }

            /// <summary>
            /// The frames [..., T, n] laid <paramref name="step"/> apart and summed where they overlap: [..., (T − 1)·step + n].
            /// Each frame is cut into K = ⌈n / step⌉ chunks of one step; chunk k of frame t lands on output block t + k,
            /// which a zero row per chunk and a reshape that shifts chunk k's rows by k turn into one sum over k.
            /// </summary>
            private static NDArray OverlapAdd(NDArray frames, int step)
            {
                var shape = frames.Aval.Shape;
                var (batch, count, n) = (shape[..^2], shape[^2], shape[^1]);
                var chunks = (n + step - 1) / step;
                var widths = Enumerable.Repeat((0, 0), frames.Ndim).ToArray();
                widths[^1] = (0, chunks * step - n);
                var byChunk = Jnp.Moveaxis(Jnp.Pad(frames, widths).Reshape([.. batch, count, chunks, step]), -2, -3);
                widths = Enumerable.Repeat((0, 0), byChunk.Ndim).ToArray();
                widths[^2] = (0, chunks);
                var flat = Jnp.Pad(byChunk, widths).Reshape([.. batch, chunks * (count + chunks), step]);
                var blocks = count + chunks - 1;
                var shifted = Lax.SliceInDim(flat, 0, chunks * blocks, 1, batch.Length).Reshape([.. batch, chunks, blocks, step]);
                var summed = Jnp.Sum(shifted, batch.Length).Reshape([.. batch, blocks * step]);
                return Lax.SliceInDim(summed, 0, (count - 1) * step + n, 1, batch.Length);
            }
        }
    }
}
