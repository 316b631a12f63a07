using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// jax.grad and jax.value_and_grad on flat arguments: linearize with respect to the arguments in
/// <c>argnums</c>, then transpose with a cotangent of one. The function's first result is the scalar to
/// differentiate; further results are auxiliary values (has_aux), returned as computed.
/// </summary>
internal static class Gradient
{
    public static (NDArray Value, NDArray[] Grads, NDArray[] Aux) ValueAndGrad(Func<NDArray[], NDArray[]> f, NDArray[] args, int[] argnums,
        string name, bool holomorphic = false)
    {
        var positions = argnums.Select(i => i < 0 ? i + args.Length : i).ToArray();
        foreach (var i in positions)
        {
            if (i < 0 || i >= args.Length) throw new ArgumentException($"Grad of {name}: argnums {i} is out of range for {args.Length} arguments");
            if (holomorphic && !args[i].DType.IsComplex())
                throw new ArgumentException($"Grad with holomorphic requires complex inputs, but argument {i} of {name} is {args[i].Aval.Str()}");
            if (!args[i].DType.IsInexact())
                throw new ArgumentException($"Grad requires floating-point or complex inputs, but argument {i} of {name} is {args[i].Aval.Str()}. " +
                    "Differentiate with respect to float arguments only (argnums), or convert the argument to a float dtype.");
        }
        if (positions.Distinct().Count() != positions.Length) throw new ArgumentException($"Grad of {name}: argnums repeat an argument");
        NDArray[] Partial(NDArray[] differentiated)
        {
            var full = (NDArray[])args.Clone();
            for (var k = 0; k < positions.Length; k++) full[positions[k]] = differentiated[k];
            return f(full);
        }
        var lin = ReverseMode.Linearize(Partial, positions.Select(i => args[i]).ToArray(), name, differentiableOutputs: 1);
        var value = lin.PrimalsOut[0];
        if (value.Ndim != 0)
            throw new InvalidOperationException(
                $"Grad requires a scalar output; got shape {Shapes.Format(value.Aval.Shape)}. Use Jax.Vjp or Jax.JacRev for non-scalar outputs.");
        if (holomorphic && !value.DType.IsComplex())
            throw new InvalidOperationException($"Grad with holomorphic requires a complex output; {name} returned {value.Aval.Str()}.");
        if (!holomorphic && !value.DType.IsFloat())
            throw new InvalidOperationException($"Grad requires a real floating-point output; {name} returned {value.Aval.Str()}." +
                (value.DType.IsComplex() ? " Pass holomorphic: true for a holomorphic function, differentiate a real function of it " +
                    "(Jnp.Real, Jnp.Abs), or use Jax.Vjp." : ""));
        var grads = lin.Transpose([NDArray.FromScalar(Scalar.Of(value.DType, 1), weak: false)]);
        return (value, grads, lin.PrimalsOut[1..]);
    }
}
