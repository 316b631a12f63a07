using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.polydiv as JAX computes it: the quotient and remainder of u / v (coefficient vectors, highest power
    /// first) by long division, in a float type. The quotient has max(len(u) - len(v) + 1, 1) coefficients; the
    /// remainder keeps u's length, its leading entries (near) zero, so the shapes are static and it works under Jit
    /// and Grad. With <paramref name="trimLeadingZeros"/> the remainder's leading entries below sqrt(eps) in
    /// magnitude are removed, as NumPy does; that depends on the values, so it needs concrete inputs.
    /// </summary>
    public static (NDArray Quotient, NDArray Remainder) Polydiv(NDArray u, NDArray v, bool trimLeadingZeros = false)
    {
        var p = PromoteInexact(u, v);
        var (dividend, divisor) = (p[0], p[1]);
        if (dividend.Ndim != 1 || divisor.Ndim != 1)
            throw new ShapeException($"polydiv: the coefficients must be one-dimensional, got shapes {Shapes.Format(dividend.Aval.Shape)} and {Shapes.Format(divisor.Aval.Shape)}");
        if (divisor.Aval.Shape[0] == 0) throw new ShapeException("polydiv: the divisor has no coefficients");
        var (m, n) = (dividend.Aval.Shape[0] - 1, divisor.Aval.Shape[0] - 1);
        var scale = 1.0 / Lax.SliceInDim(divisor, 0, 1);
        var quotient = new NDArray[Math.Max(m - n + 1, 1)];
        if (m - n + 1 < 1) quotient[0] = Zeros([1], dividend.DType);
        for (var k = 0; k <= m - n; k++)
        {
            quotient[k] = scale * Lax.SliceInDim(dividend, k, k + 1);
            dividend = dividend.At[k..(k + n + 1)].Add(-quotient[k] * divisor);
        }
        var remainder = trimLeadingZeros ? TrimSmallLeading(dividend) : dividend;
        return (Lax.Concatenate(quotient, 0), remainder);
    }

    // The remainder without its leading entries below sqrt(eps) in magnitude (all of them: empty).
    private static NDArray TrimSmallLeading(NDArray r)
    {
        if (!r.IsConcrete)
            throw new ConcretizationTypeError("polydiv: trimLeadingZeros makes the remainder's length depend on its values, which are traced here; trim after the transformation");
        var tolerance = Math.Sqrt(Spectral.Matrices.Epsilon(r.DType));
        var small = Less(Abs(r), tolerance).ToArray<bool>();
        var first = System.Array.IndexOf(small, false);
        return first < 0 ? Lax.SliceInDim(r, 0, 0) : Lax.SliceInDim(r, first, small.Length);
    }
}
