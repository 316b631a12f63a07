using JaxNet.Core;
using JaxNet.Primitives;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>How a transform pair is scaled (NumPy's norm): by 1/n on the inverse, 1/sqrt(n) both ways, or 1/n forward.</summary>
public enum FftNorm
{
    Backward,
    Ortho,
    Forward,
}

public static partial class Jnp
{
    /// <summary>
    /// jax.numpy.fft (C# cannot name a class and its method both Fft, hence FFT): NumPy's transforms, lengths
    /// (<c>n</c>, <c>s</c>: crop or zero-pad), axes and norms, on the fft primitive. The requested axes are moved
    /// last for the primitive and back.
    /// </summary>
    public static partial class FFT
    {
        public static NDArray Fft(NDArray a, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
            Transform(a, n is { } m ? [m] : null, [axis], norm, FftType.Fft, "fft");

        public static NDArray Ifft(NDArray a, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
            Transform(a, n is { } m ? [m] : null, [axis], norm, FftType.Ifft, "ifft");

        public static NDArray Fft2(NDArray a, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
            Transform(a, s, axes ?? [-2, -1], norm, FftType.Fft, "fft2");

        public static NDArray Ifft2(NDArray a, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
            Transform(a, s, axes ?? [-2, -1], norm, FftType.Ifft, "ifft2");

        /// <summary>Over <paramref name="axes"/> (default: the last len(s) axes, or all).</summary>
        public static NDArray Fftn(NDArray a, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
            Transform(a, s, axes ?? DefaultAxes(a, s), norm, FftType.Fft, "fftn");

        public static NDArray Ifftn(NDArray a, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
            Transform(a, s, axes ?? DefaultAxes(a, s), norm, FftType.Ifft, "ifftn");

        /// <summary>The n/2 + 1 non-negative frequencies of a real signal.</summary>
        public static NDArray Rfft(NDArray a, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
            Transform(a, n is { } m ? [m] : null, [axis], norm, FftType.Rfft, "rfft");

        /// <summary>The real signal of length n (default 2 (m - 1)) whose rfft is <paramref name="a"/>.</summary>
        public static NDArray Irfft(NDArray a, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
            Transform(a, n is { } m ? [m] : null, [axis], norm, FftType.Irfft, "irfft");

        public static NDArray Rfft2(NDArray a, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
            Transform(a, s, axes ?? [-2, -1], norm, FftType.Rfft, "rfft2");

        public static NDArray Irfft2(NDArray a, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
            Transform(a, s, axes ?? [-2, -1], norm, FftType.Irfft, "irfft2");

        public static NDArray Rfftn(NDArray a, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
            Transform(a, s, axes ?? DefaultAxes(a, s), norm, FftType.Rfft, "rfftn");

        public static NDArray Irfftn(NDArray a, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
            Transform(a, s, axes ?? DefaultAxes(a, s), norm, FftType.Irfft, "irfftn");

        /// <summary>The real spectrum of a signal with Hermitian symmetry: irfft of its conjugate, scaled the other way.</summary>
        public static NDArray Hfft(NDArray a, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
            Irfft(Conj(AsInexact(a)), n, axis, Swapped(norm));

        /// <summary>The inverse of <see cref="Hfft"/>: the conjugate of rfft, scaled the other way.</summary>
        public static NDArray Ihfft(NDArray a, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
            Conj(Rfft(a, n, axis, Swapped(norm)));

        // Scaling: Backward leaves the forward transform alone and the primitive's inverse carries 1/n; the others
        // rescale the result by the product of the transformed lengths.
        private static NDArray Transform(NDArray a, int[]? s, int[] axes, FftNorm norm, FftType type, string name)
        {
            var real = type is FftType.Rfft;
            if (real && a.DType.IsComplex()) throw new ArgumentException($"{name}: takes a real array, got {a.Aval.Str()}", nameof(a));
            var x = real ? AsInexact(a) : ToComplexArray(a);
            var resolved = Axes(name, axes, x.Ndim);
            if (s is not null && s.Length != resolved.Length)
                throw new ArgumentException($"{name}: {s.Length} lengths for {resolved.Length} axes", nameof(s));
            if (resolved.Length == 0) return x;
            var k = resolved.Length;
            // Move the transformed axes last, in the order given.
            var rest = Enumerable.Range(0, x.Ndim).Where(d => !resolved.Contains(d)).ToArray();
            int[] perm = [.. rest, .. resolved];
            x = Lax.Transpose(x, perm);
            var inverseReal = type == FftType.Irfft;
            var lengths = new int[k];
            for (var i = 0; i < k; i++)
            {
                var axis = x.Ndim - k + i;
                var last = i == k - 1;
                lengths[i] = s?[i] ?? (inverseReal && last ? 2 * (x.Shape[axis] - 1) : x.Shape[axis]);
                if (lengths[i] < 1) throw new ArgumentException($"{name}: invalid number of data points ({lengths[i]}) along axis {resolved[i]}");
                // The real inverse reads n/2 + 1 values of its last axis; every other axis is cropped or padded to n.
                if (!(inverseReal && last)) x = Lax.FitAxis(x, axis, lengths[i]);
            }
            var y = Lax.Fft(x, type, lengths);
            y = Scale(y, norm, type is FftType.Ifft or FftType.Irfft, lengths.Aggregate(1.0, (p, q) => p * q));
            return Lax.Transpose(y, Shapes.InversePermutation(perm));
        }

        private static NDArray Scale(NDArray y, FftNorm norm, bool inverse, double n) => (norm, inverse) switch
        {
            (FftNorm.Backward, _) => y,
            (FftNorm.Ortho, false) => y * (1 / Math.Sqrt(n)),
            (FftNorm.Ortho, true) => y * Math.Sqrt(n),
            (FftNorm.Forward, false) => y * (1 / n),
            _ => y * n,
        };

        private static FftNorm Swapped(FftNorm norm) => norm switch
        {
            FftNorm.Backward => FftNorm.Forward,
            FftNorm.Forward => FftNorm.Backward,
            _ => FftNorm.Ortho,
        };

        /// <summary>NumPy's axes when none are given: the last len(s) axes, or all of them without s.</summary>
        internal static int[] DefaultAxes(NDArray a, int[]? s) =>
            Enumerable.Range(s is null ? 0 : a.Ndim - s.Length, s?.Length ?? a.Ndim).ToArray();

        /// <summary>The axes made non-negative; out-of-range or repeated ones are an ArgumentException naming the transform.</summary>
        internal static int[] Axes(string name, int[] axes, int rank)
        {
            var resolved = axes.Select(d => d < 0 ? d + rank : d).ToArray();
            if (resolved.Any(d => d < 0 || d >= rank)) throw new ArgumentException($"{name}: axes ({string.Join(", ", axes)}) out of range for rank {rank}");
            if (resolved.Distinct().Count() != resolved.Length) throw new ArgumentException($"{name}: repeated axes ({string.Join(", ", axes)})");
            return resolved;
        }

        internal static NDArray AsInexact(NDArray a) => a.DType.IsInexact() ? a : Lax.ConvertElementType(a, TypePromotion.DefaultFloat);

        private static NDArray ToComplexArray(NDArray a) => a.DType.IsComplex() ? a : Lax.ConvertElementType(a, AsInexact(a).DType.ToComplex());
    }
}
