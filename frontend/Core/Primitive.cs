using JaxNet.Lowering;

namespace JaxNet.Core;

/// <summary>
/// A primitive operation of JaxNet's lax layer, as in JAX: a name, and one rule per interpreter, kept together so
/// the whole story of an op is one page. Every primitive has abstract evaluation (avals in, avals out) and a
/// lowering into the kernel IR. The transformation rules (JVP, transpose, batching) are filled in by the issues
/// that add those transformations; a primitive without one fails with <see cref="MissingRuleException"/>
/// naming the primitive and the transformation.
/// </summary>
public abstract class Primitive(string name)
{
    public string Name { get; } = name;

    /// <summary>
    /// The eager compilation this primitive used last (owned by <see cref="Runtime.EagerDispatch"/>): a loop of the
    /// same op hits it without hashing a cache key. Replaced whole, so a racing thread sees an old or a new entry.
    /// </summary>
    internal object? LastEagerEntry;

    /// <summary>Number of results (most primitives have one).</summary>
    public virtual int OutputCount => 1;

    /// <summary>True for a primitive run for its effect (debug_callback): programs keep every such equation, in order,
    /// even when nothing reads its results, and never merge two of them.</summary>
    internal virtual bool HasEffect => false;

    /// <summary>Shapes and dtypes of the results; throws <see cref="ShapeException"/> naming the op and the shapes.</summary>
    public abstract ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p);

    /// <summary>Emits this primitive into a module being lowered (fused where the lowering can).</summary>
    internal abstract LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs);

    /// <summary>
    /// This primitive on complex operands (or with complex results), written with real primitives on the real and
    /// imaginary parts (<see cref="ComplexExpansion"/> calls it while it rewrites a jaxpr for lowering). Real operands
    /// come with a null imaginary part.
    /// </summary>
    internal virtual Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        throw new NotSupportedException($"{Name} is not supported on complex values ({string.Join(", ", outputs.Select(o => o.Str()))})");

    /// <summary>
    /// Forward-mode rule: (primal outputs, tangent outputs). A null tangent is a symbolic zero (JAX's Zero): an
    /// input that does not depend on the differentiated arguments, or an output without a tangent space (integer
    /// and bool results: JAX's float0). The JVP interpreter calls the rule only when some tangent is non-null.
    /// </summary>
    public virtual (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        throw new MissingRuleException(Name, "JVP");

    /// <summary>
    /// Transpose rule of a linear primitive: cotangents of the inputs that are linear (null in
    /// <paramref name="operands"/>, JAX's UndefinedPrimal); the other operands are known values. A null result
    /// is a zero cotangent. <paramref name="operandAvals"/> gives the shapes of every operand, linear ones included.
    /// </summary>
    public virtual NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        throw new MissingRuleException(Name, "transpose");

    /// <summary>Batching rule (vmap): results and their batch axes, given inputs with batch axes (null: not batched).</summary>
    public virtual (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        throw new MissingRuleException(Name, "batching");

    /// <summary>
    /// The transformation that owns this primitive's named axis, if one does (a vmap given that axis name, for a
    /// collective over it): it processes the primitive even when none of the inputs is its tracer (axis_index has no
    /// inputs; a psum may be of a value that does not depend on the batch).
    /// </summary>
    internal virtual MainTrace? NamedAxisTrace(Params p) => null;

    /// <summary>Applies the primitive on the current interpreter stack (JAX's bind).</summary>
    public NDArray[] Bind(Params p, params NDArray[] inputs) => TraceStack.Bind(this, inputs, p);

    /// <summary><see cref="Bind"/> for a single-result primitive.</summary>
    public NDArray Bind1(Params p, params ReadOnlySpan<NDArray> inputs) => TraceStack.BindSingle(this, inputs, p);

    public override string ToString() => Name;

    /// <summary>A shape error naming this primitive.</summary>
    protected ShapeException Error(string what) => new($"{Name}: {what}");
}
