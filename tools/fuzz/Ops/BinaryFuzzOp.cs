using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops;

/// <summary>An elementwise binary op of lax on operands of one dtype; either operand may be rank 0 (it broadcasts).</summary>
public sealed class BinaryFuzzOp(BinaryOp op) : FuzzOp
{
    public BinaryOp Op { get; } = op;

    /// <summary>The lax function of each binary op.</summary>
    private static NDArray Function(BinaryOp op, NDArray x, NDArray y) => op switch
    {
        BinaryOp.Add => Lax.Add(x, y),
        BinaryOp.Sub => Lax.Sub(x, y),
        BinaryOp.Mul => Lax.Mul(x, y),
        BinaryOp.Div => Lax.Div(x, y),
        BinaryOp.Rem => Lax.Rem(x, y),
        BinaryOp.Pow => Lax.Pow(x, y),
        BinaryOp.Max => Lax.Max(x, y),
        BinaryOp.Min => Lax.Min(x, y),
        BinaryOp.Atan2 => Lax.Atan2(x, y),
        BinaryOp.Eq => Lax.Eq(x, y),
        BinaryOp.Ne => Lax.Ne(x, y),
        BinaryOp.Lt => Lax.Lt(x, y),
        BinaryOp.Le => Lax.Le(x, y),
        BinaryOp.Gt => Lax.Gt(x, y),
        BinaryOp.Ge => Lax.Ge(x, y),
        BinaryOp.ShiftLeft => Lax.ShiftLeft(x, y),
        BinaryOp.ShiftRightLogical => Lax.ShiftRightLogical(x, y),
        BinaryOp.ShiftRightArithmetic => Lax.ShiftRightArithmetic(x, y),
        BinaryOp.RotateLeft => Lax.RotateLeft(x, y),
        BinaryOp.RotateRight => Lax.RotateRight(x, y),
        BinaryOp.NextAfter => Lax.NextAfter(x, y),
        BinaryOp.And => Lax.BitwiseAnd(x, y),
        BinaryOp.Or => Lax.BitwiseOr(x, y),
        BinaryOp.Xor => Lax.BitwiseXor(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary op of lax"),
    };

    private static string Name(BinaryOp op) => op is BinaryOp.And or BinaryOp.Or or BinaryOp.Xor ? $"Bitwise{op}" : op.ToString();

    /// <summary>The binary ops defined on <paramref name="dtype"/>.</summary>
    public static IEnumerable<BinaryOp> DefinedOn(DType dtype) => Enum.GetValues<BinaryOp>().Where(op => dtype switch
    {
        _ when dtype.IsFloat() => !op.IsBitwise() && op is not (BinaryOp.ShiftLeft or BinaryOp.ShiftRightLogical
            or BinaryOp.ShiftRightArithmetic or BinaryOp.RotateLeft or BinaryOp.RotateRight),
        DType.Bool => op is BinaryOp.And or BinaryOp.Or or BinaryOp.Xor or BinaryOp.Max or BinaryOp.Min || op.IsComparison(),
        _ => !op.IsFloatOnly(),
    });

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 2 || args[0].DType != args[1].DType || (args[0].Rank != 0 && args[1].Rank != 0 && !args[0].Equals(args[1])))
            throw Mismatch(Op.ToString(), args);
        var shape = args[0].Rank == 0 ? args[1].Shape : args[0].Shape;
        return new TensorType(Op.ResultType(args[0].DType), shape);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Function(Op, args[0], args[1]);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (a, b) = (args[0], args[1]);
        var (sa, sb) = (a.Shape.Length == 0 ? 0 : 1, b.Shape.Length == 0 ? 0 : 1);
        return RefArray.Build(ResultType([a.Type, b.Type]),
            i => ElementBounds.Binary(Op, a.Values[i * sa], a.Error[i * sa], b.Values[i * sb], b.Error[i * sb], numerics));
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.{Name(Op)}({args[0]}, {args[1]})";
}
