using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// The tapering windows of numpy: bartlett, blackman, hamming, hanning and kaiser, each of length M and symmetric
/// (periodic windows are scipy.signal's). As in JAX: M = 0 gives an empty array, M = 1 a single 1, a negative M is
/// refused; values are the default float type, computed from an iota in the traced program.
/// </summary>
public static partial class Jnp
{
    /// <summary>The triangular window 1 - |2n - M + 1| / (M - 1).</summary>
    public static NDArray Bartlett(int M) => Window(M, "bartlett", n => 1 - Abs(2 * n - (M - 1)) / (M - 1));

    /// <summary>0.42 - 0.5 cos(2πn / (M-1)) + 0.08 cos(4πn / (M-1)).</summary>
    public static NDArray Blackman(int M) =>
        Window(M, "blackman", n => 0.42 - 0.5 * Cos(2 * Math.PI * n / (M - 1)) + 0.08 * Cos(4 * Math.PI * n / (M - 1)));

    /// <summary>0.54 - 0.46 cos(2πn / (M-1)).</summary>
    public static NDArray Hamming(int M) => Window(M, "hamming", n => 0.54 - 0.46 * Cos(2 * Math.PI * n / (M - 1)));

    /// <summary>The Hann window 0.5 - 0.5 cos(2πn / (M-1)).</summary>
    public static NDArray Hanning(int M) => Window(M, "hanning", n => 0.5 - 0.5 * Cos(2 * Math.PI * n / (M - 1)));

    /// <summary>I0(β sqrt(1 - ((n - α)/α)²)) / I0(β) with α = (M-1)/2; β = 0 is a rectangle, larger β narrows it.</summary>
    public static NDArray Kaiser(int M, double beta) => Window(M, "kaiser", n =>
    {
        var alpha = (M - 1) / 2.0;
        var r = (n - alpha) / alpha;
        var i0 = Jax.Scipy.Special.I0;
        return i0(beta * Sqrt(1 - r * r)) / i0(Full([], beta, n.DType));
    });

    private static NDArray Window(int M, string op, Func<NDArray, NDArray> formula)
    {
        if (M < 0) throw new ArgumentException($"{op}: the window length must be non-negative, got {M}", nameof(M));
        var dtype = TypePromotion.DefaultFloat;
        return M <= 1 ? Ones([M], dtype) : formula(Lax.Iota(dtype, M));
    }
}
