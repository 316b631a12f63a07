using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.resize: an array of <paramref name="newShape"/> filled with the elements of <paramref name="a"/> in
    /// row-major order, repeated cyclically as often as needed (not zero-padded: that is NDArray's resize in NumPy).
    /// An empty input or shape gives zeros of a's dtype.
    /// </summary>
    public static NDArray Resize(NDArray a, params int[] newShape)
    {
        if (newShape.Any(d => d < 0))
            throw new ArgumentException($"resize: all dimensions of the new shape must be non-negative, got {Shapes.Format(newShape)}", nameof(newShape));
        var newSize = newShape.Aggregate(1L, (p, d) => p * d);
        if (newSize > int.MaxValue) throw new ArgumentException($"resize: the new shape {Shapes.Format(newShape)} is too large", nameof(newShape));
        if (a.Size == 0 || newSize == 0) return Zeros(newShape, a.DType);
        return Lax.Reshape(TileToSize(Ravel(a), (int)newSize), newShape);
    }
}
