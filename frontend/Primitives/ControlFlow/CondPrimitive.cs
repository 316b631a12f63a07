using JaxNet.Core;
using JaxNet.Runtime;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// cond[branches]: inputs (index, operands...); runs branch <c>index</c> (an int32 scalar, already clamped by
/// Lax.Switch; Lax.Cond passes 0 for false, 1 for true) on the operands. Every branch takes the same operands and
/// returns the same types. Eagerly and under Jit only the chosen branch runs; under Vmap with a batched index every
/// branch runs and selects pick each element's result (JAX's rule).
/// </summary>
public sealed class CondPrimitive() : ControlFlowPrimitive("cond")
{
    public static ClosedJaxpr[] Branches(Params p) => p.Get<ClosedJaxpr[]>("branches");

    public override IReadOnlyList<ControlBody> Bodies(Params p) => Branches(p).Select((b, i) => new ControlBody("branch" + i, b)).ToArray();

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var branches = Branches(p);
        var index = inputs[0];
        if (index.Rank != 0 || index.DType != DType.Int32) throw Error($"the branch index must be an int32 scalar, got {index.Str()}");
        var operands = inputs[1..];
        for (var k = 0; k < branches.Length; k++) ControlFlowTypes.CheckInputs(Name, $"branch {k}", branches[k].InAvals, operands);
        return JoinOutputs(branches.Select(b => b.OutAvals).ToArray(), k => $"branch {k}");
    }

    /// <summary>
    /// The common output types of branches, or an error naming both disagreeing branches and their types.
    /// <paramref name="branchName"/> names branch k for the message ("false branch", "branch 2").
    /// </summary>
    public static ShapedArray[] JoinOutputs(ShapedArray[][] outs, Func<int, string> branchName)
    {
        var joined = outs[0].ToArray();
        for (var k = 1; k < outs.Length; k++)
        {
            var same = outs[k].Length == joined.Length && outs[k].Zip(joined).All(p => ControlFlowTypes.Agree(p.First, p.Second));
            if (!same)
                throw new ShapeException($"cond: branches must return the same types, but {branchName(0)} returns " +
                    $"{ControlFlowTypes.List(outs[0])} and {branchName(k)} returns {ControlFlowTypes.List(outs[k])}");
            for (var i = 0; i < joined.Length; i++) joined[i] = ControlFlowTypes.Join(joined[i], outs[k][i]);
        }
        return joined;
    }

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, Params p, Device device)
    {
        var index = (int)Math.Clamp(ReadScalar(inputs[0]), 0, bodies.Length - 1);
        return bodies[index].Run(device, inputs[1..]);
    }

    /// <summary>
    /// An unbatched index keeps one cond over batched branches; a batched index runs every batched branch and
    /// selects, per element, the result of its branch.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var operands = inputs[1..].Select((x, i) => axes[i + 1] is { } a ? Batching.MoveAxis(x, a, 0) : x).ToArray();
        var batched = axes[1..].Select(a => a is not null).ToArray();
        var branches = Branches(p).Select(b => BatchingJaxpr.Batch(b, batched, size)).ToArray();
        if (axes[0] is null)
        {
            var outs = Bind(Params.Of(("branches", branches)), [inputs[0], .. operands]);
            return (outs, outs.Select(_ => (int?)0).ToArray());
        }
        var index = Batching.MoveAxis(inputs[0], axes[0]!.Value, 0);
        var results = JaxprEval.Eval(branches[0], operands);
        for (var k = 1; k < branches.Length; k++)
        {
            var chosen = Jax.Lax.Eq(index, NDArray.FromScalar(Scalar.Of(DType.Int32, k), false));
            var outs = JaxprEval.Eval(branches[k], operands);
            for (var i = 0; i < results.Length; i++)
                results[i] = Jax.Lax.Select(Jax.Lax.BroadcastInDim(chosen, outs[i].Shape, [0]), outs[i], results[i]);
        }
        return (results, results.Select(_ => (int?)0).ToArray());
    }
}
