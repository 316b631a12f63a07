using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// How functions without a complex meaning refuse complex arrays: NumPy and JAX raise for orderings, clipping and
/// sign tests of complex values rather than pick an arbitrary part, so these say which function, what they got and
/// what to take instead.
/// </summary>
public static partial class Jnp
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="function"/> when x is complex.</summary>
    internal static void RequireReal(string function, NDArray x, string parameter = "x")
    {
        if (x.DType.IsComplex())
            throw new ArgumentException($"{function} is not defined for complex values (got {x.Aval.Str()}); " +
                "take Jnp.Real, Jnp.Imag or Jnp.Abs of the input first", parameter);
    }

    /// <summary>A complex array built from f applied to each part; a real array f itself.</summary>
    internal static NDArray PartWise(NDArray x, Func<NDArray, NDArray> f) =>
        x.DType.IsComplex() ? Jax.Lax.Complex(f(Jax.Lax.Real(x)), f(Jax.Lax.Imag(x))) : f(x);
}
