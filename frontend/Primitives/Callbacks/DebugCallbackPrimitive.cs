using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet.Primitives;

/// <summary>
/// debug_callback: calls a host function with concrete values of its operands, for its effect (jax.debug.callback,
/// jax.debug.print). It has no results, so nothing depends on it: the simplifier keeps it because it has an
/// effect, and never merges two of them. Under Jit it is a host step of the compiled program, so it runs on every
/// call, not once at trace time. Its JVP calls it on the primals only; under vmap it is called once per batch
/// element, in order (JAX unrolls it the same way).
/// </summary>
public sealed class DebugCallbackPrimitive() : ControlFlowPrimitive("debug_callback")
{
    public static readonly DebugCallbackPrimitive Instance = new();

    public override int OutputCount => 0;

    internal override bool HasEffect => true;

    public override IReadOnlyList<ControlBody> Bodies(Params p) => [];

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => [];

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, Params p, Device device)
    {
        p.Get<HostCallback>("callback").Function(inputs);
        return [];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) => (Bind(p, primals), []);

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Transforms.Batching.Size(inputs, axes);
        for (var i = 0; i < size; i++)
            Bind(p, inputs.Select((x, k) => axes[k] is { } axis ? Jnp.Squeeze(Jax.Lax.SliceInDim(x, i, i + 1, 1, axis), axis) : x).ToArray());
        return ([], []);
    }
}
