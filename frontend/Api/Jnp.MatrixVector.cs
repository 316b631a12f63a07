using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// matvec and vecmat (NumPy 2's gufuncs, in jax.numpy): stacks of matrix-vector and vector-matrix products whose
/// leading dimensions broadcast, as <see cref="Matmul"/>'s do. vecmat conjugates its vector, as vecdot does.
/// </summary>
public static partial class Jnp
{
    /// <summary>[..., m, n] times [..., n] gives [..., m].</summary>
    public static NDArray Matvec(NDArray x1, NDArray x2)
    {
        if (x1.Ndim < 2 || x2.Ndim < 1)
            throw new ShapeException($"matvec: expected matrices and vectors, got shapes {Shapes.Format(x1.Aval.Shape)} and {Shapes.Format(x2.Aval.Shape)}");
        return Squeeze(Matmul(x1, ExpandDims(x2, -1)), -1);
    }

    /// <summary>conj([..., m]) times [..., m, n] gives [..., n].</summary>
    public static NDArray Vecmat(NDArray x1, NDArray x2)
    {
        if (x1.Ndim < 1 || x2.Ndim < 2)
            throw new ShapeException($"vecmat: expected vectors and matrices, got shapes {Shapes.Format(x1.Aval.Shape)} and {Shapes.Format(x2.Aval.Shape)}");
        return Squeeze(Matmul(ExpandDims(Conj(x1), -2), x2), -2);
    }
}
