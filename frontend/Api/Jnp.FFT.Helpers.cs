using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class FFT
    {
        /// <summary>The sample frequencies of an n-point DFT with sample spacing d: [0, 1, ..., -1] / (d n).</summary>
        public static NDArray Fftfreq(int n, double d = 1.0, DType? dtype = null)
        {
            if (n < 1) throw new ArgumentException($"fftfreq: n must be positive, got {n}", nameof(n));
            var k = Lax.Iota(DType.Int32, n);
            // Indices past (n - 1) / 2 stand for negative frequencies.
            var signed = Jnp.Where(k > (n - 1) / 2, k - n, k);
            return Lax.ConvertElementType(signed, dtype ?? TypePromotion.DefaultFloat) * (1 / (d * n));
        }

        /// <summary>The non-negative sample frequencies of rfft: [0, 1, ..., n / 2] / (d n).</summary>
        public static NDArray Rfftfreq(int n, double d = 1.0, DType? dtype = null)
        {
            if (n < 1) throw new ArgumentException($"rfftfreq: n must be positive, got {n}", nameof(n));
            return Lax.ConvertElementType(Lax.Iota(DType.Int32, n / 2 + 1), dtype ?? TypePromotion.DefaultFloat) * (1 / (d * n));
        }

        /// <summary>Moves the zero frequency to the centre: a roll by n / 2 along each axis (default: all).</summary>
        public static NDArray Fftshift(NDArray x, int[]? axes = null) => Shift(x, axes, forward: true);

        /// <summary>The inverse of <see cref="Fftshift"/>: a roll by -(n / 2).</summary>
        public static NDArray Ifftshift(NDArray x, int[]? axes = null) => Shift(x, axes, forward: false);

        private static NDArray Shift(NDArray x, int[]? axes, bool forward)
        {
            foreach (var axis in axes ?? Enumerable.Range(0, x.Ndim).ToArray())
            {
                var n = x.Shape[Shapes.Axis(axis, x.Ndim, forward ? "fftshift" : "ifftshift")];
                x = Roll(x, forward ? n / 2 : -(n / 2), axis);
            }
            return x;
        }
    }
}
