using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Ops;

/// <summary>
/// One operation of a random program, told three ways: applied to NDArrays (so the frontend traces, fuses and lowers
/// it), evaluated by the host interpreter on <see cref="RefArray"/>s with error bounds, and rendered as C# for the
/// repro. Ops are immutable; their parameters are fixed when the generator makes them.
/// </summary>
public abstract class FuzzOp
{
    /// <summary>The type of the result for operands of <paramref name="args"/> (throws when they do not fit).</summary>
    public abstract TensorType ResultType(IReadOnlyList<TensorType> args);

    public abstract NDArray Apply(IReadOnlyList<NDArray> args);

    public abstract RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics);

    /// <summary>
    /// Whether an element of the result multiplies operand elements together (a contraction, a product reduction, a
    /// multiplying update), so that its derivative along one operand may sum terms of both signs. The derivative
    /// reference takes such an op's absolute derivative at its operands' magnitudes (<see cref="Derivatives.TangentRounding"/>);
    /// every other op's result elements each follow one operand element, or sum them with positive weights.
    /// </summary>
    public virtual bool MultipliesElements => false;

    /// <summary>The functions the op calls (the branches of a cond, the body of a loop): none for most ops.</summary>
    public virtual IReadOnlyList<FuzzBody> Bodies => [];

    /// <summary>The op with the dtypes it names (a constant's, a convert's target, an iota's, its bodies') mapped by
    /// <paramref name="retype"/>: how a float32 program gets its float64 twin. Most ops name none.</summary>
    public virtual FuzzOp Retyped(Func<DType, DType> retype) => this;

    /// <summary>The op as a C# expression over its operands' names.</summary>
    public abstract string Render(IReadOnlyList<string> args);

    protected static string Ints(IEnumerable<int> values) => "[" + string.Join(", ", values) + "]";

    protected static ArgumentException Mismatch(string op, IEnumerable<TensorType> args) =>
        new($"{op}: operands {string.Join(", ", args)} do not fit");
}
