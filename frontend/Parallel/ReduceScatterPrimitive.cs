using JaxNet.Core;
using JaxNet.Transforms;

namespace JaxNet.Parallel;

/// <summary>
/// psum_scatter in its tiled form (XLA's ReduceScatter): the members' values are summed, and member i keeps chunk i
/// of the sum along <c>scatter_dimension</c> (its size divided by the axis size). The transpose of an all_gather
/// along the same dimension, and the other half of an all-reduce.
/// </summary>
public sealed class ReduceScatterPrimitive() : CollectivePrimitive("reduce_scatter")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (size, dimension) = (p.Get<int>("axis_size"), p.Get<int>("scatter_dimension"));
        var shape = (int[])inputs[0].Shape.Clone();
        if (dimension < 0 || dimension >= shape.Length)
            throw new ShapeException($"psum_scatter: scatter_dimension {dimension} is not an axis of a value of shape {Shapes.Format(shape)}");
        if (shape[dimension] % size != 0)
            throw new ShapeException($"psum_scatter: axis {dimension} of shape {Shapes.Format(shape)} does not split into {size} equal chunks " +
                $"(one per member of {Axes(p)})");
        shape[dimension] /= size;
        return [inputs[0].WithShape(shape)];
    }

    internal override NDArray[][] RunAcross(NDArray[][] members, Params p, AxisMembers axis) =>
        Collectives.ReduceScatter(members.Select(m => m[0]).ToArray(), p.Get<int>("scatter_dimension"), axis).Select(r => new[] { r }).ToArray();

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [tangents[0] is { } t ? Bind1(p, t) : null]);

    /// <summary>Member j's value reached every member's chunk: its cotangent is every member's chunk cotangent, joined
    /// in member order (a tiled all_gather).</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        [Jax.Lax.AllGather(cotangents[0], Axes(p), p.Get<int>("scatter_dimension"), tiled: true)];

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        if (axes[0] is not { } axis) return Batching.One(Bind1(p, inputs[0]), null);
        return Batching.One(Bind1(p.With("scatter_dimension", p.Get<int>("scatter_dimension") + 1), Batching.MoveAxis(inputs[0], axis, 0)), 0);
    }

    /// <summary>The sum along the batch axis, then element r takes chunk r of it.</summary>
    internal override (NDArray[] Outputs, int?[] Axes) BatchAlongAxis(NDArray[] inputs, int?[] axes, Params p, int size)
    {
        var dimension = p.Get<int>("scatter_dimension");
        var x = inputs[0];
        var total = axes[0] is { } b ? Jax.Lax.ReduceSum(x, [b]) : Jax.Lax.Mul(x, Jax.Lax.ConvertElementType(Jnp.Array(size), x.DType));
        var shape = total.Shape;
        var chunks = Jax.Lax.Reshape(total, [.. shape[..dimension], size, shape[dimension] / size, .. shape[(dimension + 1)..]]);
        return Batching.One(Jnp.Moveaxis(chunks, dimension, 0), 0);
    }
}
