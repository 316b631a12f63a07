using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet.Transforms;

/// <summary>
/// What the primitives' batching rules share: the batch size, moving a batch axis, materialising one for an
/// unbatched operand (a broadcast, which fuses as a view under Jit), renumbering dimensions, and the rule of the
/// elementwise primitives. Axes are those of the batched arrays; "unbatched dimension d" is a dimension of the
/// per-element value, which sits at <see cref="Shift"/>(d, batchAxis) in the batched array.
/// </summary>
internal static class Batching
{
    /// <summary>The size of the batch axis, read from the first batched input.</summary>
    public static int Size(NDArray[] inputs, int?[] axes)
    {
        for (var i = 0; i < inputs.Length; i++)
            if (axes[i] is { } a) return inputs[i].Aval.Shape[a];
        throw new InvalidOperationException("a batching rule ran with no batched input");
    }

    /// <summary>Where unbatched dimension <paramref name="dim"/> sits once a batch axis is inserted at <paramref name="batchAxis"/>.</summary>
    public static int Shift(int dim, int batchAxis) => dim >= batchAxis ? dim + 1 : dim;

    /// <summary>Moves axis <paramref name="from"/> of <paramref name="x"/> to position <paramref name="to"/> (a transpose).</summary>
    public static NDArray MoveAxis(NDArray x, int from, int to)
    {
        if (from == to) return x;
        var perm = Enumerable.Range(0, x.Ndim).Where(d => d != from).ToList();
        perm.Insert(to, from);
        return Jax.Lax.Transpose(x, perm.ToArray());
    }

    /// <summary>
    /// <paramref name="x"/> with its batch axis at <paramref name="to"/>: moved there, or, for an unbatched value
    /// (<paramref name="axis"/> null), broadcast along a new axis of <paramref name="size"/> there.
    /// </summary>
    public static NDArray BatchAt(NDArray x, int? axis, int to, int size)
    {
        if (axis is { } a) return MoveAxis(x, a, to);
        var shape = x.Aval.Shape.ToList();
        shape.Insert(to, size);
        var dims = Enumerable.Range(0, x.Ndim).Select(d => Shift(d, to)).ToArray();
        return Jax.Lax.BroadcastInDim(x, shape.ToArray(), dims);
    }

    /// <summary><see cref="BatchAt"/> axis 0, the layout most rules work in.</summary>
    public static NDArray AtFront(NDArray x, int? axis, int size) => BatchAt(x, axis, 0, size);

    /// <summary>A copy of <paramref name="p"/> with one (existing) parameter replaced.</summary>
    public static Params With(this Params p, string name, object value)
    {
        if (p.Entries.All(e => e.Key != name)) throw new KeyNotFoundException($"primitive parameter '{name}' is missing");
        return Params.Of(p.Entries.Select(e => e.Key == name ? (e.Key, value) : (e.Key, e.Value)).ToArray());
    }

    /// <summary>A single result with its batch axis.</summary>
    public static (NDArray[] Outputs, int?[] Axes) One(NDArray output, int? axis) => ([output], [axis]);

    /// <summary>
    /// The rule of elementwise primitives: operands are brought to one batched shape with the batch axis where the
    /// first full-rank batched operand has it (so chains of elementwise ops never transpose), unbatched operands
    /// broadcast along it; an unbatched rank-0 operand stays a scalar where <paramref name="scalarOperand"/> allows
    /// (the primitive broadcasts it itself).
    /// </summary>
    public static (NDArray[] Outputs, int?[] Axes) Elementwise(Primitive primitive, NDArray[] inputs, int?[] axes, Params p,
        Func<int, bool> scalarOperand)
    {
        var size = Size(inputs, axes);
        var ranks = inputs.Select((x, i) => x.Ndim - (axes[i] is null ? 0 : 1)).ToArray();
        var outRank = ranks.Max();
        var target = 0;
        for (var i = 0; i < inputs.Length; i++)
            if (axes[i] is { } a && ranks[i] == outRank)
            {
                target = a;
                break;
            }
        var outShape = UnbatchedShape(inputs[Array.IndexOf(ranks, outRank)], axes[Array.IndexOf(ranks, outRank)]).ToList();
        outShape.Insert(target, size);
        var full = outShape.ToArray();
        var operands = new NDArray[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i];
            operands[i] = (axes[i], ranks[i]) switch
            {
                ({ } a, var r) when r == outRank => MoveAxis(x, a, target),
                ({ }, _) => Jax.Lax.BroadcastInDim(x, full, [target]),
                (null, 0) when scalarOperand(i) => x,
                (null, 0) => Jax.Lax.BroadcastInDim(x, full, []),
                (null, _) => BatchAt(x, null, target, size),
            };
        }
        return (primitive.Bind(p, operands), Enumerable.Repeat<int?>(target, primitive.OutputCount).ToArray());
    }

    /// <summary>
    /// Folds axis <paramref name="src"/> into the axis that is <paramref name="dst"/> once src is removed, as its major
    /// part (JAX's _reshape_axis_into): [.., n, .., b, ..] -> [.., b*n, ..].
    /// </summary>
    public static NDArray ReshapeAxisInto(int src, int dst, NDArray x)
    {
        var perm = Enumerable.Range(0, x.Ndim).Where(d => d != src).ToList();
        perm.Insert(dst, src);
        var shape = x.Aval.Shape.Where((_, d) => d != src).ToArray();
        shape[dst] *= x.Aval.Shape[src];
        return Jax.Lax.Reshape(Jax.Lax.Transpose(x, perm.ToArray()), shape);
    }

    /// <summary>Splits axis <paramref name="src"/> into (<paramref name="major"/>, rest) (JAX's _reshape_axis_out_of).</summary>
    public static NDArray ReshapeAxisOutOf(int src, int major, NDArray x)
    {
        var shape = x.Aval.Shape.ToList();
        var minor = shape[src] / major;
        shape[src] = minor;
        shape.Insert(src, major);
        return Jax.Lax.Reshape(x, shape.ToArray());
    }

    /// <summary>
    /// Batched index vectors [.., k] with the batch axis first become [.., k+1] whose first entry is the batch
    /// position, so that a gather or scatter on an operand with a leading batch axis addresses each element's own.
    /// </summary>
    public static NDArray PrependBatchIndex(NDArray indices)
    {
        var countShape = indices.Aval.Shape.ToArray();
        countShape[^1] = 1;
        var counts = Jax.Lax.BroadcastedIota(indices.DType, countShape, 0);
        return Jax.Lax.Concatenate([counts, indices], indices.Ndim - 1);
    }

    /// <summary>Scalar start indices (some batched) as one int32 index array [batch, count], batch axis first; each is
    /// clamped into [0, limit] in its own dtype before the conversion (<see cref="StartIndices.Clamped(NDArray, int)"/>).</summary>
    public static NDArray StackStartIndices(NDArray[] starts, int?[] axes, int size, int[] limits)
    {
        var columns = starts.Select((s, i) =>
            Jax.Lax.Reshape(AtFront(Jax.Lax.ConvertElementType(StartIndices.Clamped(s, limits[i]), DType.Int32), axes[i], size), [size, 1])).ToArray();
        return Jax.Lax.Concatenate(columns, 1);
    }

    /// <summary>The shape of one batch element of <paramref name="x"/>.</summary>
    public static int[] UnbatchedShape(NDArray x, int? axis) =>
        axis is { } a ? x.Aval.Shape.Where((_, d) => d != a).ToArray() : x.Aval.Shape;
}
