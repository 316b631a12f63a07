using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Spectral;

/// <summary>
/// The QR decomposition of one m x n matrix by Householder reflections: for each of the min(m, n) columns (a
/// fori_loop with static bounds, so a scan), the reflection I - tau v v^T that maps the column's part on and
/// below the diagonal onto the diagonal is applied to R from the left and accumulated into Q from the right.
/// Each step is a few whole-matrix operations, with the rows it touches chosen by masks from an iota.
/// </summary>
internal static class Householder
{
    /// <summary>Q (m x m, orthogonal) and R (m x n, upper triangular) with A = Q R, for m, n &gt;= 1.</summary>
    public static (NDArray Q, NDArray R) Decompose(NDArray a)
    {
        var (m, n) = (a.Shape[0], a.Shape[1]);
        var scale = Matrices.Scale(a);
        var rows = Lax.Iota(DType.Int32, m);
        var loop = Lax.ForiLoop(0, Math.Min(m, n), (j, c) => Reflect(j, c[0], c[1], rows), [a / scale, Jnp.Eye(m, dtype: a.DType)]);
        // Below the diagonal R holds rounding errors of the zeros the reflections made.
        return (loop[1], Jnp.Triu(loop[0]) * scale);
    }

    private static NDArray[] Reflect(NDArray j, NDArray r, NDArray q, NDArray rows)
    {
        var m = r.Shape[0];
        var x = Jnp.Reshape(Lax.DynamicSlice(r, [Jnp.ZerosLike(j), j], [m, 1]), m);
        x = Jnp.Where(rows >= j, x, Jnp.ZerosLike(x));
        var alpha = Jnp.Sum(Jnp.Where(rows == j, x, Jnp.ZerosLike(x)));
        var tail = Jnp.Sum(Jnp.Where(rows > j, x * x, Jnp.ZerosLike(x)));
        // beta, the new diagonal entry, takes the sign opposite alpha so that v's first entry alpha - beta does not
        // cancel. A column already zero below the diagonal is left as it is (tau = 0), as LAPACK's larfg does.
        var norm = Jnp.Sqrt(alpha * alpha + tail);
        var beta = Jnp.Where(alpha >= 0.0, -norm, norm);
        var v = Jnp.Where(rows == j, alpha - beta, x);
        var reflect = tail > 0.0;
        var tau = Jnp.Where(reflect, 2.0 / Jnp.Where(reflect, Jnp.Sum(v * v), Jnp.OnesLike(tail)), Jnp.ZerosLike(tail));
        r -= Jnp.Outer(v, tau * Jnp.Matmul(v, r));
        q -= Jnp.Outer(tau * Jnp.Matmul(q, v), v);
        return [r, q];
    }
}
