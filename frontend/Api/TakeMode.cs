namespace JaxNet;

/// <summary>
/// What <see cref="Jnp.Take"/> and <see cref="Jnp.TakeAlongAxis"/> do with an index outside [-n, n) (jnp.take's
/// <c>mode</c>). Negative indices in range count from the end in every mode.
/// </summary>
public enum TakeMode
{
    /// <summary>JAX's default: an out-of-range index gives the fill value (NaN for floats, the most negative value
    /// for signed integers, the largest for unsigned ones, true for bool), so a bad label shows instead of
    /// silently reading the last row.</summary>
    Fill,

    /// <summary>Clamped to the nearest valid index (XLA's gather, and JAX's indexing with <c>x[i]</c>).</summary>
    Clip,

    /// <summary>Taken modulo the axis length (Take only, as in JAX).</summary>
    Wrap,
}
