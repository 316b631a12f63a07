namespace JaxNet;

/// <summary>
/// fmax and fmin: the elementwise maximum and minimum that ignore NaN, returning the other operand where one is
/// NaN (NaN only where both are), unlike <see cref="Maximum"/> and <see cref="Minimum"/>, which propagate it.
/// Built as JAX builds them, from comparisons and a select, so the gradient flows to the chosen operand.
/// </summary>
public static partial class Jnp
{
    public static NDArray Fmax(NDArray x, NDArray y)
    {
        var b = BroadcastArrays(Promote(x, y));
        return Where(LogicalOr(Greater(b[0], b[1]), IsNan(b[1])), b[0], b[1]);
    }

    public static NDArray Fmin(NDArray x, NDArray y)
    {
        var b = BroadcastArrays(Promote(x, y));
        return Where(LogicalOr(Less(b[0], b[1]), IsNan(b[1])), b[0], b[1]);
    }
}
