using System.Numerics;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.roots: the roots of the polynomial p[0] x^(n-1) + ... + p[n-1], as the eigenvalues
    /// (<see cref="Linalg.Eigvals"/>) of its companion matrix, so they are complex (complex64, or complex128 for
    /// float64 coefficients) and differentiable with respect to the coefficients where they are simple. As in NumPy,
    /// leading zeros are stripped (they lower the degree) and each trailing zero gives a root 0, placed last; all-zero
    /// coefficients, or fewer than two, give no roots. Stripping needs the coefficients' values, so under Jit or Vmap
    /// pass <paramref name="stripZeros"/> false (JAX's strip_zeros): the result then always has n - 1 entries, the
    /// roots first and NaN + NaN i for each leading zero.
    /// </summary>
    /// <exception cref="ShapeException">p has more than one axis.</exception>
    /// <exception cref="ConcretizationTypeError">stripZeros with traced coefficients.</exception>
    public static NDArray Roots(NDArray p, bool stripZeros = true)
    {
        var x = Atleast1d(PromoteInexact(p)[0]);
        if (x.Ndim != 1) throw new ShapeException($"roots: the coefficients must be a rank-1 array, got shape {Shapes.Format(x.Shape)}");
        var complex = x.DType.ToComplex();
        var n = x.Shape[0];
        if (n < 2) return Zeros([0], complex);
        if (!stripZeros) return RootsPadded(x);
        var known = (x.IsConcrete ? x : x.Tracer!.TryConcrete()) ?? throw new ConcretizationTypeError(
            "roots: the number of roots depends on the leading zeros of the coefficients, which are traced here; pass stripZeros: " +
            "false (leading zeros then give NaN roots), as JAX asks");
        var zero = known.ToArray<Complex>().Select(c => c == Complex.Zero).ToArray();
        var leading = zero.TakeWhile(z => z).Count();
        if (leading == n) return Zeros([0], complex);
        var trailing = zero.Reverse().TakeWhile(z => z).Count();
        var core = Lax.SliceInDim(x, leading, n - trailing, axis: 0);
        var roots = core.Shape[0] < 2 ? Zeros([0], complex) : Linalg.Eigvals(Companion(core));
        return trailing == 0 ? roots : Concatenate([roots, Zeros([trailing], complex)]);
    }

    // The companion matrix of p (p[0] != 0): its first row is -p[1:] / p[0], ones lie below the diagonal.
    private static NDArray Companion(NDArray p)
    {
        var m = p.Shape[0];
        var first = -Lax.SliceInDim(p, 1, m, axis: 0) / Lax.SliceInDim(p, 0, 1, axis: 0);
        return Concatenate([ExpandDims(first, 0), Eye(m - 2, m - 1, dtype: p.DType)]);
    }

    // JAX's roots with strip_zeros=False: the k leading zeros are rolled to the end, where they become k exact zero
    // eigenvalues of the companion matrix (balancing isolates them); those are sorted last and replaced by NaN.
    private static NDArray RootsPadded(NDArray p)
    {
        var n = p.Shape[0];
        var isZero = Equal(p, ZerosLike(p));
        var leading = Where(All(isZero), n, Argmin(isZero.Astype(DType.Int32)));
        var safe = Where(Equal(leading, n), OnesLike(p), p);
        var rolled = Take(safe, (Arange(n) + leading) % n, mode: TakeMode.Clip);
        var roots = Linalg.Eigvals(Companion(rolled));
        var zerosLast = Argsort(Equal(roots, ZerosLike(roots)).Astype(DType.Int32));
        roots = Take(roots, zerosLast, mode: TakeMode.Clip);
        var kept = Less(Arange(n - 1), n - 1 - leading);
        return Where(kept, roots, FullLike(roots, new Complex(double.NaN, double.NaN)));
    }
}
