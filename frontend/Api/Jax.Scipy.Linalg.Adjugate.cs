using static JaxNet.LinalgMatrices;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// The adjugate (the transposed cofactor matrix, det(a) a⁻¹ where a is invertible) from an LU factorization, without
/// dividing by a pivot: finite and exact for singular matrices of every rank, which det's derivative needs.
/// </summary>
internal static class Adjugate
{
    /// <summary>
    /// adj(a) from a's packed factors (<c>a[perm] = L U</c>): with Π the row permutation, a = Πᵀ L U and the
    /// adjugate reverses products, so adj(a) = adj(U) adj(L) adj(Πᵀ) = det(Π) adj(U) L⁻¹ Π (L has a unit diagonal).
    /// </summary>
    public static NDArray FromFactors(NDArray lu, NDArray pivots, NDArray perm)
    {
        var l = Jnp.Tril(lu, -1) + Identity(lu);
        var lInverseP = TriangularSolve.Lower(l, PermuteRows(Identity(lu), perm));
        var sign = Jnp.ExpandDims(Jnp.ExpandDims(Determinant.PermutationSign(pivots, lu.DType), -1), -1);
        return sign * UpperTimes(Jnp.Triu(lu), lInverseP);
    }

    /// <summary>
    /// adj(u) b for u upper triangular [..., n, n] and b [..., n, k], by a back substitution with no division. With
    /// d = diag(u), y = adj(u) b has y_i = (∏_{l&lt;i} d_l) w_i, where
    /// w_i = (∏_{l&gt;i} d_l) b_i − Σ_{k&gt;i} u_ik (∏_{i&lt;l&lt;k} d_l) w_k (from u y = det(u) b, divided through by
    /// ∏_{l≤i} d_l). The loop keeps s_k = (∏_{i&lt;l&lt;k} d_l) w_k for the rows below the current one.
    /// </summary>
    public static NDArray UpperTimes(NDArray u, NDArray b)
    {
        var n = u.Aval.Shape[^1];
        // The loop body is traced even for no steps, and its one-row slices do not fit an empty matrix.
        if (n == 0) return Jnp.ZerosLike(b);
        var axis = u.Ndim - 2;
        var d = Diagonal(u);
        var ones = Jnp.OnesLike(Lax.SliceInDim(d, 0, 1, axis: axis));
        // before_i = ∏_{l<i} d_l and after_i = ∏_{l>i} d_l: exclusive running products from either end.
        var before = Jnp.Cumprod(Jnp.Concatenate([ones, Lax.SliceInDim(d, 0, n - 1, axis: axis)], axis), axis);
        var after = Lax.Rev(Jnp.Cumprod(Jnp.Concatenate([ones, Lax.SliceInDim(Lax.Rev(d, [axis]), 0, n - 1, axis: axis)], axis), axis), [axis]);
        var (column, afterColumn) = (Jnp.ExpandDims(d, -1), Jnp.ExpandDims(after, -1));
        var strict = Jnp.Triu(u, 1);
        var outs = Lax.ForiLoop(0, n, (j, carry) =>
        {
            var (w, s) = (carry[0], carry[1]);
            var i = n - 1 - j;
            var row = Rows(afterColumn, i) * Rows(b, i) - Jnp.Matmul(Rows(strict, i), s);
            s = SetRows(s * Rows(column, i), row, i);
            return [SetRows(w, row, i), s];
        }, [Jnp.ZerosLike(b), Jnp.ZerosLike(b)]);
        return outs[0] * Jnp.ExpandDims(before, -1);
    }
}
