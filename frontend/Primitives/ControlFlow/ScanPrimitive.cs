using JaxNet.Core;
using JaxNet.Runtime;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// scan[jaxpr, num_consts, num_carry, length, reverse]: inputs (consts..., carry..., xs...), where each x is stacked
/// along a leading axis of <c>length</c>; <c>jaxpr(consts, carry, x[i]) = (carry', y)</c> runs for i = 0..length-1
/// (backwards when reversed), and the results are the final carry and the ys stacked the same way (JAX's scan).
/// Compiled, it is one step program launched <c>length</c> times: the program slices x[i] with dynamic_slice and
/// writes y into the stacked ys with dynamic_update_slice, fused around the body, with the step counter carried on
/// the device (nothing is read back), plus a program that makes the zero-filled ys.
/// </summary>
public sealed class ScanPrimitive() : ControlFlowPrimitive("scan"), IPartialEvalRule
{
    public static ClosedJaxpr Body(Params p) => p.Get<ClosedJaxpr>("jaxpr");

    public static Params MakeParams(ClosedJaxpr body, int consts, int carry, int length, bool reverse) => Params.Of(
        ("jaxpr", body), ("num_consts", consts), ("num_carry", carry), ("length", length), ("reverse", reverse));

    private static (int Consts, int Carry, int Length, bool Reverse) Sizes(Params p) =>
        (p.Get<int>("num_consts"), p.Get<int>("num_carry"), p.Get<int>("length"), p.Get<bool>("reverse"));

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (nc, nk, length, _) = Sizes(p);
        var body = Body(p);
        var xs = inputs[(nc + nk)..];
        foreach (var x in xs)
            if (x.Rank == 0 || x.Shape[0] != length)
                throw Error($"every scanned input must have a leading axis of the scan's length {length}, got {x.Str()}");
        var slices = xs.Select(x => x.WithShape(x.Shape[1..])).ToArray();
        ControlFlowTypes.CheckInputs(Name, "f", body.InAvals, [.. inputs[..(nc + nk)], .. slices]);
        var outs = body.OutAvals;
        var carry = inputs[nc..(nc + nk)];
        WhilePrimitive.CheckCarry(carry, outs[..Math.Min(nk, outs.Length)], "scan", "f");
        return [.. carry, .. outs[nk..].Select(y => y.WithShape([length, .. y.Shape]))];
    }

    public override IReadOnlyList<ControlBody> Bodies(Params p)
    {
        var (nc, nk, length, reverse) = Sizes(p);
        var body = Body(p);
        var yAvals = body.OutAvals[nk..].Select(y => new ShapedArray([length, .. y.Shape], y.DType)).ToArray();
        var zeros = Tracing.ToJaxpr(_ => yAvals.Select(y =>
            Jax.Lax.BroadcastInDim(NDArray.FromScalar(Scalar.Of(y.DType, 0), false), y.Shape, [])).ToArray(), [], "scan", null);
        var inAvals = body.InAvals;
        var xAvals = inAvals[(nc + nk)..].Select(x => new ShapedArray([length, .. x.Shape], x.DType)).ToArray();
        ShapedArray counter = new([], DType.Int32);
        var step = Tracing.ToJaxpr(a => Step(body, a, nc, nk, xAvals.Length, length, reverse),
            [.. inAvals[..(nc + nk)].Select(x => x.Strong()), counter, .. xAvals, .. yAvals], "scan", null);
        return [new("zeros", zeros), new("step", step)];
    }

    /// <summary>One iteration: (consts, carry, i, xs, ys) -> (carry', i + 1, ys with y written at the step's row).</summary>
    private static NDArray[] Step(ClosedJaxpr body, NDArray[] a, int nc, int nk, int nx, int length, bool reverse)
    {
        static NDArray Int(long v) => NDArray.FromScalar(Scalar.Of(DType.Int32, v), false);
        var consts = a[..nc];
        var carry = a[nc..(nc + nk)];
        var i = a[nc + nk];
        var xs = a[(nc + nk + 1)..(nc + nk + 1 + nx)];
        var ys = a[(nc + nk + 1 + nx)..];
        var row = reverse ? Jax.Lax.Sub(Int(length - 1), i) : i;
        NDArray[] Start(int rank) => [row, .. Enumerable.Repeat(Int(0), rank - 1)];
        // A scan of length 0 never runs its step, but the step must still trace: it has no row to slice or write.
        static NDArray Zeros(ShapedArray a) => Jax.Lax.BroadcastInDim(NDArray.FromScalar(Scalar.Of(a.DType, 0), false), a.Shape, []);
        var slices = xs.Select(x => length == 0 ? Zeros(x.Aval.WithShape(x.Shape[1..]))
            : Jax.Lax.Reshape(Jax.Lax.DynamicSlice(x, Start(x.Ndim), [1, .. x.Shape[1..]], allowNegativeIndices: false), x.Shape[1..])).ToArray();
        var outs = JaxprEval.Eval(body, [.. consts, .. carry, .. slices]);
        var written = length == 0 ? ys : ys.Select((y, k) =>
        {
            var value = Jax.Lax.ConvertElementType(outs[nk + k], y.DType);
            return Jax.Lax.DynamicUpdateSlice(y, Jax.Lax.Reshape(value, [1, .. y.Shape[1..]]), Start(y.Ndim), allowNegativeIndices: false);
        }).ToArray();
        var carried = outs[..nk].Select((c, k) => Jax.Lax.ConvertElementType(c, carry[k].DType)).ToArray();
        return [.. carried, Jax.Lax.Add(i, Int(1)), .. written];
    }

    internal override bool ResultsAreFreshOrInputs => true;

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, Params p, Device device) =>
        Run(bodies, inputs, new bool[inputs.Length], p, device, out _);

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, bool[] donated, Params p, Device device, out bool[] owned)
    {
        var (nc, nk, length, _) = Sizes(p);
        var consts = inputs[..nc];
        var xs = inputs[(nc + nk)..];
        var ys = bodies[0].Run(device, [], [], out var ysOwned);
        var state = (NDArray[])[.. inputs[nc..(nc + nk)], NDArray.FromScalar(Scalar.Of(DType.Int32, 0), false), .. ys];
        // The caller's carries are kept unless it gave them up; the ys the loop allocated, and the carries its steps
        // made, are the loop's alone: a step writes its row of ys, and updates its carries, in place.
        owned = [.. donated[nc..(nc + nk)], false, .. ysOwned];
        // The body's arguments are (consts, carry and counter, xs, ys); one array serves every step, since a run of the
        // program binds the arrays it is given and keeps none of its arguments' containers.
        var args = (NDArray[])[.. consts, .. state[..(nk + 1)], .. xs, .. state[(nk + 1)..]];
        var ysAt = nc + nk + 1 + xs.Length;
        // Step output k (carries and counter, then ys) is step input feedback[k] of the next step.
        var feedback = Enumerable.Range(0, state.Length).Select(k => k <= nk ? nc + k : ysAt + k - nk - 1).ToArray();
        state = Iterate(bodies[1], device, args, feedback, state, ref owned, length, inputs);
        owned = [.. owned[..nk], .. owned[(nk + 1)..]];
        NDArray[] results = [.. state[..nk], .. state[(nk + 1)..]];
        // The step counter is the loop's own: freed now rather than by its finalizer.
        if (Array.IndexOf(results, state[nk]) < 0) state[nk].Dispose();
        return results;
    }

    /// <summary>
    /// JAX's scan JVP: the body's JVP, with a fixpoint on which carries have nonzero tangents (a carry whose tangent
    /// the body makes nonzero must enter with one, instantiated as zeros). The new scan carries (consts, const
    /// tangents; carry, carry tangents; xs, xs tangents), so a differentiated loop stays one loop.
    /// </summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var (nc, nk, length, reverse) = Sizes(p);
        var body = Body(p);
        var ny = body.OutAvals.Length - nk;
        var nonzero = JvpJaxpr.Nonzero(primals, tangents);
        var carryNz = nonzero[nc..(nc + nk)];
        ClosedJaxpr jvp;
        bool[] outNz;
        while (true)
        {
            bool[] inNz = [.. nonzero[..nc], .. carryNz, .. nonzero[(nc + nk)..]];
            (jvp, outNz) = JvpJaxpr.Jvp(body, inNz, [.. carryNz, .. new bool[ny]]);
            if (outNz[..nk].SequenceEqual(carryNz)) break;
            carryNz = carryNz.Zip(outNz[..nk], (a, b) => a || b).ToArray();
        }
        nonzero = [.. nonzero[..nc], .. carryNz, .. nonzero[(nc + nk)..]];
        // The JVP jaxpr takes (consts, carry, xs, their nonzero tangents) and returns (carry, ys, their tangents);
        // the scan wants consts, carry and xs each followed by their tangents, and carry tangents before the ys.
        var n = primals.Length;
        var tangentSlot = new int[n];
        for (int i = 0, k = n; i < n; i++) tangentSlot[i] = nonzero[i] ? k++ : -1;
        int[] Group(int from, int to) =>
            [.. Enumerable.Range(from, to - from), .. Enumerable.Range(from, to - from).Where(i => nonzero[i]).Select(i => tangentSlot[i])];
        var (nct, nkt) = (nonzero[..nc].Count(b => b), carryNz.Count(b => b));
        var nyt = outNz[nk..].Count(b => b);
        int[] outOrder = [.. Enumerable.Range(0, nk), .. Enumerable.Range(nk + ny, nkt), .. Enumerable.Range(nk, ny),
            .. Enumerable.Range(nk + ny + nkt, nyt)];
        var permuted = JaxprRewrite.Permute(jvp, [.. Group(0, nc), .. Group(nc, nc + nk), .. Group(nc + nk, n)], outOrder);
        NDArray[] Tangent(int from, int to) =>
            Enumerable.Range(from, to - from).Where(i => nonzero[i]).Select(i => Tangents.Instantiate(tangents[i], primals[i].Aval.Strong())).ToArray();
        NDArray[] inputs = [.. primals[..nc], .. Tangent(0, nc), .. primals[nc..(nc + nk)], .. Tangent(nc, nc + nk),
            .. primals[(nc + nk)..], .. Tangent(nc + nk, n)];
        var outs = Bind(MakeParams(permuted, nc + nct, nk + nkt, length, reverse), inputs);
        NDArray[] primalsOut = [.. outs[..nk], .. outs[(nk + nkt)..(nk + nkt + ny)]];
        NDArray?[] tangentsOut = [.. JaxprRewrite.Scatter(carryNz, outs[nk..(nk + nkt)]), .. JaxprRewrite.Scatter(outNz[nk..], outs[(nk + nkt + ny)..])];
        return (primalsOut, tangentsOut);
    }

    /// <summary>
    /// JAX's _scan_partial_eval: the body is split with a fixpoint on which carries are unknown. The known scan runs now
    /// and also stacks, per step, the residuals the unknown part needs, except loop-invariant ones and forwarded xs (see
    /// <see cref="ClassifyResiduals"/>); the unknown scan is staged over (invariant residuals, unknown consts; unknown
    /// carry; unknown xs, per-step residuals).
    /// </summary>
    Tracer[] IPartialEvalRule.PartialEval(PartialEvalTrace trace, PartialEvalTracer[] inputs, Params p)
    {
        var (nc, nk, length, reverse) = Sizes(p);
        var body = Body(p);
        var ny = body.OutAvals.Length - nk;
        var unknown = inputs.Select(t => !t.IsKnown).ToArray();
        var carryUk = unknown[nc..(nc + nk)];
        PartialEvalJaxpr split;
        while (true)
        {
            split = PartialEvalJaxpr.Split(body, [.. unknown[..nc], .. carryUk, .. unknown[(nc + nk)..]], [.. carryUk, .. new bool[ny]]);
            if (split.OutUnknown[..nk].SequenceEqual(carryUk)) break;
            carryUk = carryUk.Zip(split.OutUnknown[..nk], (a, b) => a || b).ToArray();
        }
        unknown = [.. unknown[..nc], .. carryUk, .. unknown[(nc + nk)..]];
        var knownInputs = JaxprRewrite.Pick(inputs, unknown, false).Select(t => t.Value!).ToArray();
        var (kc, kk) = (unknown[..nc].Count(u => !u), carryUk.Count(u => !u));
        var nKnownOut = split.OutUnknown.Count(u => !u);
        var residuals = ClassifyResiduals(split, nKnownOut, kc, kk, knownInputs);
        var knownBody = JaxprRewrite.KeepOutputs(split.Known, i => i < nKnownOut || residuals[i - nKnownOut].Kind == ResidualKind.Stacked);
        var knownOuts = Bind(MakeParams(knownBody, kc, kk, length, reverse), knownInputs);
        var stacked = new Queue<NDArray>(knownOuts[nKnownOut..]);

        // The unknown scan: consts (loop-invariant residuals, unknown consts), carry, xs (unknown xs, per-step residuals).
        var nr = residuals.Length;
        var nu = inputs.Length - knownInputs.Length;
        var (uc, uk) = (unknown[..nc].Count(u => u), carryUk.Count(u => u));
        var invariant = residuals.Select(r => r.Kind == ResidualKind.Invariant).ToArray();
        int[] inOrder = [.. JaxprRewrite.Where(invariant), .. Enumerable.Range(nr, nu), .. JaxprRewrite.Where(invariant, false)];
        var unknownBody = JaxprRewrite.Permute(split.Unknown, inOrder, Enumerable.Range(0, split.Unknown.OutAvals.Length).ToArray());
        var state = trace.State;
        var residualAtoms = residuals.Select(r => state.ConstantAtom(r.Value ?? stacked.Dequeue())).ToArray();
        Atom[] atoms = [.. JaxprRewrite.Pick(residualAtoms, invariant), .. JaxprRewrite.Pick(inputs, unknown).Select(state.AtomOf),
            .. JaxprRewrite.Pick(residualAtoms, invariant, false)];
        var unknownOuts = trace.Stage(this, atoms, MakeParams(unknownBody, invariant.Count(b => b) + uc, uk, length, reverse));
        var knownTracers = knownOuts[..nKnownOut].Select(trace.Known).ToArray();
        return JaxprRewrite.Merge(split.OutUnknown, unknownOuts, knownTracers);
    }

    private enum ResidualKind { Invariant, ForwardedXs, Stacked }

    /// <summary>A residual of the scan's partial evaluation, with its value when it is not stacked by the known scan.</summary>
    private readonly record struct Residual(ResidualKind Kind, NDArray? Value);

    /// <summary>
    /// Where each residual of the split body comes from, so that only values that change per step are stacked (JAX's
    /// loop-invariant residuals): a known const the body forwards, or a value computed from the known consts alone
    /// (computed once, here), is passed as a const of the unknown scan; a forwarded known xs is passed as it is.
    /// </summary>
    private static Residual[] ClassifyResiduals(PartialEvalJaxpr split, int nKnownOut, int kc, int kk, NDArray[] knownInputs)
    {
        var nr = split.Residuals.Length;
        var fromConsts = PartialEvalJaxpr.Split(split.Known, [.. new bool[kc], .. Enumerable.Repeat(true, knownInputs.Length - kc)],
            new bool[nKnownOut + nr]);
        NDArray[]? constOuts = null;
        var result = new Residual[nr];
        for (var r = 0; r < nr; r++)
        {
            var source = split.ResidualSource[r];
            if (source >= 0 && source < kc) result[r] = new(ResidualKind.Invariant, knownInputs[source]);
            else if (source >= kc + kk) result[r] = new(ResidualKind.ForwardedXs, knownInputs[source]);
            else if (!fromConsts.OutUnknown[nKnownOut + r])
            {
                constOuts ??= JaxprEval.Eval(fromConsts.Known, knownInputs[..kc]);
                result[r] = new(ResidualKind.Invariant, constOuts[fromConsts.OutUnknown[..(nKnownOut + r)].Count(u => !u)]);
            }
            else result[r] = new(ResidualKind.Stacked, null);
        }
        return result;
    }

    /// <summary>
    /// JAX's _scan_transpose: the linear scan (known consts, linear consts; linear carry; linear xs, known xs) becomes a
    /// scan in the opposite direction over the transposed body, carrying the cotangents of the carry and accumulating
    /// those of the linear consts; the cotangents of the ys are its xs.
    /// </summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var (nc, nk, length, reverse) = Sizes(p);
        var body = Body(p);
        var ny = body.OutAvals.Length - nk;
        // A known carry of a linear scan is an instantiated zero tangent (partial evaluation made the carry unknown):
        // it is transposed as linear, and its cotangent dropped, as JAX does.
        var linear = operands.Select((o, i) => o is null || (i >= nc && i < nc + nk)).ToArray();
        var bodyT = TransposeJaxpr.Transpose(body, linear);
        var knownConsts = JaxprRewrite.Pick(operands[..nc], linear[..nc], false).Select(o => o!).ToArray();
        var knownXs = JaxprRewrite.Pick(operands[(nc + nk)..], linear[(nc + nk)..], false).Select(o => o!).ToArray();
        var linConstAvals = JaxprRewrite.Pick(operandAvals[..nc], linear[..nc]).Select(a => a.Strong()).ToArray();
        var (nkc, nlc) = (knownConsts.Length, linConstAvals.Length);
        var carryAvals = operandAvals[nc..(nc + nk)].Select(a => a.Strong()).ToArray();
        var yAvals = body.OutAvals[nk..].Select(a => a.Strong()).ToArray();
        var stepT = Tracing.ToJaxpr(a =>
        {
            var accumulated = a[nkc..(nkc + nlc)];
            var carryCt = a[(nkc + nlc)..(nkc + nlc + nk)];
            var yCt = a[(nkc + nlc + nk)..(nkc + nlc + nk + ny)];
            var cts = JaxprEval.Eval(bodyT, [.. a[..nkc], .. a[(nkc + nlc + nk + ny)..], .. carryCt, .. yCt]);
            return [.. accumulated.Select((acc, i) => Jax.Lax.Add(acc, cts[i])), .. cts[nlc..]];
        }, [.. knownConsts.Select(c => c.Aval), .. linConstAvals, .. carryAvals, .. yAvals, .. knownXs.Select(x => x.Aval.WithShape(x.Shape[1..]))],
            "transpose", null);
        NDArray[] inputs = [.. knownConsts, .. linConstAvals.Select(Tangents.Zeros), .. cotangents[..nk], .. cotangents[nk..], .. knownXs];
        var outs = Bind(MakeParams(stepT, nkc, nlc + nk, length, !reverse), inputs);
        var constCts = JaxprRewrite.Scatter(linear[..nc], outs[..nlc]);
        var xCts = JaxprRewrite.Scatter(linear[(nc + nk)..], outs[(nlc + nk)..]);
        return [.. constCts, .. outs[nlc..(nlc + nk)], .. xCts];
    }

    /// <summary>
    /// Every carry batched along axis 0, batched xs along axis 1 (axis 0 is the scanned one), so that a slice x[i]
    /// is batched along 0 in the body; the ys come out batched along axis 1.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var (nc, nk, length, reverse) = Sizes(p);
        var values = inputs.Select((x, i) => i < nc ? (axes[i] is { } a ? Batching.MoveAxis(x, a, 0) : x)
            : i < nc + nk ? Batching.AtFront(x, axes[i], size)
            : axes[i] is { } b ? Batching.MoveAxis(x, b, 1) : x).ToArray();
        var batched = inputs.Select((_, i) => (i >= nc && i < nc + nk) || axes[i] is not null).ToArray();
        var body = BatchingJaxpr.Batch(Body(p), batched, size);
        var outs = Bind(MakeParams(body, nc, nk, length, reverse), values);
        return (outs, outs.Select((_, i) => (int?)(i < nk ? 0 : 1)).ToArray());
    }
}

public static partial class Prims
{
    public static readonly CondPrimitive Cond = new();
    public static readonly WhilePrimitive While = new();
    public static readonly ScanPrimitive Scan = new();
}
