using JaxNet.Core;
using JaxNet.Transforms;

namespace JaxNet.Parallel;

/// <summary>
/// all_to_all in its tiled form: each member splits its value along <c>split_axis</c> into as many chunks as the axis
/// has members, sends chunk j to member j, and concatenates the chunks it receives, in member order, along
/// <c>concat_axis</c>. Only the chunks travel (XLA's AllToAll), not every member's whole value.
/// </summary>
public sealed class AllToAllPrimitive() : CollectivePrimitive("all_to_all")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (size, split, concat) = (p.Get<int>("axis_size"), p.Get<int>("split_axis"), p.Get<int>("concat_axis"));
        var shape = (int[])inputs[0].Shape.Clone();
        if (split < 0 || split >= shape.Length || concat < 0 || concat >= shape.Length)
            throw new ShapeException($"all_to_all: split_axis {split} and concat_axis {concat} must be axes of a value of shape {Shapes.Format(shape)}");
        if (shape[split] % size != 0)
            throw new ShapeException($"all_to_all: axis {split} of shape {Shapes.Format(shape)} does not split into {size} equal chunks " +
                $"(one per member of {Axes(p)})");
        shape[split] /= size;
        shape[concat] *= size;
        return [inputs[0].WithShape(shape)];
    }

    internal override NDArray[][] RunAcross(NDArray[][] members, Params p, AxisMembers axis) =>
        Collectives.AllToAll(members.Select(m => m[0]).ToArray(), p.Get<int>("split_axis"), p.Get<int>("concat_axis"), axis)
            .Select(r => new[] { r }).ToArray();

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [tangents[0] is { } t ? Bind1(p, t) : null]);

    /// <summary>Chunk j of member i became chunk i of member j: the cotangent goes back by the same exchange with the
    /// two axes swapped.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        [Bind1(p.With("split_axis", p.Get<int>("concat_axis")).With("concat_axis", p.Get<int>("split_axis")), cotangents[0])];

    /// <summary>The batch axis goes first and the exchanged axes move one place right.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        if (axes[0] is not { } axis) return Batching.One(Bind1(p, inputs[0]), null);
        var front = Batching.MoveAxis(inputs[0], axis, 0);
        return Batching.One(Bind1(p.With("split_axis", p.Get<int>("split_axis") + 1).With("concat_axis", p.Get<int>("concat_axis") + 1), front), 0);
    }

    /// <summary>Element r's result joins chunk r of every element along the concat axis, element-major: split each
    /// element's split axis into (r, width), bring r to the front as the new batch axis, and merge the elements'
    /// axis into the concat axis.</summary>
    internal override (NDArray[] Outputs, int?[] Axes) BatchAlongAxis(NDArray[] inputs, int?[] axes, Params p, int size)
    {
        var (split, concat) = (p.Get<int>("split_axis"), p.Get<int>("concat_axis"));
        var x = Batching.AtFront(inputs[0], axes[0], size);
        var shape = x.Shape[1..];
        var width = shape[split] / size;
        // [elements, ..., chunk r, width, ...] -> [chunk r, elements, chunk's shape...]
        var chunked = Jax.Lax.Reshape(x, [size, .. shape[..split], size, width, .. shape[(split + 1)..]]);
        var byTarget = Jnp.Moveaxis(Jnp.Moveaxis(chunked, split + 1, 0), 1, concat + 1);
        var joined = (int[])shape.Clone();
        joined[split] = width;
        joined[concat] *= size;
        return Batching.One(Jax.Lax.Reshape(byTarget, [size, .. joined]), 0);
    }
}
