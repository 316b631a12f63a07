using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// JAX's order of complex numbers, lexicographic by (real, imaginary): jnp's comparisons compare real parts and,
/// where those are equal, imaginary parts (jnp's _complex_comparison); maximum and minimum pick the operand that
/// compares greater (less), else the second, as lax.max and lax.min of complex values lower; max, min and ptp reduce
/// in that order. A NaN part compares false, as in JAX (NumPy propagates it). The lax primitives themselves stay
/// real-only; clip still refuses complex values, as JAX does.
/// </summary>
public static partial class Jnp
{
    // op in the lexicographic order when the (promoted) operands are complex; op itself otherwise.
    private static Func<NDArray, NDArray, NDArray> Lexicographic(Func<NDArray, NDArray, NDArray> op) => (a, b) =>
    {
        if (!a.DType.IsComplex()) return op(a, b);
        var (ra, rb) = (Lax.Real(a), Lax.Real(b));
        return Where(Equal(ra, rb), op(Lax.Imag(a), Lax.Imag(b)), op(ra, rb));
    };

    // lax.max or lax.min (real), or for complex operands a where it compares first in pickFirst's sense, else b.
    private static Func<NDArray, NDArray, NDArray> Extremum(Func<NDArray, NDArray, NDArray> real, Func<NDArray, NDArray, NDArray> pickFirst) =>
        (a, b) => a.DType.IsComplex() ? Where(Lexicographic(pickFirst)(a, b), a, b) : real(a, b);

    // The lexicographic max (min) of complex x over axes: the extreme real part, then the extreme imaginary part among
    // the elements that have it.
    private static NDArray ComplexExtremum(NDArray x, int[]? axes, bool keepdims, bool max, string op)
    {
        var normal = Shapes.Axes(axes, x.Ndim, op);
        Func<NDArray, int[], NDArray> reduce = max ? Lax.ReduceMax : Lax.ReduceMin;
        var (re, im) = (Lax.Real(x), Lax.Imag(x));
        var bestRe = Reduce(reduce, re, normal, keepdims: true, op);
        var candidates = Where(Equal(re, bestRe), im, max ? double.NegativeInfinity : double.PositiveInfinity);
        var best = Lax.Complex(bestRe, Reduce(reduce, candidates, normal, keepdims: true, op));
        return keepdims ? best : Lax.Squeeze(best, normal);
    }
}
