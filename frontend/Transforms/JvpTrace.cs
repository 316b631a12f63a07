using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// The forward-mode interpreter (Autodidax's JVPTrace): each value carries a primal and a tangent, and every
/// primitive applies its <see cref="Primitive.Jvp"/> rule. Primitives whose inputs all have zero tangents simply
/// run on the primals, so code that does not depend on the differentiated arguments costs nothing extra.
/// </summary>
internal sealed class JvpTrace(MainTrace main) : Trace(main)
{
    public override Tracer Pure(NDArray value) => new JvpTracer(this, value, null);

    public override Tracer Lift(Tracer tracer) => new JvpTracer(this, NDArray.FromTracer(tracer), null);

    public override Tracer[] ProcessPrimitive(Primitive primitive, Tracer[] tracers, Params p)
    {
        var primals = new NDArray[tracers.Length];
        var tangents = new NDArray?[tracers.Length];
        var anyTangent = false;
        for (var i = 0; i < tracers.Length; i++)
        {
            var t = (JvpTracer)tracers[i];
            primals[i] = t.Primal;
            tangents[i] = t.Tangent;
            anyTangent |= t.Tangent is not null;
        }
        NDArray[] primalsOut;
        NDArray?[] tangentsOut;
        if (anyTangent) (primalsOut, tangentsOut) = primitive.Jvp(primals, tangents, p);
        else
        {
            primalsOut = primitive.Bind(p, primals);
            tangentsOut = new NDArray?[primalsOut.Length];
        }
        var result = new Tracer[primalsOut.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var tangent = Tangents.HasTangentSpace(primalsOut[i].Aval) ? tangentsOut[i] : null;
            result[i] = new JvpTracer(this, primalsOut[i], tangent);
        }
        return result;
    }
}

/// <summary>A primal value with its tangent (null: a symbolic zero).</summary>
internal sealed class JvpTracer(Trace trace, NDArray primal, NDArray? tangent) : Tracer(trace)
{
    public NDArray Primal { get; } = primal;

    public NDArray? Tangent { get; } = tangent;

    public override ShapedArray Aval => Primal.Aval;

    /// <summary>The primal's value when it is known: C# control flow on it works under Grad, as in JAX.</summary>
    public override NDArray? TryConcrete() => Primal.Tracer is null ? Primal : Primal.Tracer.TryConcrete();
}

/// <summary>Forward-mode differentiation of functions of flat arrays (JAX's jvp).</summary>
internal static class ForwardMode
{
    /// <summary>
    /// Evaluates <paramref name="f"/> and its directional derivative. A null tangent is zero; so is the tangent of an
    /// integer or bool input (it has no tangent space). A null output tangent is zero.
    /// </summary>
    public static (NDArray[] Primals, NDArray?[] Tangents) Jvp(Func<NDArray[], NDArray[]> f, NDArray[] primals, NDArray?[] tangents,
        string? function)
    {
        if (primals.Length != tangents.Length)
            throw new ArgumentException($"jvp: {primals.Length} primals but {tangents.Length} tangents");
        for (var i = 0; i < primals.Length; i++)
            if (tangents[i] is { } t) Tangents.CheckLike(t, primals[i].Aval.Strong(), $"jvp: the tangent of argument {i},");
        using var scope = TraceStack.NewMain("jvp", function, m => new JvpTrace(m));
        var trace = scope.Main.NewTrace();
        var inputs = new NDArray[primals.Length];
        for (var i = 0; i < primals.Length; i++)
        {
            var tangent = Tangents.HasTangentSpace(primals[i].Aval) ? tangents[i] : null;
            inputs[i] = NDArray.FromTracer(new JvpTracer(trace, primals[i], tangent));
        }
        var outputs = f(inputs);
        var primalsOut = new NDArray[outputs.Length];
        var tangentsOut = new NDArray?[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            if (outputs[i].Tracer is JvpTracer t && t.Trace.Main == scope.Main) (primalsOut[i], tangentsOut[i]) = (t.Primal, t.Tangent);
            else primalsOut[i] = outputs[i];
        }
        return (primalsOut, tangentsOut);
    }
}
