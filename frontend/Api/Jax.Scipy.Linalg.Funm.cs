using JaxNet.Core;
using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.funm: f(A) for a square matrix A [n, n] and a scalar function <paramref name="func"/>,
            /// elementwise on a vector (it is called once, on the eigenvalues). As SciPy and JAX: the complex Schur form
            /// A = Z T Zᴴ (<see cref="Schur"/>, then <see cref="Rsf2csf"/>), F = f(T) by Parlett's recurrence
            /// (Golub and Van Loan's algorithm 11.1.1), the result Z F Zᴴ. As JAX's, the result is complex (complex64
            /// for float32 input) even where f(A) is real; integers promote to the default float. Parlett's recurrence
            /// divides by differences of eigenvalues, so repeated or close eigenvalues lose accuracy: a difference that
            /// is exactly zero leaves its numerator undivided, as in SciPy and JAX, which is wrong unless that
            /// numerator is zero (use <see cref="FunmWithError"/> to see the estimate). One matrix, as in JAX (vmap for
            /// a batch); works under Jit and Vmap. No derivative, as Schur has none. Each of the n − 1 superdiagonals
            /// costs two n x n products: O(n⁴) in all.
            /// </summary>
            /// <exception cref="ShapeException">a is not a square matrix, or func does not return one value per
            /// eigenvalue.</exception>
            public static NDArray Funm(NDArray a, Func<NDArray, NDArray> func) => ParlettFunction.Evaluate(a, func).F;

            /// <summary>
            /// scipy.linalg.funm with disp=False: <see cref="Funm"/> and SciPy's estimate of its relative error in the
            /// 1-norm, min(1, max(eps, eps / δ · ‖strict upper triangle of T‖₁)), δ the smallest gap between
            /// eigenvalues (and |T[0, 0]|), infinite when F has an entry that is not finite (SciPy: infinite; here NaN too,
            /// as an infinity becomes NaN in complex products). C# cannot change the return type on
            /// a flag, so this is a method of its own.
            /// </summary>
            /// <inheritdoc cref="Funm" path="/exception"/>
            public static (NDArray F, NDArray Error) FunmWithError(NDArray a, Func<NDArray, NDArray> func)
            {
                var result = ParlettFunction.Evaluate(a, func);
                return (result.F, result.ErrorEstimate());
            }
        }
    }
}

/// <summary>A function of a matrix through its complex Schur form and Parlett's recurrence.</summary>
internal sealed record ParlettFunction(NDArray F, NDArray T)
{
    public static ParlettFunction Evaluate(NDArray a, Func<NDArray, NDArray> func)
    {
        if (a.Ndim != 2 || a.Shape[0] != a.Shape[1])
            throw new ShapeException($"funm: a must be a square matrix (2 dimensions; vmap for a batch), got shape {Shapes.Format(a.Shape)}");
        var n = a.Shape[0];
        var (realT, realZ) = Jax.Scipy.Linalg.Schur(a);
        var (t, z) = Jax.Scipy.Linalg.Rsf2csf(realT, realZ);
        if (n == 0) return new(t, t);
        var eigenvalues = Diagonal(t);
        var values = func(eigenvalues);
        if (!Shapes.Equal(values.Shape, [n]))
            throw new ShapeException($"funm: func must return one value per eigenvalue, shape [{n}], got {Shapes.Format(values.Shape)}");
        var f = Jnp.Diag(values.Astype(t.DType));
        var superdiagonal = Iota([n, n], 1) - Iota([n, n], 0);
        var gap = EigenvalueGaps(eigenvalues);
        // With the superdiagonals below p filled and the rest zero, (T F − F T)[i, i + p] is exactly Parlett's
        // numerator T_ij (F_jj − F_ii) + Σ_{i<k<j} (T_ik F_kj − F_ik T_kj), so each step fills one whole superdiagonal.
        f = Jax.Lax.ForiLoop(1, n, (p, filled) =>
        {
            var numerator = Jnp.Matmul(t, filled) - Jnp.Matmul(filled, t);
            var quotient = Jnp.Where(Jnp.NotEqual(gap, 0.0), numerator / gap, numerator);
            return Jnp.Where(Jnp.Equal(superdiagonal, p), quotient, filled);
        }, f);
        return new(Jnp.Matmul(Jnp.Matmul(z, f), H(z)), t);
    }

    /// <summary>SciPy's error estimate (funm's errest), infinite when F has an entry that is not finite.</summary>
    public NDArray ErrorEstimate()
    {
        var realType = F.DType.RealPart();
        var eps = Jnp.Finfo(realType).Eps;
        var n = T.Shape[0];
        if (n == 0) return Jnp.Zeros([], realType);
        var strictlyUpper = Iota([n, n], 1) > Iota([n, n], 0);
        var gaps = Jnp.Where(strictlyUpper, Jnp.Abs(EigenvalueGaps(Diagonal(T))), double.PositiveInfinity);
        var smallestGap = Jnp.Minimum(Jnp.Abs(T[0, 0]), Jnp.Min(gaps));
        smallestGap = Jnp.Where(Jnp.Equal(smallestGap, 0.0), eps, smallestGap);
        var departure = Jnp.Max(Jnp.Sum(Jnp.Abs(Jnp.Triu(T, 1)), axis: 0));
        var estimate = Jnp.Minimum(Jnp.Maximum(eps / smallestGap * departure, eps), 1.0);
        // SciPy reports an infinite F as an infinite error. A NaN F counts too: an infinity turns into NaN on its way
        // through Z F Zᴴ (complex products with an infinite factor), and a NaN result is no more accurate.
        var finite = Jnp.IsFinite(Jnp.Real(F)) & Jnp.IsFinite(Jnp.Imag(F));
        return Jnp.Where(Jnp.Any(!finite), double.PositiveInfinity, estimate);
    }

    // gap[i, j] = T_jj − T_ii.
    private static NDArray EigenvalueGaps(NDArray eigenvalues) => Jnp.ExpandDims(eigenvalues, 0) - Jnp.ExpandDims(eigenvalues, 1);
}
