using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Spectral;

/// <summary>
/// The singular value decomposition of one tall or square matrix (m &gt;= n) by one-sided (Hestenes) Jacobi: column
/// pairs of G = A V are rotated, in round-robin order, n/2 at a time, until every pair is orthogonal to working
/// accuracy (for complex matrices each rotation first turns the second column by the phase of the pair's product
/// g_p^H g_q, so that the rest is the real rotation of a real Gram matrix); then the singular values are the column norms and U the normalized columns. It works on A itself,
/// never on A^T A, so small singular values keep their relative accuracy. A sweep in which no pair needed a
/// rotation ends the loop (or <see cref="MaxSweeps"/>).
/// </summary>
internal static class JacobiSvd
{
    /// <summary>A bound on the sweeps, so that no input (NaN, say) keeps the loop going; convergence takes far fewer.</summary>
    public const int MaxSweeps = 30;

    /// <summary>
    /// U (m x n, or m x m with <paramref name="full"/>), S (n, descending, real) and V (n x n) with A = U diag(S) V^H,
    /// for m &gt;= n &gt;= 1. U has orthonormal columns even where singular values are zero (completed with a QR); NaN
    /// everywhere if an entry of A is not finite.
    /// </summary>
    public static (NDArray U, NDArray S, NDArray V) Decompose(NDArray a, bool full)
    {
        var (m, n) = (a.Shape[0], a.Shape[1]);
        var schedule = RoundRobin.For(n);
        var size = schedule.Size;
        var scale = Matrices.Scale(a);
        // An odd n gets a dummy zero column: its products with the others are 0, so it is never rotated in.
        var g = Jnp.Pad(a / scale, [(0, 0), (0, size - n)]);
        // Computing a column product rounds with an error of about sqrt(m) eps relative to the columns' norms, so
        // that is as orthogonal as pairs can be told to be (LAPACK's gesvj uses the same bound).
        var tol = Math.Sqrt(m) * Matrices.Epsilon(a.DType);
        var loop = Lax.WhileLoop(c => (c[2] < MaxSweeps) & c[3], c =>
        {
            var (carry, _) = Lax.Scan((k, r) => Step(k[0], k[1], k[2], r[0], r[1], r[2], tol), [c[0], c[1], Jnp.Array(false)],
                schedule.Rounds);
            return [carry[0], carry[1], c[2] + 1, carry[2]];
        }, [g, Jnp.Eye(size, dtype: a.DType), Matrices.Int(0), Jnp.Array(true)]);
        g = Lax.Slice(loop[0], [0, 0], [m, n]);
        var v = Lax.Slice(loop[1], [0, 0], [n, n]);
        var norms = Jnp.Sqrt(Jnp.Sum(Jnp.SquaredModulus(g), 0));
        var u = g / Jnp.Where(norms > 0.0, norms, Jnp.OnesLike(norms));
        var order = Jnp.Argsort(norms, descending: true);
        (norms, u, v) = (Jnp.Take(norms, order, mode: TakeMode.Clip), Jnp.Take(u, order, 1, TakeMode.Clip), Jnp.Take(v, order, 1, TakeMode.Clip));
        u = Completed(u, norms, full);
        var ok = Matrices.AllFinite(a);
        return (Matrices.NanUnless(ok, u), Matrices.NanUnless(ok, norms * scale), Matrices.NanUnless(ok, v));
    }

    // One round: each pair's 2x2 Gram matrix [[alpha, gamma], [conj(gamma), beta]] diagonalized by a rotation of the
    // two columns of G (and of V), for the pairs not yet orthogonal; O(m n) work.
    private static (NDArray[] Carry, NDArray[] Y) Step(NDArray g, NDArray v, NDArray rotated, NDArray p, NDArray q, NDArray inverse,
        double tol)
    {
        var gp = Jnp.Take(g, p, 1, TakeMode.Clip);
        var gq = Jnp.Take(g, q, 1, TakeMode.Clip);
        var (alpha, beta, gamma) = (Jnp.Sum(Jnp.SquaredModulus(gp), 0), Jnp.Sum(Jnp.SquaredModulus(gq), 0), Jnp.Sum(Jnp.Conj(gp) * gq, 0));
        // A complex product is made real by turning column q by the conjugate of its phase.
        var (entry, phase) = (gamma, (NDArray?)null);
        if (g.DType.IsComplex())
        {
            (entry, var turn) = RoundRobin.Polar(gamma);
            phase = Jnp.Conj(turn);
        }
        var rotate = Jnp.Abs(entry) > tol * Jnp.Sqrt(alpha) * Jnp.Sqrt(beta);
        var (c, s) = RoundRobin.SymmetricSchur(alpha, beta, entry, rotate);
        g = RoundRobin.Rotate(g, 1, p, q, inverse, c, s, phase);
        v = RoundRobin.Rotate(v, 1, p, q, inverse, c, s, phase);
        return ([g, v, rotated | Jnp.Any(rotate)], []);
    }

    /// <summary>
    /// U with its zero columns (those of zero singular values, last after sorting) replaced, and with
    /// <paramref name="full"/> extended to m x m, by columns of the Q of a Householder QR of U: Q's column j is
    /// orthogonal to U's columns before j, which span the same space as Q's first j columns.
    /// </summary>
    private static NDArray Completed(NDArray u, NDArray norms, bool full)
    {
        var (m, n) = (u.Shape[0], u.Shape[1]);
        var (q, _) = Householder.Decompose(u);
        var economic = Jnp.Where(norms > 0.0, u, Lax.Slice(q, [0, 0], [m, n]));
        return full ? Jnp.Concatenate([economic, Lax.Slice(q, [0, n], [m, m])], 1) : economic;
    }
}
