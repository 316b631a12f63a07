using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// jax.linear_transpose: a function linear in its inputs is staged as a jaxpr of its inputs (what does not depend
/// on them is evaluated once, at tracing, and captured as constants), then transposed by the backward pass of reverse
/// mode. A primitive applied non-linearly to the inputs (sin x, x * x) has no transpose and raises when the
/// transposed function runs, as in JAX.
/// </summary>
internal static class LinearTransposition
{
    public static Func<NDArray?[], NDArray[]> Transpose(Func<NDArray[], NDArray[]> f, NDArray[] primals, string? function)
    {
        var inAvals = primals.Select((p, i) =>
        {
            var aval = p.Aval.Strong();
            if (!aval.DType.IsInexact())
                throw new ArgumentException($"linear_transpose of {function}: argument {i} is {aval.Str()}; a linear function takes float or complex arrays");
            return aval;
        }).ToArray();
        var state = new PartialEvalState();
        ClosedJaxpr linear;
        using (var scope = TraceStack.NewMain("linear_transpose", function, m => new PartialEvalTrace(m, state)))
        {
            var trace = (PartialEvalTrace)scope.Main.NewTrace();
            var outputs = f(inAvals.Select(a => NDArray.FromTracer(state.NewInput(trace, a))).ToArray());
            var atoms = outputs.Select((o, i) =>
            {
                if (!o.DType.IsInexact())
                    throw new ArgumentException($"linear_transpose of {function}: result {i} is {o.Aval.Str()}; a linear function returns float or complex arrays");
                return o.Tracer is PartialEvalTracer t && t.Trace.Main == scope.Main ? state.AtomOf(t) : state.ConstantAtom(o);
            }).ToArray();
            linear = state.Build(atoms);
        }
        var outAvals = linear.OutAvals;
        return cotangents =>
        {
            if (cotangents.Length != outAvals.Length)
                throw new ArgumentException($"linear_transpose of {function}: the function has {outAvals.Length} result(s), got {cotangents.Length} cotangent(s)");
            for (var i = 0; i < cotangents.Length; i++)
                if (cotangents[i] is { } ct) Tangents.CheckLike(ct, outAvals[i], $"linear_transpose of {function}: cotangent {i},");
            var inputCotangents = Transposition.BackwardPass(linear.Jaxpr, linear.Consts, cotangents);
            return inputCotangents.Select((c, i) => c ?? Tangents.Zeros(inAvals[i])).ToArray();
        };
    }
}
