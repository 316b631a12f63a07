using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>The abstract value of <paramref name="x"/> (jax.typeof): shape, dtype and weak type, for a concrete
    /// array and a tracer alike. Reading it never waits for a computation.</summary>
    public static ShapedArray TypeOf(NDArray x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Aval;
    }
}
