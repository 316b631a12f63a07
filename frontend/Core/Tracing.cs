namespace JaxNet.Core;

/// <summary>
/// One level of the interpreter stack (JAX's MainTrace): a transformation in progress. Traces of a level are
/// created from it; tracers point at their trace and so at their level. When the transformation ends the main
/// trace is deactivated, and any of its tracers used later is a leaked tracer.
/// </summary>
public sealed class MainTrace
{
    internal MainTrace(int level, string transformation, string? function, Func<MainTrace, Trace> traceFactory)
    {
        Level = level;
        Transformation = transformation;
        Function = function;
        this.traceFactory = traceFactory;
    }

    private readonly Func<MainTrace, Trace> traceFactory;

    public int Level { get; }

    /// <summary>"jit", "make_jaxpr", "jvp", "vmap", ...</summary>
    public string Transformation { get; }

    /// <summary>The user function being transformed, for error messages.</summary>
    public string? Function { get; }

    public bool IsActive { get; internal set; } = true;

    internal Trace NewTrace() => traceFactory(this);

    public override string ToString() => $"{Transformation} (level {Level}{(Function is null ? "" : ", function " + Function)})";
}

/// <summary>An interpreter: how primitives apply to tracers of one level (JAX's Trace).</summary>
public abstract class Trace(MainTrace main)
{
    public MainTrace Main { get; } = main;

    /// <summary>Wraps a value from outside any transformation (a concrete array) as a tracer of this trace.</summary>
    public abstract Tracer Pure(NDArray value);

    /// <summary>Wraps a tracer of a lower level as a tracer of this trace.</summary>
    public abstract Tracer Lift(Tracer tracer);

    public abstract Tracer[] ProcessPrimitive(Primitive primitive, Tracer[] tracers, Params p);
}

/// <summary>A value being traced: an abstract value plus what its trace needs (JAX's Tracer).</summary>
public abstract class Tracer(Trace trace)
{
    public Trace Trace { get; } = trace;

    public abstract ShapedArray Aval { get; }

    /// <summary>A concrete value where the trace knows one (e.g. the primal of a JVP), else null.</summary>
    public virtual NDArray? TryConcrete() => null;
}
