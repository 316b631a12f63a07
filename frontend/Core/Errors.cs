namespace JaxNet;

/// <summary>A shape or dtype mistake: the message names the operation, the shapes and the user's call site.</summary>
public sealed class ShapeException(string message) : Exception(message + Core.CallSite.FromStack());

/// <summary>
/// A traced value was used where a concrete one is needed (a C# <c>if</c> on a value under Jit). The message
/// names the function being transformed and suggests <c>Jax.Lax.Cond</c> or static arguments.
/// </summary>
public sealed class ConcretizationTypeError(string message) : Exception(message);

/// <summary>A tracer was used after the transformation that created it had ended (a leaked tracer).</summary>
public sealed class UnexpectedTracerError(string message) : Exception(message);

/// <summary>A primitive has no rule for a transformation (e.g. no batching rule): names both.</summary>
public sealed class MissingRuleException(string primitive, string transformation)
    : NotSupportedException($"primitive '{primitive}' has no {transformation} rule")
{
    public string Primitive { get; } = primitive;

    public string Transformation { get; } = transformation;
}
