using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// Closure conversion (jax.closure_convert): traces <paramref name="f"/> on arguments like
    /// <paramref name="exampleArgs"/> and returns a function that takes the closed-over values a transformation may
    /// perturb (tracers of an enclosing Grad, Jvp, Vmap or Jit) as explicit trailing arguments, with those values. A
    /// CustomVjp rule can then return cotangents for them, which it cannot for captured values. Closed-over concrete
    /// arrays stay constants of the converted function, as in JAX, so outside every transformation nothing is hoisted.
    /// The converted function takes the arguments first, then the hoisted values, and checks their shapes and dtypes.
    /// </summary>
    public static (Func<NDArray[], NDArray[]> Converted, NDArray[] HoistedConsts) ClosureConvert(
        Func<NDArray[], NDArray[]> f, params NDArray[] exampleArgs)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(exampleArgs);
        var traced = ClosureTracing.Trace(f, exampleArgs.Select(a => a.Aval).ToArray(), "closure_convert", f.Method.Name);
        var hoisted = traced.Hoisted;
        var expected = traced.Jaxpr.InAvals;
        NDArray[] Converted(NDArray[] argsThenConsts)
        {
            ArgumentNullException.ThrowIfNull(argsThenConsts);
            if (argsThenConsts.Length != expected.Length)
                throw new ArgumentException(
                    $"closure_convert: the converted function takes {exampleArgs.Length} arguments and {hoisted.Length} hoisted " +
                    $"values, got {argsThenConsts.Length} values");
            var operands = new NDArray[expected.Length];
            // The jaxpr takes the hoisted values first; callers pass them last, as JAX's converted functions do.
            for (var i = 0; i < hoisted.Length; i++) operands[i] = argsThenConsts[exampleArgs.Length + i];
            for (var i = 0; i < exampleArgs.Length; i++) operands[hoisted.Length + i] = argsThenConsts[i];
            for (var i = 0; i < operands.Length; i++)
            {
                var got = operands[i].Aval;
                if (!Shapes.Equal(got.Shape, expected[i].Shape) || got.DType != expected[i].DType)
                    throw new ShapeException($"closure_convert: value {ArgumentPosition(i, hoisted.Length)} is {got.Str()}, " +
                        $"the function was converted for {expected[i].Str()}");
            }
            return JaxprEval.Eval(traced.Jaxpr, operands);
        }
        return (Converted, hoisted);
    }

    /// <summary><see cref="ClosureConvert(Func{NDArray[], NDArray[]}, NDArray[])"/> of a one-argument function: the
    /// converted function takes the argument and the hoisted values.</summary>
    public static (Func<NDArray, NDArray[], NDArray> Converted, NDArray[] HoistedConsts) ClosureConvert(
        Func<NDArray, NDArray> f, NDArray exampleArg)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (converted, hoisted) = ClosureConvert(args => [f(args[0])], exampleArg);
        return ((x, consts) => converted([x, .. consts])[0], hoisted);
    }

    private static string ArgumentPosition(int operand, int hoisted) =>
        operand < hoisted ? $"hoisted value {operand}" : $"argument {operand - hoisted}";
}
