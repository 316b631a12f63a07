using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;

namespace JaxNet.Parallel;

/// <summary>
/// A primitive that communicates across the devices of a pmapped axis, or of a tuple of mesh axes taken as one group
/// (<c>axis_name</c>, an <see cref="AxisNames"/>; <c>axis_size</c> members, the product of the axes' sizes). It has no kernel: a compiled pmapped program has a <see cref="CollectiveStep"/> for it, where the
/// members meet and it runs through the backend's collectives, with every member's value at hand.
/// </summary>
public abstract class CollectivePrimitive(string name) : Primitive(name)
{
    /// <summary>Results of every member, given every member's operands (member d's on device d).</summary>
    internal abstract NDArray[][] RunAcross(NDArray[][] members, Params p, AxisMembers axis);

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        throw new InvalidOperationException($"{Name} over {Axes(p)} ran outside a pmapped program");

    /// <summary>The axes the collective runs over, major to minor; its members are numbered row-major over them.</summary>
    public AxisNames Axes(Params p) => p.Get<AxisNames>("axis_name");

    /// <summary>A collective over a named vmap's axis is that vmap's; the frontend runs a tuple that reaches one as one
    /// collective per axis, so only a single name can name a vmap.</summary>
    internal override MainTrace? NamedAxisTrace(Params p) => Axes(p).Single is { } name ? AxisEnv.VmapOf(name) : null;

    /// <summary>
    /// The rule under a vmap whose batch axis is this collective's axis (<c>vmap(f, axis_name=...)</c>): batch
    /// element d plays member d, so the collective acts along the batch axis (<paramref name="axes"/>; null for a
    /// value that is the same for every element) of size <paramref name="size"/>.
    /// </summary>
    internal abstract (NDArray[] Outputs, int?[] Axes) BatchAlongAxis(NDArray[] inputs, int?[] axes, Params p, int size);
}

/// <summary>psum, pmax, pmin: every member gets the reduction over the axis of all members' values, for each of its
/// operands (one from Lax.Psum; several once <see cref="CollectiveScheduler"/> has combined a program's all-reduces).</summary>
public sealed class AllReducePrimitive(string name, ReduceOp op) : CollectivePrimitive(name)
{
    public ReduceOp Op { get; } = op;

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => inputs;

    internal override NDArray[][] RunAcross(NDArray[][] members, Params p, AxisMembers axis) => Collectives.AllReduce(Op, members, axis);

    /// <summary>psum is linear; pmax and pmin have no derivative here (JAX defines none either).</summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) => Op == ReduceOp.Sum
        ? (Bind(p, primals), OverNonNull(tangents, p))
        : throw new MissingRuleException(Name, "JVP");

    /// <summary>Every member's result reads every member's value, so each operand's cotangent is the sum of the
    /// members' cotangents: psum again.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        Op == ReduceOp.Sum ? OverNonNull(cotangents, p) : throw new MissingRuleException(Name, "transpose");

    /// <summary>Elementwise across members, so a vmapped value's batch axis passes through.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) => (Bind(p, inputs), axes);

    /// <summary>The reduction along the batch axis, the same for every element (so not batched); a value that is
    /// already the same everywhere sums to size times itself, and is its own max and min.</summary>
    internal override (NDArray[] Outputs, int?[] Axes) BatchAlongAxis(NDArray[] inputs, int?[] axes, Params p, int size) =>
        (inputs.Select((x, i) => (axes[i], Op) switch
        {
            (null, ReduceOp.Sum) => Jax.Lax.Mul(x, Jax.Lax.ConvertElementType(Jnp.Array(size), x.DType)),
            (null, _) => x,
            ({ } b, ReduceOp.Sum) => Jax.Lax.ReduceSum(x, [b]),
            ({ } b, ReduceOp.Max) => Jax.Lax.ReduceMax(x, [b]),
            ({ } b, _) => Jax.Lax.ReduceMin(x, [b]),
        }).ToArray(), new int?[inputs.Length]);

    /// <summary>This all-reduce of the non-null values; null where a value is null (a zero tangent or cotangent).</summary>
    private NDArray?[] OverNonNull(NDArray?[] values, Params p)
    {
        var present = Enumerable.Range(0, values.Length).Where(i => values[i] is not null).ToArray();
        var results = new NDArray?[values.Length];
        if (present.Length == 0) return results;
        var reduced = Bind(p, present.Select(i => values[i]!).ToArray());
        for (var k = 0; k < present.Length; k++) results[present[k]] = reduced[k];
        return results;
    }
}

/// <summary>all_gather: every member gets all members' values stacked along a new leading axis.</summary>
public sealed class AllGatherPrimitive() : CollectivePrimitive("all_gather")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) =>
        [inputs[0].WithShape([p.Get<int>("axis_size"), .. inputs[0].Shape])];

    internal override NDArray[][] RunAcross(NDArray[][] members, Params p, AxisMembers axis) =>
        Collectives.AllGather(members.Select(m => m[0]).ToArray(), axis).Select(r => new[] { r }).ToArray();

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [tangents[0] is { } t ? Bind1(p, t) : null]);

    /// <summary>Member d's value is row d of every member's result: its cotangent is row d of the members' summed
    /// cotangents.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var over = Params.Of(("axis_name", Axes(p)));
        var summed = CollectivePrims.Psum.Bind1(over, cotangents[0]);
        var index = CollectivePrims.AxisIndex.Bind1(over);
        var rest = operandAvals[0].Shape;
        NDArray[] starts = [index, .. rest.Select(_ => Jnp.Array(new[] { 0 }).Reshape([]))];
        return [Jax.Lax.Reshape(Jax.Lax.DynamicSlice(summed, starts, [1, .. rest], allowNegativeIndices: false), rest)];
    }

    /// <summary>The gathered axis comes first, so a vmapped value's batch axis moves one place right.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.One(Bind1(p, inputs[0]), axes[0] + 1);

    /// <summary>Every element gets the whole batch, batch axis first: one value, not batched.</summary>
    internal override (NDArray[] Outputs, int?[] Axes) BatchAlongAxis(NDArray[] inputs, int?[] axes, Params p, int size) =>
        Batching.One(Batching.AtFront(inputs[0], axes[0], size), null);
}

/// <summary>ppermute: member <c>target</c> gets member <c>source</c>'s value for each pair; members no pair targets
/// get zeros (XLA's collective_permute).</summary>
public sealed class PpermutePrimitive() : CollectivePrimitive("ppermute")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => [inputs[0]];

    internal override NDArray[][] RunAcross(NDArray[][] members, Params p, AxisMembers axis) =>
        Collectives.Permute(members.Select(m => m[0]).ToArray(), p.Get<PermutationPairs>("perm"), axis).Select(r => new[] { r }).ToArray();

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [tangents[0] is { } t ? Bind1(p, t) : null]);

    /// <summary>The cotangent travels back: the inverse pairs.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        [Bind1(p.With("perm", p.Get<PermutationPairs>("perm").Inverse()), cotangents[0])];

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.One(Bind1(p, inputs[0]), axes[0]);

    /// <summary>Element target takes element source's row; rows that no pair targets are zeros.</summary>
    internal override (NDArray[] Outputs, int?[] Axes) BatchAlongAxis(NDArray[] inputs, int?[] axes, Params p, int size)
    {
        var x = Batching.AtFront(inputs[0], axes[0], size);
        var (sources, targeted) = (new int[size], new bool[size]);
        foreach (var (source, target) in p.Get<PermutationPairs>("perm").Pairs) (sources[target], targeted[target]) = (source, true);
        var moved = Jnp.Take(x, Jnp.Array(sources), axis: 0);
        var mask = Jnp.Array(targeted).Reshape([size, .. Enumerable.Repeat(1, x.Ndim - 1)]);
        return Batching.One(Jnp.Where(mask, moved, Jnp.ZerosLike(moved)), 0);
    }
}

/// <summary>axis_index: the member's position along the axis, an int32 scalar; over a tuple of axes, its row-major
/// position in their grid (its place in its group).</summary>
public sealed class AxisIndexPrimitive() : CollectivePrimitive("axis_index")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => [new ShapedArray([], DType.Int32)];

    internal override NDArray[][] RunAcross(NDArray[][] members, Params p, AxisMembers axis) =>
        axis.Devices.Select((d, i) => new[] { Jax.DevicePut(Jnp.Array(new[] { axis.First + i }).Reshape([]), d) }).ToArray();

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) => ([Bind1(p)], [null]);

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) => Batching.One(Bind1(p), null);

    internal override (NDArray[] Outputs, int?[] Axes) BatchAlongAxis(NDArray[] inputs, int?[] axes, Params p, int size) =>
        Batching.One(Jnp.Arange(size).Astype(DType.Int32), 0);
}

/// <summary>The source-target pairs of a ppermute, as a primitive parameter with value equality.</summary>
public sealed class PermutationPairs(IReadOnlyList<(int Source, int Target)> pairs) : IEquatable<PermutationPairs>
{
    public IReadOnlyList<(int Source, int Target)> Pairs { get; } = pairs;

    public PermutationPairs Inverse() => new(Pairs.Select(x => (x.Target, x.Source)).ToArray());

    public bool Equals(PermutationPairs? other) => other is not null && Pairs.SequenceEqual(other.Pairs);

    public override bool Equals(object? obj) => obj is PermutationPairs o && Equals(o);

    public override int GetHashCode() => Pairs.Aggregate(0, (h, x) => HashCode.Combine(h, x));

    public override string ToString() => "(" + string.Join(", ", Pairs.Select(x => $"({x.Source}, {x.Target})")) + ")";
}

/// <summary>The collective primitives (kept apart from <see cref="Primitives.Prims"/>: they have no single-device
/// lowering, so the registry's lowering and conformance checks do not apply to them).</summary>
public static class CollectivePrims
{
    public static readonly AllReducePrimitive Psum = new("psum", ReduceOp.Sum);
    public static readonly AllReducePrimitive Pmax = new("pmax", ReduceOp.Max);
    public static readonly AllReducePrimitive Pmin = new("pmin", ReduceOp.Min);
    public static readonly AllGatherPrimitive AllGather = new();
    public static readonly PpermutePrimitive Ppermute = new();
    public static readonly AxisIndexPrimitive AxisIndex = new();
    public static readonly AllToAllPrimitive AllToAll = new();
    public static readonly ReduceScatterPrimitive ReduceScatter = new();
}
