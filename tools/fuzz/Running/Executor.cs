using System.Numerics;
using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Running;

/// <summary>Runs a program through JaxNet: under Jax.Jit on a named backend, or eagerly (op by op) on the default one.</summary>
public static class Executor
{
    /// <summary>Each output's type and elements as JaxNet computed them (stacked along axis 0 when vmapped).</summary>
    public static (TensorType Type, Scalar[] Values)[] Run(FuzzProgram program, Target target)
    {
        var arity = program.Inputs.Count;
        NDArray[] outputs;
        switch (target.Mode)
        {
            case RunMode.Eager:
                outputs = program.Apply(program.Inputs.Select(ToDevice).ToArray());
                break;
            case RunMode.Vmap:
                var batch = Batch.Of(program);
                var vmapped = Jax.Vmap(program.Apply, batch.InAxes, Enumerable.Repeat(0, program.Outputs.Count).ToArray());
                outputs = Jax.Jit(vmapped, arity, backend: target.Backend)(Enumerable.Range(0, arity).Select(k => ToDevice(batch.Input(k))).ToArray());
                break;
            default:
                outputs = Jax.Jit(program.Apply, arity, backend: target.Backend)(program.Inputs.Select(ToDevice).ToArray());
                break;
        }
        return outputs.Select(x => (new TensorType(x.DType, x.Shape), FromDevice(x))).ToArray();
    }

    public static NDArray ToDevice(RefArray data) => data.DType switch
    {
        _ when data.DType.IsComplex() => Jnp.FromHost<Complex>(data.Values.Select(ComplexElement.Value).ToArray(), data.Shape, data.DType),
        _ when data.DType.IsFloat() => Jnp.FromHost<double>(data.Values.Select(v => v.Float).ToArray(), data.Shape, data.DType),
        _ => Jnp.FromHost<long>(data.Values.Select(v => v.Bits).ToArray(), data.Shape, data.DType),
    };

    internal static Scalar[] FromDevice(NDArray x) => x.DType switch
    {
        _ when x.DType.IsComplex() => x.ToArray<Complex>().Select(v => ComplexElement.Of(x.DType, v)).ToArray(),
        _ when x.DType.IsFloat() => x.ToArray<double>().Select(v => Scalar.FromDouble(x.DType, v)).ToArray(),
        _ => x.ToArray<long>().Select(v => Scalar.FromInteger(x.DType, v)).ToArray(),
    };
}
