using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// JAX's functional put_along_axis: a copy of x with <paramref name="values"/> written where
    /// <see cref="TakeAlongAxis"/> would read with the same <paramref name="indices"/> (same rank as x; the other
    /// axes broadcast against x's). Built on <c>x.At[...].Set</c>: negative indices count from the end, an index
    /// out of range drops its value (JAX's default; <see cref="TakeMode.Clip"/> clamps), repeated indices keep one
    /// value (unspecified which), values take x's dtype. NumPy's in-place form has no counterpart (JAX requires
    /// inplace=False).
    /// </summary>
    public static NDArray PutAlongAxis(NDArray x, NDArray indices, NDArray values, int axis, TakeMode mode = TakeMode.Fill)
    {
        var a = Shapes.Axis(axis, x.Ndim, "put_along_axis");
        if (indices.Ndim != x.Ndim)
            throw new ShapeException($"put_along_axis: indices {Shapes.Format(indices.Aval.Shape)} must have the rank of {Shapes.Format(x.Aval.Shape)}");
        var idx = IndexArray(indices, "put_along_axis");
        // One index array per axis: the given indices along the axis, an iota shaped to broadcast along each other.
        var items = new IndexItem[x.Ndim];
        for (var d = 0; d < x.Ndim; d++)
        {
            if (d == a) { items[d] = idx; continue; }
            var shape = Enumerable.Repeat(1, x.Ndim).ToArray();
            shape[d] = x.Aval.Shape[d];
            items[d] = Lax.BroadcastedIota(DType.Int32, shape, d);
        }
        return x.At[items].Set(values, mode);
    }
}
