using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>The output size of <see cref="Jnp.Convolve"/> and <see cref="Jnp.Correlate"/> (jnp's <c>mode</c>).</summary>
public enum ConvolveMode
{
    /// <summary>Every overlap: length n + m - 1.</summary>
    Full,

    /// <summary>The length of the longer input, centred on the full result.</summary>
    Same,

    /// <summary>Complete overlaps only: length max(n, m) - min(n, m) + 1.</summary>
    Valid,
}

/// <summary>One-dimensional convolution and cross-correlation as JAX computes them: one conv_general_dilated on the
/// operands promoted to a float type (so they differentiate and batch as convolutions do).</summary>
public static partial class Jnp
{
    /// <summary>The discrete linear convolution of two vectors (full by default).</summary>
    public static NDArray Convolve(NDArray a, NDArray v, ConvolveMode mode = ConvolveMode.Full) => Conv1d(a, v, mode, "convolve");

    /// <summary>The cross-correlation of two vectors, sum_n a[n + k] conj(v[n]) (valid by default).</summary>
    public static NDArray Correlate(NDArray a, NDArray v, ConvolveMode mode = ConvolveMode.Valid) => Conv1d(a, v, mode, "correlate");

    private static NDArray Conv1d(NDArray x, NDArray y, ConvolveMode mode, string op)
    {
        if (x.Ndim != 1 || y.Ndim != 1)
            throw new ShapeException($"{op}: only one-dimensional inputs are supported, got shapes {Shapes.Format(x.Aval.Shape)} and {Shapes.Format(y.Aval.Shape)}");
        var p = PromoteInexact(x, y);
        (x, y) = (p[0], p[1]);
        if (x.Size == 0 || y.Size == 0)
            throw new ShapeException($"{op}: inputs cannot be empty, got shapes {Shapes.Format(x.Aval.Shape)} and {Shapes.Format(y.Aval.Shape)}");
        // NumPy's correlation conjugates v; the swap below keeps the conjugate where it belongs, as in JAX.
        if (op == "correlate") y = Conj(y);
        var reverseOutput = false;
        if (x.Size < y.Size)
        {
            (x, y) = (y, x);
            reverseOutput = op == "correlate";
        }
        // conv_general_dilated correlates; a convolution correlates with the flipped kernel.
        if (op == "convolve") y = Lax.Rev(y, [0]);
        var m = y.Aval.Shape[0];
        var padding = mode switch
        {
            ConvolveMode.Valid => (0, 0),
            ConvolveMode.Same => (m / 2, m - m / 2 - 1),
            ConvolveMode.Full => (m - 1, m - 1),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{op}: unknown mode"),
        };
        var result = Lax.ConvGeneralDilated(Lax.Reshape(x, [1, 1, x.Aval.Shape[0]]), Lax.Reshape(y, [1, 1, m]), [1], [padding]);
        result = Lax.Reshape(result, [result.Aval.Shape[2]]);
        return reverseOutput ? Lax.Rev(result, [0]) : result;
    }
}
