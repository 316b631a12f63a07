using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Signal
        {
            /// <summary>The segment layout shared by csd, welch and stft (SciPy's nperseg, noverlap, nfft).</summary>
            private sealed record SegmentPlan(int Nperseg, int Step, int Nfft, bool Onesided);

            private static SegmentPlan PlanSegments(string op, NDArray window, int length, int? nperseg, int? noverlap,
                int? nfft, bool onesided)
            {
                var n = window.Aval.Shape[0];
                if (nperseg is { } requested && requested != n)
                    throw new ArgumentException($"{op}: nperseg {requested} differs from the window's length {n}", nameof(nperseg));
                if (n > length) throw new ArgumentException($"{op}: the window ({n} points) is longer than the input ({length})", nameof(window));
                var overlap = noverlap ?? n / 2;
                if (overlap < 0 || overlap >= n)
                    throw new ArgumentException($"{op}: noverlap must be in [0, nperseg), got {overlap} with nperseg {n}", nameof(noverlap));
                var points = nfft ?? n;
                if (points < n) throw new ArgumentException($"{op}: nfft must be at least nperseg, got {points} < {n}", nameof(nfft));
                return new SegmentPlan(n, n - overlap, points, onesided);
            }

            /// <summary>The segment length: nperseg, else 256 shortened to the input (as SciPy, which warns), or
            /// the length of an explicit window.</summary>
            private static int SegmentLength(string op, SignalWindow window, int length, int? nperseg)
            {
                if (nperseg is < 1) throw new ArgumentException($"{op}: nperseg must be a positive integer, got {nperseg}", nameof(nperseg));
                if (window.Values is { } w) return w.Ndim == 1 ? w.Aval.Shape[0] : throw new ShapeException($"{op}: window must be one-dimensional");
                return Math.Min(nperseg ?? 256, length);
            }

            /// <summary>The windowed (and detrended) FFTs of the overlapping segments of <paramref name="x"/>'s last
            /// axis: shape [..., segments, frequencies].</summary>
            private static NDArray SegmentSpectra(NDArray x, NDArray window, SegmentPlan plan, string? detrend)
            {
                var length = x.Aval.Shape[^1];
                var count = (length - plan.Nperseg) / plan.Step + 1;
                var starts = Jnp.Arange(0, count * plan.Step, plan.Step);
                var offsets = Jnp.Arange(plan.Nperseg);
                var index = Jnp.ExpandDims(starts, 1) + Jnp.ExpandDims(offsets, 0);
                var segments = Jnp.Take(x, index, -1);
                if (detrend is not null) segments = Detrend(segments, -1, detrend);
                segments = segments * window;
                return plan.Onesided ? Jnp.FFT.Rfft(segments, plan.Nfft) : Jnp.FFT.Fft(segments, plan.Nfft);
            }

            /// <summary>The sample frequencies of the segment spectra.</summary>
            private static NDArray Frequencies(SegmentPlan plan, double fs, DType dtype) => Jnp.Astype(plan.Onesided
                ? Jnp.FFT.Rfftfreq(plan.Nfft, 1 / fs) : Jnp.FFT.Fftfreq(plan.Nfft, 1 / fs), dtype);

            private static string? CheckDetrend(string op, string? detrend) => detrend is null or "constant" or "linear"
                ? detrend : throw new ArgumentException($"{op}: unknown detrend '{detrend}' (known: constant, linear, or null for none)", nameof(detrend));

            private static DType RealDType(DType dtype) => dtype switch
            {
                DType.Complex64 => DType.Float32,
                DType.Complex128 => DType.Float64,
                _ => dtype,
            };
        }
    }
}
