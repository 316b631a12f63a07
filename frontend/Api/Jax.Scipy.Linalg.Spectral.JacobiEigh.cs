using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Spectral;

/// <summary>
/// The eigendecomposition of one symmetric or Hermitian matrix by the cyclic Jacobi method in round-robin order: each
/// step rotates n/2 disjoint index pairs at once (A &lt;- J^H A J, V &lt;- V J), each rotation zeroing its pair's
/// off-diagonal entry (a complex one b = |b| e^(i phi) by a phase that makes it real, then a real rotation, so J is
/// unitary and the diagonal stays real); n - 1 steps make a sweep, and sweeps repeat in a while loop until the off-diagonal norm is below
/// eps * ||A||_F (convergence is quadratic: a handful of sweeps) or <see cref="MaxSweeps"/> is reached.
/// </summary>
internal static class JacobiEigh
{
    /// <summary>A bound on the sweeps, so that no input (NaN, say) keeps the loop going; convergence takes far fewer.</summary>
    public const int MaxSweeps = 30;

    /// <summary>Eigenvalues ascending (real) and eigenvectors as columns of a symmetric or Hermitian n x n matrix
    /// (n &gt;= 1); NaN everywhere if an entry is not finite.</summary>
    public static (NDArray W, NDArray V) Decompose(NDArray a)
    {
        var n = a.Shape[0];
        var schedule = RoundRobin.For(n);
        var size = schedule.Size;
        var scale = Matrices.Scale(a);
        // An odd n gets a dummy index, a zero row and column: its pairs' entries are 0, so it is never rotated in.
        var x = Jnp.Pad(a / scale, [(0, size - n), (0, size - n)]);
        var tol = Matrices.Epsilon(a.DType) * Jnp.Sqrt(Jnp.Sum(Jnp.SquaredModulus(x)));
        var loop = Lax.WhileLoop(c => (c[2] < MaxSweeps) & (c[3] > tol), c =>
        {
            var (y, v) = Sweep(c[0], c[1], schedule);
            return [y, v, c[2] + 1, OffDiagonalNorm(y)];
        }, [x, Jnp.Eye(size, dtype: a.DType), Matrices.Int(0), OffDiagonalNorm(x)]);
        var w = Lax.SliceInDim(Jnp.Real(Jnp.Diagonal(loop[0])), 0, n) * scale;
        var vectors = Lax.Slice(loop[1], [0, 0], [n, n]);
        var order = Jnp.Argsort(w);
        var ok = Matrices.AllFinite(a);
        return (Matrices.NanUnless(ok, Jnp.Take(w, order, mode: TakeMode.Clip)),
            Matrices.NanUnless(ok, Jnp.Take(vectors, order, 1, TakeMode.Clip)));
    }

    private static (NDArray X, NDArray V) Sweep(NDArray x, NDArray v, RoundRobin schedule)
    {
        var (carry, _) = Lax.Scan((c, r) => Step(c[0], c[1], r[0], r[1], r[2], r[3]), [x, v], schedule.Rounds);
        return (carry[0], carry[1]);
    }

    // One round: the pairs (p[k], q[k]) rotated at once, O(size^2) work.
    private static (NDArray[] Carry, NDArray[] Y) Step(NDArray x, NDArray v, NDArray p, NDArray q, NDArray inverse, NDArray partner)
    {
        var size = x.Shape[0];
        var diagonal = Jnp.Real(Jnp.Diagonal(x));
        var app = Jnp.Take(diagonal, p, mode: TakeMode.Clip);
        var aqq = Jnp.Take(diagonal, q, mode: TakeMode.Clip);
        var apq = Jnp.Take(Jnp.Ravel(x), p * size + q, mode: TakeMode.Clip);
        // A complex entry is made real first: row q times its phase, column q times the conjugate.
        var (entry, rowPhase, columnPhase) = (apq, (NDArray?)null, (NDArray?)null);
        if (x.DType.IsComplex())
        {
            (entry, var phase) = RoundRobin.Polar(apq);
            (rowPhase, columnPhase) = (phase, Jnp.Conj(phase));
        }
        var (c, s) = RoundRobin.SymmetricSchur(app, aqq, entry, entry != 0.0);
        x = RoundRobin.Rotate(RoundRobin.Rotate(x, 1, p, q, inverse, c, s, columnPhase), 0, p, q, inverse, c, s, rowPhase);
        return ([ZeroPairEntries(x, partner), RoundRobin.Rotate(v, 1, p, q, inverse, c, s, columnPhase)], []);
    }

    // The rotation made each pair's entry zero up to rounding; setting it to exactly zero keeps that rounding from
    // holding the off-diagonal norm above the tolerance.
    private static NDArray ZeroPairEntries(NDArray x, NDArray partner)
    {
        var size = x.Shape[0];
        var rows = Lax.BroadcastedIota(DType.Int32, [size, size], 0);
        var cols = Lax.BroadcastedIota(DType.Int32, [size, size], 1);
        var pairEntry = Jnp.Equal(cols, Jnp.Take(partner, rows, mode: TakeMode.Clip));
        return Jnp.Where(pairEntry, Jnp.ZerosLike(x), x);
    }

    // sqrt of the sum of squares off the diagonal, summed directly: ||A||^2 - ||diag||^2 would cancel.
    private static NDArray OffDiagonalNorm(NDArray x)
    {
        var size = x.Shape[0];
        var squares = Jnp.SquaredModulus(x);
        var off = Jnp.Where(Jnp.Eye(size, dtype: DType.Bool), Jnp.ZerosLike(squares), squares);
        return Jnp.Sqrt(Jnp.Sum(off));
    }
}
