using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// jnp.partition: a copy of <paramref name="a"/> in which the element at <paramref name="kth"/> along
    /// <paramref name="axis"/> is the one a full sort would put there, those before it are no larger and those after
    /// it no smaller. The order is JAX's (which builds it from two top_k calls): the kth + 1 smallest values
    /// ascending, then the rest descending. Here it is one sort; NaNs count as the largest values (JAX puts NaNs with
    /// the sign bit set first). Differentiable: the gradient follows the values.
    /// </summary>
    /// <exception cref="ShapeException">A scalar, or an axis out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="kth"/> outside [-n, n) for an axis of length n.</exception>
    public static NDArray Partition(NDArray a, int kth, int axis = -1)
    {
        var (ax, k, n) = PartitionAxis(a, kth, axis, "partition");
        var sorted = Lax.Sort(a, ax);
        return Lax.Concatenate([Lax.SliceInDim(sorted, 0, k + 1, 1, ax), Lax.Rev(Lax.SliceInDim(sorted, k + 1, n, 1, ax), [ax])], ax);
    }

    /// <summary>
    /// jnp.argpartition: int32 indices that partition <paramref name="a"/> at <paramref name="kth"/> along
    /// <paramref name="axis"/> (<c>TakeAlongAxis(a, Argpartition(a, kth), axis)</c> is a partition). In JAX's order:
    /// the indices of the kth + 1 smallest values by value (ties by index), then the other indices in increasing
    /// index order.
    /// </summary>
    /// <inheritdoc cref="Partition" path="/exception"/>
    public static NDArray Argpartition(NDArray a, int kth, int axis = -1)
    {
        var (ax, k, n) = PartitionAxis(a, kth, axis, "argpartition");
        var order = Argsort(a, ax);
        return Lax.Concatenate([Lax.SliceInDim(order, 0, k + 1, 1, ax), Lax.Sort(Lax.SliceInDim(order, k + 1, n, 1, ax), ax)], ax);
    }

    private static (int Axis, int Kth, int Length) PartitionAxis(NDArray a, int kth, int axis, string op)
    {
        if (a.Ndim == 0) throw new ShapeException($"{op}: needs an array of at least one dimension, got {a.Aval.Str()}");
        var ax = Shapes.Axis(axis, a.Ndim, op);
        var n = a.Shape[ax];
        if (kth < -n || kth >= n)
            throw new ArgumentException($"{op}: kth = {kth} is out of range for axis {ax} of length {n} of {a.Aval.Str()}", nameof(kth));
        return (ax, kth < 0 ? kth + n : kth, n);
    }
}
