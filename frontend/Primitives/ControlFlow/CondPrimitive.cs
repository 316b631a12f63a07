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
public sealed class CondPrimitive() : ControlFlowPrimitive("cond"), IPartialEvalRule
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

    internal override bool ResultsAreFreshOrInputs => true;

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, Params p, Device device) =>
        Run(bodies, inputs, new bool[inputs.Length], p, device, out _);

    /// <summary>The branch taken is given up what the cond was, and its results are the cond's.</summary>
    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, bool[] donated, Params p, Device device, out bool[] owned)
    {
        var index = (int)Math.Clamp(ReadScalar(inputs[0]), 0, bodies.Length - 1);
        return bodies[index].Run(device, inputs[1..], donated[1..], out owned);
    }

    /// <summary>
    /// JAX's cond JVP: every branch is differentiated with the same nonzero tangents, and the output tangents that any
    /// branch produces are instantiated in all of them, so that the branches of the new cond agree on their types.
    /// Inputs (index, primals..., nonzero tangents...); outputs (primals..., tangents...).
    /// </summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var branches = Branches(p);
        var operands = primals[1..];
        var nonzero = JvpJaxpr.Nonzero(operands, tangents[1..]);
        var none = new bool[branches[0].OutAvals.Length];
        var outNonzero = branches.Select(b => JvpJaxpr.Jvp(b, nonzero, none).OutNonzero)
            .Aggregate((a, b) => a.Zip(b, (x, y) => x || y).ToArray());
        var jvps = branches.Select(b => JvpJaxpr.Jvp(b, nonzero, outNonzero).Jaxpr).ToArray();
        var outs = Bind(Params.Of(("branches", jvps)), [primals[0], .. operands, .. JaxprRewrite.Pick(tangents[1..], nonzero).Select(t => t!)]);
        var n = none.Length;
        return (outs[..n], JaxprRewrite.Scatter(outNonzero, outs[n..]));
    }

    /// <summary>
    /// JAX's _cond_partial_eval: with a known index, every branch is split with the same unknown operands and
    /// instantiating the outputs unknown in any branch. The known cond runs now and returns, besides the known outputs,
    /// the residuals of every branch (zeros for the branches not taken); the unknown cond is staged over (residuals,
    /// unknown operands). An unknown index stages the whole cond.
    /// </summary>
    Tracer[] IPartialEvalRule.PartialEval(PartialEvalTrace trace, PartialEvalTracer[] inputs, Params p)
    {
        var state = trace.State;
        if (!inputs[0].IsKnown) return trace.Stage(this, inputs.Select(state.AtomOf).ToArray(), p);
        var branches = Branches(p);
        var operands = inputs[1..];
        var unknown = operands.Select(t => !t.IsKnown).ToArray();
        var none = new bool[branches[0].OutAvals.Length];
        var outUnknown = branches.Select(b => PartialEvalJaxpr.Split(b, unknown, none).OutUnknown)
            .Aggregate((a, b) => a.Zip(b, (x, y) => x || y).ToArray());
        var splits = branches.Select(b => PartialEvalJaxpr.Split(b, unknown, outUnknown)).ToArray();
        var residuals = splits.Select(s => s.Residuals.Select(a => a.Strong()).ToArray()).ToArray();
        var nKnownOut = outUnknown.Count(u => !u);
        var knownAvals = JaxprRewrite.Pick(operands, unknown, false).Select(t => t.Aval).ToArray();
        var knownBranches = splits.Select((s, k) => Tracing.ToJaxpr(a =>
        {
            var outs = JaxprEval.Eval(s.Known, a);
            return [.. outs[..nKnownOut], .. residuals.SelectMany((r, j) => j == k ? outs[nKnownOut..] : r.Select(Tangents.Zeros))];
        }, knownAvals, "partial_eval", null)).ToArray();
        var knownOuts = Bind(Params.Of(("branches", knownBranches)), [inputs[0].Value!, .. JaxprRewrite.Pick(operands, unknown, false).Select(t => t.Value!)]);
        var unknownBranches = splits.Select((s, k) => JaxprRewrite.InsertUnusedInputs(JaxprRewrite.InsertUnusedInputs(s.Unknown,
            residuals[k].Length, residuals[(k + 1)..].SelectMany(r => r)), 0, residuals[..k].SelectMany(r => r))).ToArray();
        Atom[] atoms = [state.AtomOf(inputs[0]), .. knownOuts[nKnownOut..].Select(state.ConstantAtom), .. JaxprRewrite.Pick(operands, unknown).Select(state.AtomOf)];
        var unknownOuts = trace.Stage(this, atoms, Params.Of(("branches", unknownBranches)));
        return JaxprRewrite.Merge(outUnknown, unknownOuts, knownOuts[..nKnownOut].Select(trace.Known).ToArray());
    }

    /// <summary>
    /// JAX's _cond_transpose: a cond over the transposed branches, taking (index, known operands, output cotangents)
    /// and returning the cotangents of the linear operands (zeros from a branch that does not use one).
    /// </summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var index = operands[0] ?? throw new InvalidOperationException("cond transpose: the branch index is not a known value");
        var linear = operands[1..].Select(o => o is null).ToArray();
        var transposed = Branches(p).Select(b => TransposeJaxpr.Transpose(b, linear)).ToArray();
        var known = JaxprRewrite.Pick(operands[1..], linear, false).Select(o => o!);
        var cts = Bind(Params.Of(("branches", transposed)), [index, .. known, .. cotangents]);
        return [null, .. JaxprRewrite.Scatter(linear, cts)];
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
