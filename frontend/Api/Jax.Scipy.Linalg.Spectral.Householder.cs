using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Spectral;

/// <summary>
/// The QR decomposition of one m x n matrix by Householder reflections: for each of the min(m, n) columns (a
/// fori_loop with static bounds, so a scan), the reflection H = I - tau v v^H whose adjoint maps the column's part on
/// and below the diagonal onto the diagonal is applied to R from the left (as H^H) and accumulated into Q from the
/// right, LAPACK's geqrf for real and complex matrices alike.
/// Each step is a few whole-matrix operations, with the rows it touches chosen by masks from an iota. The reflections
/// serve the Hessenberg reduction too.
/// </summary>
internal static class Householder
{
    /// <summary>Q (m x m, orthogonal or unitary) and R (m x n, upper triangular, with a real diagonal) with A = Q R, for
    /// m, n &gt;= 1.</summary>
    public static (NDArray Q, NDArray R) Decompose(NDArray a)
    {
        var (m, n) = (a.Shape[0], a.Shape[1]);
        var scale = Matrices.Scale(a);
        var rows = Lax.Iota(DType.Int32, m);
        var loop = Lax.ForiLoop(0, Math.Min(m, n), (j, c) =>
        {
            var (v, tau) = Reflector(Column(c[0], j), j, rows);
            return [FromLeft(c[0], v, tau), FromRight(c[1], v, tau)];
        }, [a / scale, Jnp.Eye(m, dtype: a.DType)]);
        // Below the diagonal R holds rounding errors of the zeros the reflections made.
        return (loop[1], RealBand(Jnp.Triu(loop[0]), 0) * scale);
    }

    /// <summary>
    /// <paramref name="a"/> with the real part alone on its diagonal <paramref name="k"/>: the reflections made those
    /// entries real numbers beta, up to an imaginary rounding error that LAPACK does not leave either. Real matrices
    /// are returned as they are.
    /// </summary>
    public static NDArray RealBand(NDArray a, int k)
    {
        if (!a.DType.IsComplex()) return a;
        var band = Jnp.Eye(a.Shape[0], a.Shape[1], k, DType.Bool);
        return Jnp.Where(band, Jnp.Real(a).Astype(a.DType), a);
    }

    /// <summary>Column <paramref name="j"/> (a traced index) of the matrix a, as a vector.</summary>
    public static NDArray Column(NDArray a, NDArray j) => Jnp.Reshape(Lax.DynamicSlice(a, [Jnp.ZerosLike(j), j], [a.Shape[0], 1]), a.Shape[0]);

    /// <summary>
    /// LAPACK's larfg (zlarfg for complex x): v and tau of the reflection H = I - tau v v^H whose adjoint H^H maps the
    /// entries of x from row <paramref name="pivot"/> down onto that row, as a real number beta (the entries above it
    /// are not read and v is zero there). tau is real for real x, and then H^H = H; for complex x it is complex, and
    /// the real beta is what makes R's diagonal (and a Hessenberg form's subdiagonal) real, as LAPACK's are.
    /// </summary>
    public static (NDArray V, NDArray Tau) Reflector(NDArray x, NDArray pivot, NDArray rows)
    {
        x = Jnp.Where(rows >= pivot, x, Jnp.ZerosLike(x));
        var alpha = Jnp.Sum(Jnp.Where(rows == pivot, x, Jnp.ZerosLike(x)));
        var squares = Jnp.SquaredModulus(x);
        var tail = Jnp.Sum(Jnp.Where(rows > pivot, squares, Jnp.ZerosLike(squares)));
        // beta takes the sign opposite alpha's real part so that v's first entry alpha - beta does not cancel. A
        // column already zero below the pivot, with a real pivot, is left as it is (tau = 0), as LAPACK's larfg does.
        var norm = Jnp.Sqrt(Jnp.SquaredModulus(alpha) + tail);
        var beta = Jnp.Where(Jnp.Real(alpha) >= 0.0, -norm, norm);
        var gap = alpha - beta;
        var v = Jnp.Where(rows == pivot, gap, x);
        var reflect = x.DType.IsComplex() ? (tail > 0.0) | (Jnp.Imag(alpha) != 0.0) : tail > 0.0;
        // tau = 1 / (beta conj(beta - alpha)), so that conj(tau) v^H x = 1 and H^H x = x - v = beta e_pivot.
        var product = -beta * Jnp.Conj(gap);
        var tau = Jnp.Where(reflect, 1.0 / Jnp.Where(reflect, product, Jnp.OnesLike(product)), Jnp.ZerosLike(product));
        return (v, tau);
    }

    /// <summary>H^H a = (I - conj(tau) v v^H) a.</summary>
    public static NDArray FromLeft(NDArray a, NDArray v, NDArray tau) => a - Jnp.Outer(v, Jnp.Conj(tau) * Jnp.Matmul(Jnp.Conj(v), a));

    /// <summary>a H = a (I - tau v v^H).</summary>
    public static NDArray FromRight(NDArray a, NDArray v, NDArray tau) => a - Jnp.Outer(tau * Jnp.Matmul(a, v), Jnp.Conj(v));
}
