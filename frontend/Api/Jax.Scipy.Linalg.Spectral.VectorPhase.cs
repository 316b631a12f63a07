namespace JaxNet.Spectral;

/// <summary>
/// The phase convention of <see cref="Jax.Scipy.Linalg.Eigh"/>'s eigenvectors (and <c>Jnp.Linalg.Eigh</c>'s): each
/// column, defined only up to a unit factor, is multiplied by the one that makes its pivot real and positive, the
/// pivot being the first entry (lowest row index) whose modulus is at least <see cref="PivotFraction"/> of the
/// column's largest. This is not LAPACK's (which fixes no phase, so JAX's vectors follow the algorithm's arithmetic),
/// but it depends only on the vector, not on the sweeps that produced it: the same on every backend and in every
/// batch, to rounding.
/// </summary>
/// <remarks>A pivot chosen as the largest entry alone would flip between two entries of equal modulus (1, -1)/√2
/// with the last bit of their rounding; the first of the entries near the largest does not, unless one lies within
/// rounding of the 0.999 threshold itself.</remarks>
internal static class VectorPhase
{
    /// <summary>How close to the largest modulus an entry must be to serve as the pivot.</summary>
    public const double PivotFraction = 0.999;

    /// <summary>The columns of <paramref name="v"/> [n, n] with their pivots made real and positive.</summary>
    public static NDArray WithPositivePivots(NDArray v)
    {
        var modulus = Jnp.Abs(v);
        var largest = Jnp.Max(modulus, axis: 0, keepdims: true);
        // Argmax of a 0/1 column is its first 1.
        var near = Jnp.GreaterEqual(modulus, largest * PivotFraction).Astype(DType.Int32);
        var row = Jnp.Argmax(near, axis: 0, keepdims: true);
        var pivot = Jnp.TakeAlongAxis(v, row, axis: 0);
        // A zero or NaN column keeps its values (its pivot's modulus is not positive).
        var pivotModulus = Jnp.Abs(pivot);
        var usable = Jnp.Greater(pivotModulus, 0);
        var phase = Jnp.Where(usable, Jnp.Conj(pivot) / Jnp.Where(usable, pivotModulus, Jnp.OnesLike(pivotModulus)).Astype(v.DType),
            Jnp.OnesLike(pivot));
        return v * phase;
    }
}
