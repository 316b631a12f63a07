namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>
        /// jax.scipy.fft: the discrete cosine transform of type 2 and its inverse, as scipy.fft defines them
        /// (JAX implements type 2 only, and so does JaxNet). Each is one complex FFT of the input reordered
        /// (Makhoul's even-odd permutation) and a twiddle, so it runs wherever the fft primitive does and is
        /// differentiable, jittable and batchable through it. Norms: Backward (scipy's default, no scaling on dct,
        /// 1/(2N) on idct), Ortho (the orthonormal transform), and Forward (scipy's, which JAX lacks: 1/(2N) on dct).
        /// </summary>
        public static class Fft
        {
            /// <summary>scipy.fft.dct: y[k] = 2 Σ x[n] cos(πk(2n+1)/(2N)) along <paramref name="axis"/> (then scaled per norm).</summary>
            public static NDArray Dct(NDArray x, int type = 2, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
                Dctn(x, type, n is { } m ? [m] : null, [axis], norm, "dct");

            /// <summary>scipy.fft.idct: the inverse of <see cref="Dct"/> with the same norm (a scaled DCT of type 3).</summary>
            public static NDArray Idct(NDArray x, int type = 2, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
                Idctn(x, type, n is { } m ? [m] : null, [axis], norm, "idct");

            /// <summary>scipy.fft.dctn: <see cref="Dct"/> along each of <paramref name="axes"/> (all by default).</summary>
            public static NDArray Dctn(NDArray x, int type = 2, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
                Dctn(x, type, s, axes, norm, "dctn");

            /// <summary>scipy.fft.idctn: <see cref="Idct"/> along each of <paramref name="axes"/> (all by default).</summary>
            public static NDArray Idctn(NDArray x, int type = 2, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
                Idctn(x, type, s, axes, norm, "idctn");

            private static NDArray Dctn(NDArray x, int type, int[]? s, int[]? axes, FftNorm norm, string name) =>
                Along(x, type, s, axes, name, (v, length) => Scale(Type2(v), norm, length, inverse: false));

            private static NDArray Idctn(NDArray x, int type, int[]? s, int[]? axes, FftNorm norm, string name) =>
                Along(x, type, s, axes, name, (v, length) => Type3(Scale(v, norm, length, inverse: true)));

            /// <summary>
            /// Checks the arguments, fits each axis to its length and applies <paramref name="transform"/> to the
            /// last axis of the array with that axis moved last; complex input is transformed as its real and
            /// imaginary parts (both transforms are real and linear).
            /// </summary>
            private static NDArray Along(NDArray x, int type, int[]? s, int[]? axes, string name, Func<NDArray, int, NDArray> transform)
            {
                if (type != 2)
                    throw new NotSupportedException($"{name}: only the DCT of type 2 is implemented (as in JAX), got type {type}");
                var resolved = Jnp.FFT.Axes(name, axes ?? Jnp.FFT.DefaultAxes(x, s), x.Ndim);
                if (s is not null && s.Length != resolved.Length)
                    throw new ArgumentException($"{name}: {s.Length} lengths for {resolved.Length} axes", nameof(s));
                if (x.DType.IsComplex())
                    return Lax.Complex(Along(Jnp.Real(x), type, s, resolved, name, transform), Along(Jnp.Imag(x), type, s, resolved, name, transform));
                var y = Jnp.FFT.AsInexact(x);
                for (var i = 0; i < resolved.Length; i++)
                {
                    var length = s?[i] ?? y.Shape[resolved[i]];
                    if (length < 1) throw new ArgumentException($"{name}: invalid number of data points ({length}) along axis {resolved[i]}");
                    var last = Jnp.Moveaxis(Lax.FitAxis(y, resolved[i], length), resolved[i], -1);
                    y = Jnp.Moveaxis(transform(last, length), -1, resolved[i]);
                }
                return y;
            }

            /// <summary>
            /// The unscaled DCT-II of the last axis: the FFT of v = (x0, x2, x4, ..., x5, x3, x1) gives
            /// y[k] = 2 Re(e^(-iπk/(2N)) V[k]).
            /// </summary>
            private static NDArray Type2(NDArray x)
            {
                var n = x.Shape[^1];
                var last = x.Ndim - 1;
                var evens = Lax.SliceInDim(x, 0, n, 2, last);
                var odds = Lax.Rev(Lax.SliceInDim(x, 1, n, 2, last), [last]);
                var spectrum = Jnp.FFT.Fft(n == 1 ? evens : Lax.Concatenate([evens, odds], last), axis: -1);
                var (cos, sin) = Twiddles(n, x.DType);
                // Re(e^(-iθ) V) = Re V cos θ + Im V sin θ.
                return (Lax.Real(spectrum) * cos + Lax.Imag(spectrum) * sin) * 2;
            }

            /// <summary>
            /// The inverse of <see cref="Type2"/>: for real v the spectrum is Hermitian, so V[k] = e^(iπk/(2N))
            /// (y[k] - i y[N-k]) / 2 (with y[N] = 0); v is the real part of its inverse FFT, and x interleaves v's
            /// front with its reversed back.
            /// </summary>
            private static NDArray Type3(NDArray y)
            {
                var n = y.Shape[^1];
                var last = y.Ndim - 1;
                var zero = Jnp.ZerosLike(Lax.SliceInDim(y, 0, 1, 1, last));
                var mirrored = n == 1 ? zero : Lax.Concatenate([zero, Lax.Rev(Lax.SliceInDim(y, 1, n, 1, last), [last])], last);
                var (cos, sin) = Twiddles(n, y.DType);
                // e^(iθ) (a - ib) = (a cos θ + b sin θ) + i (a sin θ - b cos θ), halved.
                var spectrum = Lax.Complex((y * cos + mirrored * sin) * 0.5, (y * sin - mirrored * cos) * 0.5);
                var v = Lax.Real(Jnp.FFT.Ifft(spectrum, axis: -1));
                if (n == 1) return v;
                var front = (n + 1) / 2;
                var rank = y.Ndim;
                (int, int, int)[] Spread(int low, int high) =>
                    [.. Enumerable.Range(0, rank).Select(d => d == last ? (low, high, 1) : (0, 0, 0))];
                // x[2j] = v[j] and x[2j + 1] = v[N - 1 - j]: the two halves spread out with interior zeros and summed.
                var even = Lax.Pad(Lax.SliceInDim(v, 0, front, 1, last), 0, Spread(0, n - (2 * front - 1)));
                var back = n - front;
                var odd = Lax.Pad(Lax.Rev(Lax.SliceInDim(v, front, n, 1, last), [last]), 0, Spread(1, n - 2 * back));
                return even + odd;
            }

            /// <summary>cos and sin of πk/(2N) for k = 0..N-1, computed in double and stored in the data's dtype.</summary>
            private static (NDArray Cos, NDArray Sin) Twiddles(int n, DType dtype)
            {
                var angles = Enumerable.Range(0, n).Select(k => Math.PI * k / (2.0 * n)).ToArray();
                return (Jnp.Array(angles.Select(Math.Cos).ToArray()).Astype(dtype), Jnp.Array(angles.Select(Math.Sin).ToArray()).Astype(dtype));
            }

            /// <summary>
            /// The norm's factor on the unscaled DCT-II (and its reciprocal before the unscaled inverse): Ortho
            /// multiplies y[0] by sqrt(1/(4N)) and the rest by sqrt(1/(2N)); Forward divides by 2N on the way in and
            /// Backward on the way back.
            /// </summary>
            private static NDArray Scale(NDArray y, FftNorm norm, int n, bool inverse)
            {
                switch (norm)
                {
                    case FftNorm.Backward: return y;
                    case FftNorm.Forward: return inverse ? y * (2.0 * n) : y * (1 / (2.0 * n));
                    case FftNorm.Ortho:
                        var factors = Enumerable.Range(0, n).Select(k => Math.Sqrt(1 / ((k == 0 ? 4.0 : 2.0) * n))).Select(f => inverse ? 1 / f : f);
                        return y * Jnp.Array(factors.ToArray()).Astype(y.DType);
                    default: throw new ArgumentOutOfRangeException(nameof(norm), norm, "not a norm");
                }
            }
        }
    }
}
