using JaxNet.Core;

namespace JaxNet.Spectral;

/// <summary>
/// The round-robin ("tournament") ordering of the Jacobi methods: n indices (padded to an even count with a
/// dummy) play in n - 1 rounds of n/2 disjoint pairs, and every pair meets exactly once, so one round rotates
/// n/2 pairs at once and the rounds together make a sweep. Index 0 stays put and the others move one seat per
/// round (the circle method). The tables are host constants, one row per round, scanned over by the sweep.
/// </summary>
internal sealed class RoundRobin
{
    private RoundRobin(int size, int[] p, int[] q, int[] inverse, int[] partner)
    {
        Size = size;
        var (rounds, half) = (size - 1, size / 2);
        P = Jnp.FromHost<int>(p, [rounds, half], DType.Int32);
        Q = Jnp.FromHost<int>(q, [rounds, half], DType.Int32);
        Inverse = Jnp.FromHost<int>(inverse, [rounds, size], DType.Int32);
        Partner = Jnp.FromHost<int>(partner, [rounds, size], DType.Int32);
    }

    /// <summary>The padded (even) number of indices.</summary>
    public int Size { get; }

    /// <summary>[rounds, size/2]: the first and second index of each pair.</summary>
    public NDArray P { get; }

    public NDArray Q { get; }

    /// <summary>[rounds, size]: where index i sits in the concatenation (P, Q) of its round, so that one gather puts
    /// rotated pairs back in place.</summary>
    public NDArray Inverse { get; }

    /// <summary>[rounds, size]: the index paired with i in its round.</summary>
    public NDArray Partner { get; }

    /// <summary>The rounds as the xs of a scan: P, Q, Inverse, Partner.</summary>
    public NDArray[] Rounds => [P, Q, Inverse, Partner];

    public static RoundRobin For(int n)
    {
        var size = n + (n % 2);
        var (rounds, half) = (size - 1, size / 2);
        var (p, q) = (new int[rounds * half], new int[rounds * half]);
        var (inverse, partner) = (new int[rounds * size], new int[rounds * size]);
        for (var r = 0; r < rounds; r++)
        {
            int Seat(int s) => s == 0 ? 0 : 1 + ((s - 1 + r) % (size - 1));
            for (var k = 0; k < half; k++)
            {
                var (i, j) = (Seat(k), Seat(size - 1 - k));
                (p[r * half + k], q[r * half + k]) = (i, j);
                inverse[r * size + i] = k;
                inverse[r * size + j] = half + k;
                (partner[r * size + i], partner[r * size + j]) = (j, i);
            }
        }
        return new RoundRobin(size, p, q, inverse, partner);
    }

    /// <summary>
    /// The rotation of each pair's 2x2 symmetric block [[app, apq], [apq, aqq]] that makes it diagonal (Golub and Van
    /// Loan's symmetric Schur decomposition, the smaller of the two angles), as cosines and sines. Where
    /// <paramref name="rotate"/> is false the rotation is the identity.
    /// </summary>
    public static (NDArray C, NDArray S) SymmetricSchur(NDArray app, NDArray aqq, NDArray apq, NDArray rotate)
    {
        var tau = (aqq - app) / (2.0 * Jnp.Where(rotate, apq, Jnp.OnesLike(apq)));
        // t = tan(angle), the root of t^2 + 2 tau t - 1 = 0 of smaller magnitude, written without cancellation.
        var t = Jnp.Where(tau >= 0.0, 1.0, -1.0) / (Jnp.Abs(tau) + Jnp.Sqrt(1.0 + tau * tau));
        t = Jnp.Where(rotate, t, Jnp.ZerosLike(t));
        var c = 1.0 / Jnp.Sqrt(1.0 + t * t);
        return (c, t * c);
    }

    /// <summary>
    /// <paramref name="x"/> with its columns (axis 1) or rows (axis 0) p[k] and q[k] rotated for every pair k at once:
    /// p becomes c x_p - s x_q and q becomes s x_p + c x_q, where x_q is first multiplied by its pair's
    /// <paramref name="phase"/> (a unit complex number, for the complex rotations; none for real ones). Two gathers,
    /// elementwise products, and one gather by <paramref name="inverse"/> to put them back: O(size of x) work.
    /// </summary>
    public static NDArray Rotate(NDArray x, int axis, NDArray p, NDArray q, NDArray inverse, NDArray c, NDArray s, NDArray? phase = null)
    {
        var xp = Jnp.Take(x, p, axis, TakeMode.Clip);
        var xq = Jnp.Take(x, q, axis, TakeMode.Clip);
        if (axis == 0) (c, s) = (Jnp.ExpandDims(c, 1), Jnp.ExpandDims(s, 1));
        if (phase is not null) xq *= axis == 0 ? Jnp.ExpandDims(phase, 1) : phase;
        var rotated = Jnp.Concatenate([c * xp - s * xq, s * xp + c * xq], axis);
        return Jnp.Take(rotated, inverse, axis, TakeMode.Clip);
    }

    /// <summary>
    /// For a complex entry b = |b| e^(i phi) to be zeroed by a rotation: |b| and e^(i phi) (1 where b is 0). Scaling
    /// the second index of the pair by e^(-i phi) (the columns) and e^(i phi) (the rows) makes b real, |b|, and leaves
    /// a real rotation to do the rest.
    /// </summary>
    public static (NDArray Modulus, NDArray Phase) Polar(NDArray b)
    {
        var modulus = Jnp.Abs(b);
        var zero = modulus == 0.0;
        return (modulus, Jnp.Where(zero, Jnp.OnesLike(b), b / Jnp.Where(zero, Jnp.OnesLike(modulus), modulus)));
    }
}
