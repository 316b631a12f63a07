using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// Opens a scope in which operations whose operands are all concrete run eagerly, even while Jit or MakeJaxpr
    /// is tracing (jax.ensure_compile_time_eval): their results are concrete arrays, so C# can branch on them or
    /// read them, and they reach the traced program as constants. Operations on tracers are traced as usual.
    /// Dispose the result to end the scope; scopes nest.
    /// </summary>
    public static IDisposable EnsureCompileTimeEval() => TraceStack.SuspendDynamicTrace();
}
