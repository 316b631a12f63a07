namespace JaxNet;

/// <summary>What <see cref="Jnp.Choose"/> does with an index outside [0, number of choices) (jnp.choose's <c>mode</c>).</summary>
public enum ChooseMode
{
    /// <summary>NumPy's default: an error. It reads the indices, so it needs concrete ones (not under Jit, where
    /// JAX raises a ConcretizationTypeError too).</summary>
    Raise,

    /// <summary>The index modulo the number of choices.</summary>
    Wrap,

    /// <summary>The index clamped into [0, number of choices - 1].</summary>
    Clip,
}
