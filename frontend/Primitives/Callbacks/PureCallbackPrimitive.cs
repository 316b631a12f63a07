using JaxNet.Core;
using JaxNet.Runtime;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// pure_callback: a host function of concrete arrays, returning arrays of declared shapes and dtypes, inside traced
/// code (jax.pure_callback). It is pure, so the simplifier may drop an unused call or merge two identical ones.
/// Under Jit it is a host step of the compiled program. It has no derivative (JAX's advice holds: wrap it in
/// <c>Jax.CustomJvp</c>); under vmap it follows its <see cref="VmapMethod"/>.
/// </summary>
public sealed class PureCallbackPrimitive() : ControlFlowPrimitive("pure_callback")
{
    public static readonly PureCallbackPrimitive Instance = new();

    private static HostCallback Callback(Params p) => p.Get<HostCallback>("callback");

    public override IReadOnlyList<ControlBody> Bodies(Params p) => [];

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => Callback(p).Results;

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, Params p, Device device)
    {
        var callback = Callback(p);
        var results = callback.Function(inputs) ?? [];
        if (results.Length != callback.Results.Length)
            throw new ShapeException($"pure_callback {callback.Name} returned {results.Length} arrays; result_shape_dtypes declares {callback.Results.Length}");
        for (var i = 0; i < results.Length; i++)
        {
            var (got, declared) = (results[i].Aval, callback.Results[i]);
            if (!got.Shape.SequenceEqual(declared.Shape) || got.DType != declared.DType)
                throw new ShapeException($"pure_callback {callback.Name}: result {i} is {got.Str()}, but result_shape_dtypes declares {declared.Str()}");
        }
        return results.Select(r => Jax.DevicePut(r, device)).ToArray();
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        throw new NotSupportedException($"pure_callback {Callback(p).Name} has no JVP rule, so it cannot be differentiated; give its " +
            "derivative with Jax.CustomJvp around the call");

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var callback = Callback(p);
        var method = p.Get<VmapMethod>("vmap_method");
        if (size == 0)
        {
            // No element to call for: empty results of the declared types.
            var empty = callback.Results.Select(r => Jnp.Zeros([0, .. r.Shape], r.DType)).ToArray();
            return (empty, Enumerable.Repeat<int?>(0, empty.Length).ToArray());
        }
        if (method == VmapMethod.Sequential)
        {
            var calls = Enumerable.Range(0, size).Select(i => Bind(p, inputs.Select((x, k) => axes[k] is { } axis
                ? Jnp.Squeeze(Jax.Lax.SliceInDim(x, i, i + 1, 1, axis), axis) : x).ToArray())).ToArray();
            var stacked = Enumerable.Range(0, callback.Results.Length).Select(r => Jnp.Stack(calls.Select(c => c[r]).ToArray())).ToArray();
            return (stacked, Enumerable.Repeat<int?>(0, stacked.Length).ToArray());
        }
        var arguments = inputs.Select((x, k) => axes[k] is { } axis ? Batching.MoveAxis(x, axis, 0)
            : method == VmapMethod.ExpandDims ? Jnp.ExpandDims(x, 0) : Batching.AtFront(x, null, size)).ToArray();
        var batched = callback.Returning(callback.Results.Select(r => r.WithShape([size, .. r.Shape])).ToArray());
        var outputs = Bind(Params.Of(("callback", batched), ("vmap_method", method)), arguments);
        return (outputs, Enumerable.Repeat<int?>(0, outputs.Length).ToArray());
    }
}
