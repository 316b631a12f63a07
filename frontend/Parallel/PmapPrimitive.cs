using System.Runtime.CompilerServices;
using JaxNet.Core;
using JaxNet.Primitives;
using JaxNet.Runtime;
using JaxNet.Transforms;

namespace JaxNet.Parallel;

/// <summary>
/// xla_pmap[jaxpr, mapped, axes, devices]: a pmap met under another transformation (Grad, Jit, JVP), as JAX's
/// pmap primitive. <c>jaxpr</c> is one member's function; mapped arguments are split along axis 0, one row per
/// device, and every result is stacked along a new axis 0. It runs as the SPMD program of its jaxpr; its rules
/// transform the jaxpr and map the new arguments the same way, so Grad, Jit and Vmap of Pmap(f) work:
/// <list type="bullet">
/// <item>JVP: a pmap of the jaxpr's JVP; a tangent is mapped as its primal is.</item>
/// <item>Partial evaluation: a pmap of the known part now, returning per-member residuals (stacked, so mapped), and
/// a staged pmap of the unknown part over (residuals, unknown arguments).</item>
/// <item>Transpose: a pmap of the transposed jaxpr over (known arguments, output cotangents, mapped); an unmapped
/// argument went whole to every member, so its cotangent is the sum of the members' cotangents.</item>
/// <item>Batching: a pmap of the vmapped jaxpr, the batch axis inside each member's rows.</item>
/// </list>
/// </summary>
public sealed class PmapPrimitive() : ControlFlowPrimitive("xla_pmap"), IPartialEvalRule
{
    public static readonly PmapPrimitive Instance = new();

    private readonly ConditionalWeakTable<ClosedJaxpr, SpmdProgram> programs = new();

    internal static Params ParamsFor(ClosedJaxpr jaxpr, bool[] mapped, AxisGrid axes, IReadOnlyList<Device> devices, string name) =>
        Params.Of(("jaxpr", jaxpr), ("mapped", new MappedArguments(mapped)), ("axes", axes), ("devices", new DeviceGroup(devices)),
            ("name", name));

    private static ClosedJaxpr Body(Params p) => p.Get<ClosedJaxpr>("jaxpr");

    private static bool[] Mapped(Params p) => p.Get<MappedArguments>("mapped").Flags;

    private static IReadOnlyList<Device> Devices(Params p) => p.Get<DeviceGroup>("devices").Devices;

    private static AxisGrid Axes(Params p) => p.Get<AxisGrid>("axes");

    private static Params With(Params p, ClosedJaxpr jaxpr, bool[] mapped) =>
        ParamsFor(jaxpr, mapped, Axes(p), Devices(p), p.Get<string>("name"));

    internal override bool PlacesItsInputs => true;

    /// <summary>The pmap compiles its own SPMD program: no body for the host program to compile.</summary>
    public override IReadOnlyList<ControlBody> Bodies(Params p) => [];

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (body, mapped) = (Body(p), Mapped(p));
        var size = Devices(p).Count;
        if (inputs.Length != mapped.Length) throw Error($"takes {mapped.Length} arguments, got {inputs.Length}");
        for (var i = 0; i < inputs.Length; i++)
        {
            var member = mapped[i] ? (inputs[i].Rank > 0 && inputs[i].Shape[0] == size ? inputs[i].WithShape(inputs[i].Shape[1..]) : null) : inputs[i];
            if (member is null || !ControlFlowTypes.Agree(member, body.InAvals[i]))
                throw Error($"argument {i} is {inputs[i].Str()}, but the members take {body.InAvals[i].Str()}" + (mapped[i] ? $" along an axis of {size}" : ""));
        }
        return body.OutAvals.Select(a => a.Strong().WithShape([size, .. a.Shape])).ToArray();
    }

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, Params p, Device device)
    {
        var body = Body(p);
        var program = programs.GetValue(body, b => new SpmdProgram(b, JitFunction.Sanitize(p.Get<string>("name")), Axes(p), Devices(p)[0]));
        var results = PmapFunction.Execute(program, inputs, Mapped(p), PmapFunction.Members(Devices(p)));
        // The program around the pmap (a jitted function, or the eager ops of a transformation) runs on its device.
        return results.Select(r => device.Equals(r.ResidentDevice) ? r : Jax.DevicePut(r, device)).ToArray();
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var body = Body(p);
        var nonzero = JvpJaxpr.Nonzero(primals, tangents);
        var (jvp, outNonzero) = InAxisScope(p, () => JvpJaxpr.Jvp(body, nonzero, new bool[body.OutAvals.Length]));
        var mapped = Mapped(p);
        var outs = Bind(With(p, jvp, [.. mapped, .. JaxprRewrite.Pick(mapped, nonzero)]), [.. primals, .. JaxprRewrite.Pick(tangents, nonzero).Select(t => t!)]);
        var n = body.OutAvals.Length;
        return (outs[..n], JaxprRewrite.Scatter(outNonzero, outs[n..]));
    }

    Tracer[] IPartialEvalRule.PartialEval(PartialEvalTrace trace, PartialEvalTracer[] inputs, Params p)
    {
        var state = trace.State;
        var body = Body(p);
        var mapped = Mapped(p);
        var unknown = inputs.Select(t => !t.IsKnown).ToArray();
        var split = InAxisScope(p, () => PartialEvalJaxpr.Split(body, unknown, new bool[body.OutAvals.Length]));
        var nKnownOut = split.OutUnknown.Count(u => !u);
        // The known part runs now; its residuals come back stacked, one row per member, so the unknown part maps them.
        var knownOuts = Bind(With(p, split.Known, JaxprRewrite.Pick(mapped, unknown, false)),
            JaxprRewrite.Pick(inputs, unknown, false).Select(t => t.Value!).ToArray());
        Atom[] atoms = [.. knownOuts[nKnownOut..].Select(state.ConstantAtom), .. JaxprRewrite.Pick(inputs, unknown).Select(state.AtomOf)];
        var unknownMapped = (bool[])[.. split.Residuals.Select(_ => true), .. JaxprRewrite.Pick(mapped, unknown)];
        var unknownOuts = trace.Stage(this, atoms, With(p, split.Unknown, unknownMapped));
        return JaxprRewrite.Merge(split.OutUnknown, unknownOuts, knownOuts[..nKnownOut].Select(trace.Known).ToArray());
    }

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var mapped = Mapped(p);
        var linear = operands.Select(o => o is null).ToArray();
        var transposed = InAxisScope(p, () => TransposeJaxpr.Transpose(Body(p), linear));
        var known = JaxprRewrite.Pick(operands, linear, false).Select(o => o!).ToArray();
        var cts = Bind(With(p, transposed, [.. JaxprRewrite.Pick(mapped, linear, false), .. cotangents.Select(_ => true)]), [.. known, .. cotangents]);
        // Each member's cotangent of an argument it got whole adds up over the members.
        var linearMapped = JaxprRewrite.Pick(mapped, linear);
        var summed = cts.Select((c, k) => linearMapped[k] ? c : Jnp.Sum(c, axis: 0)).ToArray();
        return JaxprRewrite.Scatter(linear, summed);
    }

    /// <summary>
    /// vmap of a pmap is a pmap of the vmapped member function: a batched argument's batch axis goes right after the
    /// mapped axis (or first, for an unmapped one), so that each member sees it first, and every result comes back
    /// [members, batch, ...].
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var mapped = Mapped(p);
        var size = Batching.Size(inputs, axes);
        var batched = axes.Select(a => a is not null).ToArray();
        var moved = inputs.Select((x, i) => axes[i] is { } a ? Batching.MoveAxis(x, a, mapped[i] ? 1 : 0) : x).ToArray();
        var body = InAxisScope(p, () => BatchingJaxpr.Batch(Body(p), batched, size));
        var outs = Bind(With(p, body, mapped), moved);
        return (outs, outs.Select(_ => (int?)1).ToArray());
    }

    /// <summary>Re-tracing the member's function (its collectives) needs its axes bound, at the sizes of the whole axes.</summary>
    private static T InAxisScope<T>(Params p, Func<T> body)
    {
        using (AxisEnv.Bind(Axes(p))) return body();
    }
}
