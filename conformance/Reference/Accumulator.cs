using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>
/// Combines values with a <see cref="ReduceOp"/> in an accumulator dtype. Float sums and products are carried in
/// float64 and rounded to the accumulator dtype once, at <see cref="Result"/> (the reference is more exact than
/// any backend; tolerances scale with the length). Integer ones wrap at every step, which is exact because
/// wrapping commutes with + and *. Max and Min use the binary ops (NaN propagates); And and Or are bitwise.
/// </summary>
internal sealed class Accumulator
{
    private readonly ReduceOp op;
    private readonly DType dtype;
    private double floatValue;
    private Scalar value;

    public Accumulator(ReduceOp op, DType dtype)
    {
        this.op = op;
        this.dtype = dtype;
        value = Identity(op, dtype);
        floatValue = value.Float;
    }

    /// <summary>The identity of <paramref name="op"/> in <paramref name="dtype"/>.</summary>
    public static Scalar Identity(ReduceOp op, DType dtype) => op switch
    {
        ReduceOp.Sum => dtype.IsFloat() ? Scalar.FromDouble(dtype, 0) : Scalar.FromInteger(dtype, 0),
        ReduceOp.Prod => dtype.IsFloat() ? Scalar.FromDouble(dtype, 1) : Scalar.FromInteger(dtype, 1),
        ReduceOp.Max => dtype.IsFloat() ? Scalar.FromDouble(dtype, double.NegativeInfinity)
            : Scalar.FromInteger(dtype, dtype == DType.Bool ? 0 : Integers.MinValue(dtype)),
        ReduceOp.Min => dtype.IsFloat() ? Scalar.FromDouble(dtype, double.PositiveInfinity)
            : Scalar.FromInteger(dtype, Integers.MaxValue(dtype)),
        ReduceOp.And => Scalar.FromInteger(dtype, -1),
        ReduceOp.Or => Scalar.FromInteger(dtype, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "no identity"),
    };

    /// <summary>Adds one value (converted to the accumulator dtype first).</summary>
    public void Add(Scalar x)
    {
        x = ScalarSemantics.Convert(x, dtype);
        if (dtype.IsFloat() && op is ReduceOp.Sum or ReduceOp.Prod)
        {
            floatValue = op == ReduceOp.Sum ? floatValue + x.Float : floatValue * x.Float;
            return;
        }
        value = ScalarSemantics.Binary(op switch
        {
            ReduceOp.Sum => BinaryOp.Add,
            ReduceOp.Prod => BinaryOp.Mul,
            ReduceOp.Max => BinaryOp.Max,
            ReduceOp.Min => BinaryOp.Min,
            ReduceOp.And => BinaryOp.And,
            ReduceOp.Or => BinaryOp.Or,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a combining reduction"),
        }, value, x);
    }

    /// <summary>Adds the product a*b (for contractions and convolutions): exact in float64 for f32 and narrower.</summary>
    public void AddProduct(Scalar a, Scalar b)
    {
        if (dtype.IsFloat())
        {
            floatValue += a.ToDouble() * b.ToDouble();
            return;
        }
        var product = ScalarSemantics.Binary(BinaryOp.Mul, ScalarSemantics.Convert(a, dtype), ScalarSemantics.Convert(b, dtype));
        value = ScalarSemantics.Binary(BinaryOp.Add, value, product);
    }

    public Scalar Result =>
        dtype.IsFloat() && op is ReduceOp.Sum or ReduceOp.Prod ? Scalar.FromDouble(dtype, floatValue) : value;
}
