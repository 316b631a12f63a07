using JaxNet.Core;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>numpy.linalg.matrix_transpose: each matrix [..., m, n] transposed to [..., n, m].</summary>
        /// <exception cref="ShapeException">x has fewer than 2 dimensions.</exception>
        public static NDArray MatrixTranspose(NDArray x)
        {
            if (x.Ndim < 2) throw new ShapeException($"matrix_transpose: expected at least 2 dimensions, got shape {Shapes.Format(x.Aval.Shape)}");
            return Swapaxes(x, -1, -2);
        }

        /// <summary>jnp.linalg.cross: the cross product of 3-vectors along <paramref name="axis"/> (the array API's
        /// stricter form of <see cref="Jnp.Cross"/>, which also takes 2-vectors).</summary>
        /// <exception cref="ShapeException">either operand has other than 3 components along the axis.</exception>
        public static NDArray Cross(NDArray x1, NDArray x2, int axis = -1)
        {
            foreach (var (x, name) in new[] { (x1, "x1"), (x2, "x2") })
            {
                var along = Shapes.Axis(axis, x.Ndim, "linalg.cross");
                if (x.Shape[along] != 3)
                    throw new ShapeException($"linalg.cross: {name} of shape {Shapes.Format(x.Shape)} has {x.Shape[along]} components along axis {axis}, not 3");
            }
            return Jnp.Cross(x1, x2, axis: axis);
        }

        /// <summary>
        /// numpy.linalg.vecdot: the dot products of the vectors along <paramref name="axis"/> of x1 and x2 (the last by
        /// default), Σ conj(x1) x2 as the array API defines it (a complex x1 is conjugated); the other axes broadcast.
        /// The dtypes promote as in a product (integers stay integers).
        /// </summary>
        /// <exception cref="ShapeException">the vectors differ in length, or the other axes do not broadcast.</exception>
        public static NDArray Vecdot(NDArray x1, NDArray x2, int axis = -1)
        {
            if (x1.Ndim == 0 || x2.Ndim == 0)
                throw new ShapeException($"vecdot: expected arrays of vectors, got shapes {Shapes.Format(x1.Aval.Shape)} and {Shapes.Format(x2.Aval.Shape)}");
            var (a, b) = (Moveaxis(x1, axis, -1), Moveaxis(x2, axis, -1));
            if (a.Aval.Shape[^1] != b.Aval.Shape[^1])
                throw new ShapeException($"vecdot: the vectors along axis {axis} differ in length: shapes {Shapes.Format(x1.Aval.Shape)} and {Shapes.Format(x2.Aval.Shape)}");
            return Sum(Conj(a) * b, -1);
        }

        /// <summary>numpy.linalg.diagonal: the diagonal with offset <paramref name="offset"/> of each matrix [..., m, n],
        /// as <see cref="Jnp.Diagonal"/> over the last two axes.</summary>
        /// <exception cref="ShapeException">x has fewer than 2 dimensions.</exception>
        public static NDArray Diagonal(NDArray x, int offset = 0) => Jnp.Diagonal(x, offset, -2, -1);

        /// <summary>numpy.linalg.trace: the sum of the diagonal with offset <paramref name="offset"/> of each matrix
        /// [..., m, n], as <see cref="Jnp.Trace"/> over the last two axes.</summary>
        /// <exception cref="ShapeException">x has fewer than 2 dimensions.</exception>
        public static NDArray Trace(NDArray x, int offset = 0) => Jnp.Trace(x, offset, -2, -1);

        /// <summary>numpy.linalg.outer: the outer product [m, n] of two vectors [m] and [n] (<see cref="Jnp.Outer"/>
        /// flattens its inputs; this one refuses anything but vectors).</summary>
        /// <exception cref="ShapeException">x1 or x2 is not one-dimensional.</exception>
        public static NDArray Outer(NDArray x1, NDArray x2)
        {
            if (x1.Ndim != 1 || x2.Ndim != 1)
                throw new ShapeException($"outer: the inputs must be vectors, got shapes {Shapes.Format(x1.Aval.Shape)} and {Shapes.Format(x2.Aval.Shape)}");
            return Jnp.Outer(x1, x2);
        }

        /// <summary>numpy.linalg.matmul: <see cref="Jnp.Matmul"/>.</summary>
        public static NDArray Matmul(NDArray x1, NDArray x2) => Jnp.Matmul(x1, x2);

        /// <summary>numpy.linalg.tensordot: <see cref="Jnp.Tensordot"/>.</summary>
        public static NDArray Tensordot(NDArray x1, NDArray x2, int axes = 2) => Jnp.Tensordot(x1, x2, axes);
    }
}
