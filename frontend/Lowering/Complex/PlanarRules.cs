using JaxNet.Core;

namespace JaxNet.Lowering;

/// <summary>The two shapes of complex rule most primitives share (<see cref="Primitive.ExpandComplex"/>).</summary>
internal static class PlanarRules
{
    /// <summary>
    /// A primitive that acts on each element's value as a whole and linearly (re-indexing, padding, gathering,
    /// sums): applied once to the real parts and once to the imaginary parts, its real operands (indices,
    /// predicates) shared by both.
    /// </summary>
    public static Planar[] Componentwise(Primitive primitive, Planar[] inputs, Params p)
    {
        var re = primitive.Bind(p, inputs.Select(x => x.Re).ToArray());
        var im = primitive.Bind(p, inputs.Select(x => x.Im ?? x.Re).ToArray());
        return re.Select((r, i) => Planar.Complex(r, im[i])).ToArray();
    }

    /// <summary>
    /// A bilinear product (mul, dot_general, convolution) of complex operands: (a + ib)(c + id) = (ac - bd) + i(ad + bc).
    /// A real operand costs no products for its missing part.
    /// </summary>
    public static Planar Bilinear(Func<NDArray, NDArray, NDArray> product, Planar x, Planar y)
    {
        if (!x.IsComplex) return Planar.Complex(product(x.Re, y.Re), product(x.Re, y.ImOrZero));
        if (!y.IsComplex) return Planar.Complex(product(x.Re, y.Re), product(x.Im!, y.Re));
        return Planar.Complex(
            Jax.Lax.Sub(product(x.Re, y.Re), product(x.Im!, y.Im!)),
            Jax.Lax.Add(product(x.Re, y.Im!), product(x.Im!, y.Re)));
    }
}
