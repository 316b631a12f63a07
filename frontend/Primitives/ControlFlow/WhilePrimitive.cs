using JaxNet.Core;
using JaxNet.Runtime;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// while[cond_jaxpr, body_jaxpr, cond_nconsts, body_nconsts]: inputs (cond consts..., body consts..., carry...);
/// while <c>cond_jaxpr(cond consts, carry)</c> (a bool scalar) is true, <c>carry = body_jaxpr(body consts, carry)</c>.
/// The body keeps the carry's types. Each iteration launches the compiled condition program, reads its predicate back
/// and launches the compiled body program: the body is compiled once, never unrolled. A loop that counts
/// (<see cref="CountedWhile"/>, fori_loop with traced bounds) reads its trip count once and runs the body that often.
/// </summary>
public sealed class WhilePrimitive() : ControlFlowPrimitive("while"), IPartialEvalRule
{
    public static ClosedJaxpr CondJaxpr(Params p) => p.Get<ClosedJaxpr>("cond_jaxpr");

    public static ClosedJaxpr BodyJaxpr(Params p) => p.Get<ClosedJaxpr>("body_jaxpr");

    public static Params MakeParams(ClosedJaxpr cond, ClosedJaxpr body, int condConsts, int bodyConsts) => Params.Of(
        ("cond_jaxpr", cond), ("body_jaxpr", body), ("cond_nconsts", condConsts), ("body_nconsts", bodyConsts));

    public override IReadOnlyList<ControlBody> Bodies(Params p) => [new("cond", CondJaxpr(p)), new("body", BodyJaxpr(p))];

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (nc, nb) = (p.Get<int>("cond_nconsts"), p.Get<int>("body_nconsts"));
        var carry = inputs[(nc + nb)..];
        var cond = CondJaxpr(p);
        var body = BodyJaxpr(p);
        ControlFlowTypes.CheckInputs(Name, "cond_fun", cond.InAvals, [.. inputs[..nc], .. carry]);
        ControlFlowTypes.CheckInputs(Name, "body_fun", body.InAvals, [.. inputs[nc..(nc + nb)], .. carry]);
        if (cond.OutAvals is not [{ Rank: 0, DType: DType.Bool }])
            throw Error($"cond_fun must return a boolean scalar, got {ControlFlowTypes.List(cond.OutAvals)}");
        CheckCarry(carry, body.OutAvals);
        return carry;
    }

    /// <summary>The error for a body that changes the carry's type, naming the carry element and both types.</summary>
    public static void CheckCarry(ShapedArray[] carry, ShapedArray[] output, string construct = "while_loop", string body = "body_fun")
    {
        if (output.Length != carry.Length)
            throw new ShapeException($"{construct}: {body} must return the carry's {carry.Length} values, but returns {output.Length}");
        for (var i = 0; i < carry.Length; i++)
            if (!ControlFlowTypes.Agree(carry[i], output[i]))
                throw new ShapeException($"{construct}: {body} must keep the carry's type, but carry element {i} is {carry[i].Str()} " +
                    $"on input and {output[i].Str()} on output");
    }

    internal override bool ResultsAreFreshOrInputs => true;

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, Params p, Device device) =>
        Run(bodies, inputs, new bool[inputs.Length], p, device, out _);

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, bool[] donated, Params p, Device device, out bool[] owned)
    {
        var (nc, nb) = (p.Get<int>("cond_nconsts"), p.Get<int>("body_nconsts"));
        var condConsts = inputs[..nc];
        var bodyConsts = inputs[nc..(nc + nb)];
        var carry = inputs[(nc + nb)..];
        // The caller's arrays are kept unless it gave them up; from the second iteration on, the carries the body made
        // are the loop's alone, and the body may update them in place.
        owned = donated[(nc + nb)..];
        if (CountedWhile.Of(p) is { } counted)
        {
            var trips = counted.Trips(condConsts, carry);
            var feedback = Enumerable.Range(nb, carry.Length).ToArray();
            return Iterate(bodies[1], device, [.. bodyConsts, .. carry], feedback, carry, ref owned, trips, inputs);
        }
        // One argument array per body serves every iteration: a program run keeps none of its arguments' containers.
        var condArgs = (NDArray[])[.. condConsts, .. carry];
        var (condDonated, bodyArgs, bodyDonated) = (new bool[condArgs.Length], (NDArray[])[.. bodyConsts, .. carry], new bool[nb + carry.Length]);
        while (true)
        {
            carry.CopyTo(condArgs, nc);
            var predicate = bodies[0].Run(device, condArgs, condDonated, out _)[0];
            var go = ReadScalar(predicate) != 0;
            predicate.Dispose();
            if (!go) return carry;
            carry.CopyTo(bodyArgs, nb);
            owned.CopyTo(bodyDonated, nb);
            var next = bodies[1].Run(device, bodyArgs, bodyDonated, out owned);
            Release(carry, next, inputs);
            carry = next;
        }
    }

    /// <summary>
    /// JAX's while JVP: the body's JVP with a fixpoint on which carries have nonzero tangents; the condition ignores the
    /// tangent carries. The new loop carries (carry, carry tangents) and has body consts (consts, const tangents).
    /// </summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var (nc, nb) = (p.Get<int>("cond_nconsts"), p.Get<int>("body_nconsts"));
        var nk = primals.Length - nc - nb;
        var nonzero = JvpJaxpr.Nonzero(primals, tangents);
        var constNz = nonzero[nc..(nc + nb)];
        var carryNz = nonzero[(nc + nb)..];
        ClosedJaxpr jvp;
        while (true)
        {
            bool[] outNz;
            (jvp, outNz) = JvpJaxpr.Jvp(BodyJaxpr(p), [.. constNz, .. carryNz], carryNz);
            if (outNz.SequenceEqual(carryNz)) break;
            carryNz = carryNz.Zip(outNz, (a, b) => a || b).ToArray();
        }
        var (nbt, nkt) = (constNz.Count(b => b), carryNz.Count(b => b));
        // The JVP body takes (consts, carry, const tangents, carry tangents); the loop wants the const tangents first.
        int[] inOrder = [.. Enumerable.Range(0, nb), .. Enumerable.Range(nb + nk, nbt), .. Enumerable.Range(nb, nk),
            .. Enumerable.Range(nb + nk + nbt, nkt)];
        var body = JaxprRewrite.Permute(jvp, inOrder, Enumerable.Range(0, nk + nkt).ToArray());
        var carryAvals = primals[(nc + nb)..].Select(x => x.Aval.Strong()).ToArray();
        var cond = JaxprRewrite.InsertUnusedInputs(CondJaxpr(p), nc + nk, JaxprRewrite.Pick(carryAvals, carryNz));
        var constTangents = JaxprRewrite.Pick(tangents[nc..(nc + nb)], constNz).Select(t => t!);
        var carryTangents = JaxprRewrite.Where(carryNz).Select(i => Tangents.Instantiate(tangents[nc + nb + i], carryAvals[i]));
        var outs = Bind(MakeParams(cond, body, nc, nb + nbt), [.. primals[..(nc + nb)], .. constTangents, .. primals[(nc + nb)..], .. carryTangents]);
        return (outs[..nk], JaxprRewrite.Scatter(carryNz, outs[nk..]));
    }

    /// <summary>The error of reverse-mode differentiation through a while loop, as JAX's.</summary>
    public const string ReverseModeError = "Reverse-mode differentiation does not work for lax.while_loop or lax.fori_loop with dynamic " +
        "start/stop values. Try using lax.scan, or using fori_loop with static start/stop (Lax.ForiLoop(int, int, ...)).";

    /// <summary>
    /// JAX's _while_partial_eval: the carries that stay known (a fixpoint over the body) are computed now by a loop over
    /// the known part of the body, while the unknown carries come from the whole loop staged again over every input
    /// (recomputing the known part), so that Linearize works forward. Transposing that loop is JAX's error: reverse
    /// mode would need every iteration's residuals, and their number is unknown.
    /// </summary>
    Tracer[] IPartialEvalRule.PartialEval(PartialEvalTrace trace, PartialEvalTracer[] inputs, Params p)
    {
        var (nc, nb) = (p.Get<int>("cond_nconsts"), p.Get<int>("body_nconsts"));
        var state = trace.State;
        var unknown = inputs.Select(t => !t.IsKnown).ToArray();
        var carryUk = unknown[(nc + nb)..];
        PartialEvalJaxpr body;
        while (true)
        {
            body = PartialEvalJaxpr.Split(BodyJaxpr(p), [.. unknown[nc..(nc + nb)], .. carryUk], new bool[carryUk.Length]);
            if (body.OutUnknown.SequenceEqual(carryUk)) break;
            carryUk = carryUk.Zip(body.OutUnknown, (a, b) => a || b).ToArray();
        }
        var cond = PartialEvalJaxpr.Split(CondJaxpr(p), [.. unknown[..nc], .. carryUk], [false]);
        var staged = trace.Stage(this, inputs.Select(state.AtomOf).ToArray(), p);
        if (cond.OutUnknown[0]) return staged;
        var knownCarries = carryUk.Count(u => !u);
        var knownCond = JaxprRewrite.KeepOutputs(cond.Known, i => i == 0);
        var knownBody = JaxprRewrite.KeepOutputs(body.Known, i => i < knownCarries);
        var known = JaxprRewrite.Pick(inputs, [.. unknown[..(nc + nb)], .. carryUk], false).Select(t => t.Value!).ToArray();
        var knownOuts = Bind(MakeParams(knownCond, knownBody, unknown[..nc].Count(u => !u), unknown[nc..(nc + nb)].Count(u => !u)), known);
        return JaxprRewrite.Merge(carryUk, JaxprRewrite.Pick(staged, carryUk), knownOuts.Select(trace.Known).ToArray());
    }

    /// <inheritdoc cref="ReverseModeError"/>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        throw new InvalidOperationException(ReverseModeError);

    /// <summary>
    /// JAX's rule with every carry batched: the condition becomes "any element still running" and the body updates
    /// only the elements whose own predicate is true (a select), so each element stops where its loop would.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var (nc, nb) = (p.Get<int>("cond_nconsts"), p.Get<int>("body_nconsts"));
        var n = inputs.Length;
        var values = inputs.Select((x, i) => i >= nc + nb ? Batching.AtFront(x, axes[i], size)
            : axes[i] is { } a ? Batching.MoveAxis(x, a, 0) : x).ToArray();
        var batched = Enumerable.Range(0, n).Select(i => i >= nc + nb || axes[i] is not null).ToArray();
        var condB = BatchingJaxpr.Batch(CondJaxpr(p), [.. batched[..nc], .. batched[(nc + nb)..]], size);
        var bodyB = BatchingJaxpr.Batch(BodyJaxpr(p), batched[nc..], size);
        var condConsts = values[..nc];
        var bodyConsts = values[nc..(nc + nb)];
        var carry = values[(nc + nb)..];
        var carryAvals = carry.Select(c => c.Aval.Strong()).ToArray();

        var anyRunning = Tracing.ToJaxpr(a => [Jax.Lax.ReduceOr(JaxprEval.Eval(condB, a)[0], [0])],
            [.. condConsts.Select(c => c.Aval), .. carryAvals], "vmap", null);
        var maskedBody = Tracing.ToJaxpr(a =>
        {
            var cc = a[..nc];
            var bc = a[nc..(nc + nb)];
            var old = a[(nc + nb)..];
            var running = JaxprEval.Eval(condB, [.. cc, .. old])[0];
            var updated = JaxprEval.Eval(bodyB, [.. bc, .. old]);
            return updated.Select((u, i) => Jax.Lax.Select(Jax.Lax.BroadcastInDim(running, old[i].Shape, [0]), u, old[i])).ToArray();
        }, [.. condConsts.Select(c => c.Aval), .. bodyConsts.Select(c => c.Aval), .. carryAvals], "vmap", null);
        var q = MakeParams(anyRunning, maskedBody, nc, nc + nb);
        var outs = Bind(q, [.. condConsts, .. condConsts, .. bodyConsts, .. carry]);
        return (outs, outs.Select(_ => (int?)0).ToArray());
    }
}
