using JaxNet.Fuzz.Running;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// Runs a <see cref="DerivativeFunction"/> through JaxNet: eagerly, under Jax.Jit on a backend, or as
/// Jax.Jit(Jax.Vmap(d)) over the batch elements' arguments (the program's inputs batched as <see cref="Batch"/> has
/// them, the direction and cotangents always along axis 0).
/// </summary>
public static class DerivativeExecutor
{
    /// <summary>Per batch element (one unless vmapped), each result's type and elements.</summary>
    public static (TensorType Type, Scalar[] Values)[][] Run(DerivativeFunction d, Target target, IReadOnlyList<RefArray[]> arguments)
    {
        var arity = d.Arity;
        NDArray[] outputs;
        switch (target.Mode)
        {
            case RunMode.Eager:
                outputs = d.Apply(arguments[0].Select(Executor.ToDevice).ToArray());
                break;
            case RunMode.Vmap:
                var inputAxes = Batch.Of(d.Program).InAxes;
                var inAxes = Enumerable.Range(0, arity).Select(k => k < inputAxes.Length ? inputAxes[k] : 0).ToArray();
                var stacked = Enumerable.Range(0, arity).Select(k => inAxes[k] is { } axis
                    ? Batch.Stack(arguments.Select(a => a[k]).ToArray(), axis)
                    : arguments[0][k]).ToArray();
                var vmapped = Jax.Vmap(d.Apply, inAxes, Enumerable.Repeat(0, d.Results.Count()).ToArray());
                outputs = Jax.Jit(vmapped, arity, backend: target.Backend)(stacked.Select(Executor.ToDevice).ToArray());
                return Enumerable.Range(0, arguments.Count).Select(e => outputs.Select(x => Element(x, e, arguments.Count)).ToArray()).ToArray();
            default:
                outputs = Jax.Jit(d.Apply, arity, backend: target.Backend)(arguments[0].Select(Executor.ToDevice).ToArray());
                break;
        }
        return [outputs.Select(x => (new TensorType(x.DType, x.Shape), Executor.FromDevice(x))).ToArray()];
    }

    /// <summary>Batch element <paramref name="e"/> of a result stacked along axis 0.</summary>
    private static (TensorType, Scalar[]) Element(NDArray x, int e, int count)
    {
        var all = Executor.FromDevice(x);
        var size = x.Shape.Length == 0 || x.Shape[0] != count ? 0 : all.Length / count;
        return (new TensorType(x.DType, x.Shape.Length == 0 ? [] : x.Shape[1..]), all.Skip(e * size).Take(size).ToArray());
    }
}
