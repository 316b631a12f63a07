using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// The cross product of vectors of 2 or 3 components along <paramref name="axisa"/> of a and
    /// <paramref name="axisb"/> of b (the other axes broadcast), as numpy.cross: two 3-vectors (or a 2-vector, its z
    /// component 0, with a 3-vector) give a 3-vector, placed at <paramref name="axisc"/> of the result; two 2-vectors
    /// give the z component alone. <paramref name="axis"/>, when given, sets all three.
    /// </summary>
    public static NDArray Cross(NDArray a, NDArray b, int axisa = -1, int axisb = -1, int axisc = -1, int? axis = null)
    {
        if (axis is { } all) (axisa, axisb, axisc) = (all, all, all);
        if (a.Ndim == 0 || b.Ndim == 0)
            throw new ShapeException($"cross: the inputs must be arrays of vectors, got shapes {Shapes.Format(a.Aval.Shape)} and {Shapes.Format(b.Aval.Shape)}");
        var p = Promote(Moveaxis(a, axisa, -1), Moveaxis(b, axisb, -1));
        (a, b) = (p[0], p[1]);
        var (n, m) = (a.Aval.Shape[^1], b.Aval.Shape[^1]);
        if (n is not (2 or 3) || m is not (2 or 3))
            throw new ShapeException($"cross: the vectors must have 2 or 3 components, got {n} and {m} (shapes {Shapes.Format(a.Aval.Shape)} and {Shapes.Format(b.Aval.Shape)})");
        NDArray C(NDArray v, int i) => Lax.Squeeze(Lax.SliceInDim(v, i, i + 1, 1, v.Ndim - 1), [v.Ndim - 1]);
        var (a0, a1, b0, b1) = (C(a, 0), C(a, 1), C(b, 0), C(b, 1));
        var z = a0 * b1 - a1 * b0;
        if (n == 2 && m == 2) return z;
        var a2 = n == 3 ? C(a, 2) : ZerosLike(a0);
        var b2 = m == 3 ? C(b, 2) : ZerosLike(b0);
        var c = Stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, z], -1);
        return Moveaxis(c, -1, axisc);
    }
}
