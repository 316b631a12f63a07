using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// The result of linearizing a function at a point: its primal outputs and the linear jaxpr that maps input
/// tangents to output tangents (inputs: one per argument; outputs: one per differentiated output).
/// </summary>
internal sealed record Linearization(NDArray[] PrimalsOut, ClosedJaxpr Linear, ShapedArray[] InAvals)
{
    /// <summary>Evaluates the linear map forward (JAX's f_jvp from linearize).</summary>
    public NDArray[] Apply(NDArray[] tangents)
    {
        for (var i = 0; i < tangents.Length; i++) Tangents.CheckLike(tangents[i], InAvals[i], $"linearized function: tangent {i},");
        return JaxprEval.Eval(Linear.Jaxpr, Linear.Consts, tangents);
    }

    /// <summary>Applies the transposed linear map (the vector-Jacobian product); zero cotangents become zeros.</summary>
    public NDArray[] Transpose(NDArray?[] cotangents)
    {
        var outAvals = Linear.OutAvals;
        for (var i = 0; i < cotangents.Length; i++)
            if (cotangents[i] is { } ct) Tangents.CheckLike(ct, outAvals[i], $"vjp: cotangent {i},");
        var cts = Transposition.BackwardPass(Linear.Jaxpr, Linear.Consts, cotangents);
        return cts.Select((c, i) => c ?? Tangents.Zeros(InAvals[i])).ToArray();
    }
}

/// <summary>Reverse mode as in JAX: JVP, partially evaluated into a linear jaxpr, then transposed.</summary>
internal static class ReverseMode
{
    /// <summary>
    /// Linearizes <paramref name="f"/> at <paramref name="primals"/>: runs the JVP of f under partial evaluation with
    /// known primals and unknown tangents. Only the first <paramref name="differentiableOutputs"/> outputs get a
    /// tangent (the rest are auxiliary values); null means all.
    /// </summary>
    public static Linearization Linearize(Func<NDArray[], NDArray[]> f, NDArray[] primals, string? function, int? differentiableOutputs = null)
    {
        var state = new PartialEvalState();
        using var scope = TraceStack.NewMain("linearize", function, m => new PartialEvalTrace(m, state));
        var trace = (PartialEvalTrace)scope.Main.NewTrace();
        var knownPrimals = new NDArray[primals.Length];
        var tangents = new NDArray?[primals.Length];
        var inAvals = new ShapedArray[primals.Length];
        for (var i = 0; i < primals.Length; i++)
        {
            knownPrimals[i] = NDArray.FromTracer(new PartialEvalTracer(trace, primals[i], null));
            inAvals[i] = primals[i].Aval.Strong();
            var input = state.NewInput(trace, inAvals[i]);
            if (Tangents.HasTangentSpace(inAvals[i])) tangents[i] = NDArray.FromTracer(input);
        }
        var (primalsOut, tangentsOut) = ForwardMode.Jvp(f, knownPrimals, tangents, function);
        var outputs = new NDArray[primalsOut.Length];
        for (var i = 0; i < outputs.Length; i++) outputs[i] = KnownValue(primalsOut[i], scope.Main);
        var count = differentiableOutputs ?? outputs.Length;
        var outAtoms = new Atom[count];
        for (var i = 0; i < count; i++)
        {
            var aval = outputs[i].Aval.Strong();
            outAtoms[i] = tangentsOut[i] switch
            {
                null => state.ConstantAtom(Tangents.Zeros(aval)),
                { Tracer: PartialEvalTracer t } when t.Trace.Main == scope.Main => state.AtomOf(t),
                { } known => state.ConstantAtom(known),
            };
        }
        return new Linearization(outputs, state.Build(outAtoms), inAvals);
    }

    /// <summary>The pullback of <paramref name="f"/> at <paramref name="primals"/> (JAX's vjp).</summary>
    public static (NDArray[] PrimalsOut, Func<NDArray?[], NDArray[]> Pullback) Vjp(Func<NDArray[], NDArray[]> f, NDArray[] primals,
        string? function, int? differentiableOutputs = null)
    {
        var linearization = Linearize(f, primals, function, differentiableOutputs);
        return (linearization.PrimalsOut, linearization.Transpose);
    }

    // A primal output of the JVP: a known value of the partial evaluation, or a value that never touched it.
    private static NDArray KnownValue(NDArray value, MainTrace main)
    {
        if (value.Tracer is not PartialEvalTracer t || t.Trace.Main != main) return value;
        return t.Value ?? throw new InvalidOperationException("linearize: a primal output depends on the tangents (a JVP rule is wrong)");
    }
}
