namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// jnp.where with only a condition: <see cref="Nonzero"/>, the indices where it holds, one array per dimension.
    /// The sized form, for Jit, is <c>Jnp.Nonzero(condition, size, fillValue)</c>: a <c>Where(condition, int, int)</c>
    /// overload would capture calls like <c>Where(mask, 1, -1)</c> that mean the three-argument select.
    /// </summary>
    public static NDArray[] Where(NDArray condition) => Nonzero(condition);
}
