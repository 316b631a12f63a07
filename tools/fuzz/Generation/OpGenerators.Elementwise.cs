using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Ops;

namespace JaxNet.Fuzz.Generation;

/// <summary>Makers of random ops: each picks operands among the program's values (or makes inputs) and adds one node,
/// or returns null when nothing fits.</summary>
internal static partial class OpGenerators
{
    /// <summary>Ops whose domain is not the whole line: often given an operand inside it.</summary>
    private static readonly UnaryOp[] NonNegativeDomain = [UnaryOp.Log, UnaryOp.Log1p, UnaryOp.Sqrt, UnaryOp.Rsqrt, UnaryOp.Lgamma, UnaryOp.Digamma];

    private static readonly UnaryOp[] UnitDomain = [UnaryOp.Asin, UnaryOp.Acos, UnaryOp.Atanh, UnaryOp.ErfInv];

    public static int? Unary(ProgramBuilder b)
    {
        var x = b.Pick();
        var op = b.Choose(UnaryFuzzOp.DefinedOn(b.TypeOf(x).DType).ToArray());
        if (b.Chance(0.5))
        {
            if (NonNegativeDomain.Contains(op) || op == UnaryOp.Acosh) x = b.Add(new UnaryFuzzOp(UnaryOp.Abs), x) ?? x;
            if (op == UnaryOp.Acosh) x = b.Add(new BinaryFuzzOp(BinaryOp.Add), x, Constant(b, b.TypeOf(x).DType, 1)) ?? x;
            if (UnitDomain.Contains(op)) x = b.Add(new UnaryFuzzOp(b.Chance(0.5) ? UnaryOp.Tanh : UnaryOp.Sin), x) ?? x;
        }
        return b.Add(new UnaryFuzzOp(op), x);
    }

    public static int? Binary(ProgramBuilder b)
    {
        var x = b.Pick();
        var dtype = b.TypeOf(x).DType;
        var op = b.Choose(BinaryFuzzOp.DefinedOn(dtype).ToArray());
        if (op == BinaryOp.Pow && b.Chance(0.6)) x = b.Add(new UnaryFuzzOp(UnaryOp.Abs), x) ?? x;
        var y = SecondOperand(b, x, op is BinaryOp.ShiftLeft or BinaryOp.ShiftRightLogical or BinaryOp.ShiftRightArithmetic
            or BinaryOp.RotateLeft or BinaryOp.RotateRight);
        return b.Chance(0.3) ? b.Add(new BinaryFuzzOp(op), y, x) : b.Add(new BinaryFuzzOp(op), x, y);
    }

    /// <summary>A partner for <paramref name="x"/> in an elementwise op: a fresh input, another value of its type, a
    /// rank-0 constant or input, x itself, an iota or a broadcast constant.</summary>
    private static int SecondOperand(ProgramBuilder b, int x, bool shiftAmounts = false)
    {
        var type = b.TypeOf(x);
        var scalar = new TensorType(type.DType, []);
        var roll = b.Random.Next(100);
        if (shiftAmounts && roll < 50) return b.Input(b.Data.Make(roll < 40 ? type : scalar, InputData.Kind.ShiftAmount, false));
        return roll switch
        {
            < 35 => b.Input(type),
            < 50 => b.Pick(t => t.Equals(type)) ?? b.Input(type),
            < 65 => Constant(b, type.DType, null),
            < 75 => x,
            < 85 => b.Input(scalar),
            < 95 when type.Rank > 0 && type.DType != DType.Bool => b.Add(new IotaFuzzOp(type.DType, type.Shape, b.Random.Next(type.Rank))) ?? b.Input(type),
            _ => b.Add(new ConstantFuzzOp(b.Data.Make(scalar).Values[0], type.Shape)) ?? b.Input(type),
        };
    }

    /// <summary>A rank-0 constant: <paramref name="value"/>, or a random one.</summary>
    private static int Constant(ProgramBuilder b, DType dtype, double? value)
    {
        var scalar = value is { } v
            ? dtype.IsFloat() ? Scalar.FromDouble(dtype, v) : Scalar.FromInteger(dtype, (long)v)
            : b.Data.Make(new TensorType(dtype, [])).Values[0];
        return b.Add(new ConstantFuzzOp(scalar, []))!.Value;
    }

    /// <summary>
    /// A boolean mask of x's shape from comparisons: one comparison, or (a third of the time) two joined by and, or or
    /// xor, the second of x or of another value of its type, and now and then negated, as <c>jnp.where</c>'s
    /// conditions are written (<c>(x &gt; 0) &amp; (x &lt; y)</c>).
    /// </summary>
    private static int? Mask(ProgramBuilder b, int x)
    {
        BinaryOp[] comparisons = [BinaryOp.Lt, BinaryOp.Le, BinaryOp.Gt, BinaryOp.Ge, BinaryOp.Eq, BinaryOp.Ne];
        var mask = b.Add(new BinaryFuzzOp(b.Choose(comparisons)), x, SecondOperand(b, x));
        if (mask is { } first && b.Chance(0.35))
        {
            var other = b.Chance(0.5) ? x : b.Pick(t => t.Equals(b.TypeOf(x))) ?? x;
            if (b.Add(new BinaryFuzzOp(b.Choose(comparisons)), other, SecondOperand(b, other)) is { } second)
                mask = b.Add(new BinaryFuzzOp(b.Choose([BinaryOp.And, BinaryOp.Or, BinaryOp.Xor])), first, second);
        }
        return mask is { } m && b.Chance(0.15) ? b.Add(new UnaryFuzzOp(UnaryOp.Not), m) : mask;
    }

    public static int? Select(ProgramBuilder b)
    {
        var x = b.Pick();
        var type = b.TypeOf(x);
        var shapeBool = new TensorType(DType.Bool, type.Shape);
        var roll = b.Random.Next(100);
        int? predicate = roll switch
        {
            < 40 => Mask(b, x),
            < 70 => b.Input(shapeBool),
            < 85 => b.Input(new TensorType(DType.Bool, [])),
            _ => b.Pick(t => t.DType == DType.Bool && (t.Rank == 0 || t.Shape.SequenceEqual(type.Shape))) ?? b.Input(shapeBool),
        };
        if (predicate is not { } p || b.TypeOf(p).Rank != 0 && !b.TypeOf(p).Shape.SequenceEqual(type.Shape)) return null;
        var other = b.Chance(0.5) ? b.Pick(t => t.Equals(type)) ?? b.Input(type) : b.Input(type);
        return b.Chance(0.5) ? b.Add(new SelectFuzzOp(), p, x, other) : b.Add(new SelectFuzzOp(), p, other, x);
    }

    public static int? Convert(ProgramBuilder b)
    {
        var x = b.Pick();
        var from = b.TypeOf(x).DType;
        var targets = ConvertFuzzOp.BitcastTargets(from);
        if (targets.Length > 0 && b.Chance(0.15)) return b.Add(new ConvertFuzzOp(b.Choose(targets), bitcast: true), x);
        return b.Add(new ConvertFuzzOp(b.Choose(b.Options.DTypes)), x);
    }
}
