namespace JaxNet.Lowering;

/// <summary>
/// A value while <see cref="ComplexExpansion"/> rewrites a jaxpr: a real array (<see cref="Im"/> null), or a complex
/// one as two real arrays of its component type, its real and imaginary parts.
/// </summary>
internal readonly record struct Planar(NDArray Re, NDArray? Im)
{
    public bool IsComplex => Im is not null;

    /// <summary>The imaginary part; a real value's is zero.</summary>
    public NDArray ImOrZero => Im ?? Jnp.ZerosLike(Re);

    public static Planar Real(NDArray x) => new(x, null);

    public static Planar Complex(NDArray re, NDArray im) => new(re, im);
}
