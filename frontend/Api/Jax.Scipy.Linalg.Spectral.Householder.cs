using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Spectral;

/// <summary>
/// The QR decomposition of one m x n matrix by Householder reflections: for each of the min(m, n) columns (a
/// fori_loop with static bounds, so a scan), the reflection I - tau v v^T that maps the column's part on and
/// below the diagonal onto the diagonal is applied to R from the left and accumulated into Q from the right.
/// Each step is a few whole-matrix operations, with the rows it touches chosen by masks from an iota. The reflections
/// serve the Hessenberg reduction too.
/// </summary>
internal static class Householder
{
    /// <summary>Q (m x m, orthogonal) and R (m x n, upper triangular) with A = Q R, for m, n &gt;= 1.</summary>
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
        return (loop[1], Jnp.Triu(loop[0]) * scale);
    }

    /// <summary>Column <paramref name="j"/> (a traced index) of the matrix a, as a vector.</summary>
    public static NDArray Column(NDArray a, NDArray j) => Jnp.Reshape(Lax.DynamicSlice(a, [Jnp.ZerosLike(j), j], [a.Shape[0], 1]), a.Shape[0]);

    /// <summary>
    /// LAPACK's larfg: v and tau of the reflection I - tau v v^T that maps the entries of x from row
    /// <paramref name="pivot"/> down onto that row (the entries above it are not read and v is zero there).
    /// </summary>
    public static (NDArray V, NDArray Tau) Reflector(NDArray x, NDArray pivot, NDArray rows)
    {
        x = Jnp.Where(rows >= pivot, x, Jnp.ZerosLike(x));
        var alpha = Jnp.Sum(Jnp.Where(rows == pivot, x, Jnp.ZerosLike(x)));
        var tail = Jnp.Sum(Jnp.Where(rows > pivot, x * x, Jnp.ZerosLike(x)));
        // beta, the new pivot entry, takes the sign opposite alpha so that v's first entry alpha - beta does not
        // cancel. A column already zero below the pivot is left as it is (tau = 0), as LAPACK's larfg does.
        var norm = Jnp.Sqrt(alpha * alpha + tail);
        var beta = Jnp.Where(alpha >= 0.0, -norm, norm);
        var v = Jnp.Where(rows == pivot, alpha - beta, x);
        var reflect = tail > 0.0;
        var tau = Jnp.Where(reflect, 2.0 / Jnp.Where(reflect, Jnp.Sum(v * v), Jnp.OnesLike(tail)), Jnp.ZerosLike(tail));
        return (v, tau);
    }

    /// <summary>(I - tau v v^T) a.</summary>
    public static NDArray FromLeft(NDArray a, NDArray v, NDArray tau) => a - Jnp.Outer(v, tau * Jnp.Matmul(v, a));

    /// <summary>a (I - tau v v^T).</summary>
    public static NDArray FromRight(NDArray a, NDArray v, NDArray tau) => a - Jnp.Outer(tau * Jnp.Matmul(a, v), v);
}
