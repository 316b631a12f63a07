using JaxNet.Runtime;

namespace JaxNet.Core;

/// <summary>
/// The interpreter stack (per thread), JAX's trace_stack and dynamic_trace. Level 0 is evaluation: binding a
/// primitive on concrete arrays runs it eagerly. <see cref="Bind"/> finds the highest-level trace among the
/// inputs (and the dynamic trace, which staging transformations set so that even ops on constants are staged),
/// raises every input to it and lets that trace process the primitive.
/// </summary>
public static class TraceStack
{
    [ThreadStatic] private static List<MainTrace>? stack;
    [ThreadStatic] private static MainTrace? dynamic;

    private static List<MainTrace> Stack => stack ??= [];

    /// <summary>The number of active transformations on this thread.</summary>
    public static int Depth => Stack.Count;

    /// <summary>
    /// Pushes a new level; dispose the result to pop it. <paramref name="dynamicTrace"/> makes it the dynamic trace
    /// (staging: jit, make_jaxpr). Popping deactivates the level: its tracers become leaks if used again.
    /// </summary>
    public static Scope NewMain(string transformation, string? function, Func<MainTrace, Trace> traceFactory, bool dynamicTrace = false)
    {
        var main = new MainTrace(Stack.Count + 1, transformation, function, traceFactory);
        Stack.Add(main);
        var previousDynamic = dynamic;
        if (dynamicTrace) dynamic = main;
        return new Scope(main, previousDynamic);
    }

    /// <summary>A pushed level; <see cref="Dispose"/> pops it.</summary>
    public sealed class Scope(MainTrace main, MainTrace? previousDynamic) : IDisposable
    {
        public MainTrace Main { get; } = main;

        public void Dispose()
        {
            if (!Main.IsActive) return;
            Main.IsActive = false;
            Stack.Remove(Main);
            dynamic = previousDynamic;
        }
    }

    /// <summary>True while a staging transformation (Jit, MakeJaxpr) records this thread's operations.</summary>
    internal static bool Staging => dynamic is { IsActive: true } d && d.NewTrace() is JaxprTrace;

    /// <summary>
    /// Stops staging operations on concrete values until disposed (jax.ensure_compile_time_eval): they run eagerly
    /// even inside Jit, while operations on tracers are still traced by their own transformations.
    /// </summary>
    internal static IDisposable SuspendDynamicTrace()
    {
        var suspended = dynamic;
        dynamic = null;
        return new DynamicRestore(suspended);
    }

    private sealed class DynamicRestore(MainTrace? suspended) : IDisposable
    {
        private bool done;

        public void Dispose()
        {
            if (done) return;
            done = true;
            dynamic = suspended;
        }
    }

    /// <summary>Applies a primitive on the current stack (JAX's bind).</summary>
    public static NDArray[] Bind(Primitive primitive, NDArray[] inputs, Params p) =>
        FindTop(primitive, inputs, p) is { } top ? BindTraced(top, primitive, inputs, p) : EagerDispatch.Apply(primitive, inputs, p);

    /// <summary><see cref="Bind"/> for a single-result primitive: eager ops need no argument or result arrays.</summary>
    public static NDArray BindSingle(Primitive primitive, ReadOnlySpan<NDArray> inputs, Params p) =>
        FindTop(primitive, inputs, p) is { } top
            ? BindTraced(top, primitive, inputs.ToArray(), p)[0]
            : EagerDispatch.ApplySingle(primitive, inputs, p);

    private static NDArray[] BindTraced(MainTrace top, Primitive primitive, NDArray[] inputs, Params p)
    {
        var trace = top.NewTrace();
        var tracers = new Tracer[inputs.Length];
        for (var i = 0; i < inputs.Length; i++) tracers[i] = FullRaise(trace, inputs[i], primitive);
        var outputs = trace.ProcessPrimitive(primitive, tracers, p);
        var result = new NDArray[outputs.Length];
        for (var i = 0; i < outputs.Length; i++) result[i] = NDArray.FromTracer(outputs[i]);
        return result;
    }

    private static MainTrace? FindTop(Primitive primitive, ReadOnlySpan<NDArray> inputs, Params p)
    {
        var top = dynamic;
        if (primitive.NamedAxisTrace(p) is { IsActive: true } named && (top is null || named.Level > top.Level)) top = named;
        foreach (var input in inputs)
        {
            var tracer = input.Tracer;
            if (tracer is null) continue;
            var main = tracer.Trace.Main;
            if (!main.IsActive) throw Leak(tracer, primitive);
            if (top is null || main.Level > top.Level) top = main;
        }
        return top;
    }

    private static Tracer FullRaise(Trace trace, NDArray value, Primitive primitive)
    {
        var tracer = value.Tracer;
        if (tracer is null) return trace.Pure(value);
        var level = tracer.Trace.Main.Level;
        if (tracer.Trace.Main == trace.Main) return tracer;
        if (level < trace.Main.Level) return trace.Lift(tracer);
        throw new UnexpectedTracerError(
            $"{primitive.Name}: a tracer of {tracer.Trace.Main} reached {trace.Main}, which is below it (an escaped tracer)");
    }

    internal static UnexpectedTracerError Leak(Tracer tracer, Primitive? primitive) => new(
        $"Encountered an unexpected tracer{(primitive is null ? "" : $" in {primitive.Name}")}: a {tracer.Aval.Str()} tracer of " +
        $"{tracer.Trace.Main.Transformation}{(tracer.Trace.Main.Function is null ? "" : " of function " + tracer.Trace.Main.Function)} " +
        "was used after that transformation ended (a leaked tracer). Values computed inside a transformed function must be " +
        "returned from it, not stored in fields or captured variables.");
}
