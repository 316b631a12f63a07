using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Running;

/// <summary>Runs a program through JaxNet: under Jax.Jit on a named backend, or eagerly (op by op) on the default one.</summary>
public static class Executor
{
    /// <summary>Each output's type and elements as JaxNet computed them.</summary>
    public static (TensorType Type, Scalar[] Values)[] Run(FuzzProgram program, string? backend, bool eager = false)
    {
        var inputs = program.Inputs.Select(ToDevice).ToArray();
        var outputs = eager ? program.Apply(inputs) : Jax.Jit(program.Apply, program.Inputs.Count, backend: backend)(inputs);
        return outputs.Select(x => (new TensorType(x.DType, x.Shape), FromDevice(x))).ToArray();
    }

    public static NDArray ToDevice(RefArray data) => data.DType.IsFloat()
        ? Jnp.FromHost<double>(data.Values.Select(v => v.Float).ToArray(), data.Shape, data.DType)
        : Jnp.FromHost<long>(data.Values.Select(v => v.Bits).ToArray(), data.Shape, data.DType);

    private static Scalar[] FromDevice(NDArray x) => x.DType.IsFloat()
        ? x.ToArray<double>().Select(v => Scalar.FromDouble(x.DType, v)).ToArray()
        : x.ToArray<long>().Select(v => Scalar.FromInteger(x.DType, v)).ToArray();
}
