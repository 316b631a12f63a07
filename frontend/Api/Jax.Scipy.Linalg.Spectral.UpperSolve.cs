using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Spectral;

/// <summary>
/// B R^-1 for an upper-triangular R, which the QR derivative needs: the X with X R = B, found column by column
/// (column j of X R only involves X's columns up to j). A fori_loop with static bounds, so it is a scan that
/// every transformation handles; it is linear in B, as a rule's tangent map must be.
/// </summary>
internal static class UpperSolve
{
    /// <summary>X (m x n) with X R = B, for B (m x n) and an invertible upper-triangular R (n x n).</summary>
    public static NDArray Right(NDArray b, NDArray r)
    {
        var (m, n) = (b.Shape[0], b.Shape[1]);
        return Lax.ForiLoop(0, n, (j, x) =>
        {
            var zero = Jnp.ZerosLike(j);
            // The columns of x from j on are still zero, so x times R's column j sums over the columns before j.
            var residual = Lax.DynamicSlice(b, [zero, j], [m, 1]) - Jnp.Matmul(x, Lax.DynamicSlice(r, [zero, j], [n, 1]));
            return Lax.DynamicUpdateSlice(x, residual / Lax.DynamicSlice(r, [j, j], [1, 1]), [zero, j]);
        }, Jnp.ZerosLike(b));
    }
}
