using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.poly: the monic polynomial (highest power first) whose roots are <paramref name="seqOfZeros"/>, a
    /// vector, or the characteristic polynomial of a non-empty square matrix (through its eigenvalues, so complex, as
    /// in JAX; NumPy returns real coefficients when the roots come in conjugate pairs). In a float type; no roots
    /// give the scalar 1. Each root multiplies the coefficients by (x - r), a shifted difference that fuses.
    /// </summary>
    public static NDArray Poly(NDArray seqOfZeros)
    {
        var zeros = Atleast1d(PromoteInexact(seqOfZeros)[0]);
        var shape = zeros.Aval.Shape;
        if (shape.Length == 2 && shape[0] == shape[1] && shape[0] != 0) zeros = Linalg.Eigvals(zeros);
        if (zeros.Ndim != 1)
            throw new ShapeException($"poly: the input must be a vector of roots or a non-empty square matrix, got shape {Shapes.Format(shape)}");
        var dtype = zeros.DType;
        var coefficients = Ones([1], dtype);
        var n = zeros.Aval.Shape[0];
        if (n == 0) return Ones([], dtype);
        for (var k = 0; k < n; k++)
        {
            var root = Lax.SliceInDim(zeros, k, k + 1);
            var zero = Zeros([1], dtype);
            coefficients = Lax.Concatenate([coefficients, zero], 0) - root * Lax.Concatenate([zero, coefficients], 0);
        }
        return coefficients;
    }
}
