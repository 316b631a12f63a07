using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Fusion;

// Type-level constants: a fused kernel's steps take their dtype and op as generic arguments, so that ILGPU (and
// the .NET JIT, for the CPU accelerator) specialise each step and fold the scalar-op switches to one operation.

/// <summary>A dtype as a type: its value, and its register class's scalar ops, so that a step calls the float64,
/// single or integer code directly and ILGPU compiles only that class (not every class's code, folded away later).</summary>
internal interface IDTypeTag
{
    DType DType { get; }

    long Unary(UnaryOp op, long x);

    long Binary(BinaryOp op, long a, long b);
}

internal interface IUnaryTag
{
    UnaryOp Op { get; }
}

internal interface IBinaryTag
{
    BinaryOp Op { get; }
}

internal interface IReduceTag
{
    ReduceOp Op { get; }
}

/// <summary>Maps IR dtypes and ops to their tag types.</summary>
internal static class Tags
{
    public static Type Of(DType dtype) => dtype switch
    {
        DType.Bool => typeof(DBool),
        DType.UInt8 => typeof(DUInt8),
        DType.Int32 => typeof(DInt32),
        DType.Int64 => typeof(DInt64),
        DType.UInt32 => typeof(DUInt32),
        DType.Int8 => typeof(DInt8),
        DType.Int16 => typeof(DInt16),
        DType.UInt16 => typeof(DUInt16),
        DType.UInt64 => typeof(DUInt64),
        DType.Float16 => typeof(DFloat16),
        DType.BFloat16 => typeof(DBFloat16),
        DType.Float32 => typeof(DFloat32),
        DType.Float64 => typeof(DFloat64),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    public static Type Of(UnaryOp op) => op switch
    {
        UnaryOp.Neg => typeof(UNeg),
        UnaryOp.Abs => typeof(UAbs),
        UnaryOp.Sign => typeof(USign),
        UnaryOp.Floor => typeof(UFloor),
        UnaryOp.Ceil => typeof(UCeil),
        UnaryOp.Round => typeof(URound),
        UnaryOp.RoundEven => typeof(URoundEven),
        UnaryOp.Sqrt => typeof(USqrt),
        UnaryOp.Rsqrt => typeof(URsqrt),
        UnaryOp.Cbrt => typeof(UCbrt),
        UnaryOp.Exp => typeof(UExp),
        UnaryOp.Exp2 => typeof(UExp2),
        UnaryOp.Log => typeof(ULog),
        UnaryOp.Log1p => typeof(ULog1p),
        UnaryOp.Expm1 => typeof(UExpm1),
        UnaryOp.Sin => typeof(USin),
        UnaryOp.Cos => typeof(UCos),
        UnaryOp.Tan => typeof(UTan),
        UnaryOp.Asin => typeof(UAsin),
        UnaryOp.Acos => typeof(UAcos),
        UnaryOp.Atan => typeof(UAtan),
        UnaryOp.Sinh => typeof(USinh),
        UnaryOp.Cosh => typeof(UCosh),
        UnaryOp.Tanh => typeof(UTanh),
        UnaryOp.Asinh => typeof(UAsinh),
        UnaryOp.Acosh => typeof(UAcosh),
        UnaryOp.Atanh => typeof(UAtanh),
        UnaryOp.Logistic => typeof(ULogistic),
        UnaryOp.Erf => typeof(UErf),
        UnaryOp.ErfInv => typeof(UErfInv),
        UnaryOp.Lgamma => typeof(ULgamma),
        UnaryOp.Digamma => typeof(UDigamma),
        UnaryOp.IsFinite => typeof(UIsFinite),
        UnaryOp.Not => typeof(UNot),
        UnaryOp.PopCount => typeof(UPopCount),
        UnaryOp.Clz => typeof(UClz),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown unary op"),
    };

    public static Type Of(BinaryOp op) => op switch
    {
        BinaryOp.Add => typeof(BAdd),
        BinaryOp.Sub => typeof(BSub),
        BinaryOp.Mul => typeof(BMul),
        BinaryOp.Div => typeof(BDiv),
        BinaryOp.Rem => typeof(BRem),
        BinaryOp.Pow => typeof(BPow),
        BinaryOp.Max => typeof(BMax),
        BinaryOp.Min => typeof(BMin),
        BinaryOp.Atan2 => typeof(BAtan2),
        BinaryOp.Eq => typeof(BEq),
        BinaryOp.Ne => typeof(BNe),
        BinaryOp.Lt => typeof(BLt),
        BinaryOp.Le => typeof(BLe),
        BinaryOp.Gt => typeof(BGt),
        BinaryOp.Ge => typeof(BGe),
        BinaryOp.And => typeof(BAnd),
        BinaryOp.Or => typeof(BOr),
        BinaryOp.Xor => typeof(BXor),
        BinaryOp.ShiftLeft => typeof(BShiftLeft),
        BinaryOp.ShiftRightLogical => typeof(BShiftRightLogical),
        BinaryOp.ShiftRightArithmetic => typeof(BShiftRightArithmetic),
        BinaryOp.RotateLeft => typeof(BRotateLeft),
        BinaryOp.RotateRight => typeof(BRotateRight),
        BinaryOp.NextAfter => typeof(BNextAfter),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown binary op"),
    };

    public static Type Of(ReduceOp op) => op switch
    {
        ReduceOp.Sum => typeof(RSum),
        ReduceOp.Prod => typeof(RProd),
        ReduceOp.Max => typeof(RMax),
        ReduceOp.Min => typeof(RMin),
        ReduceOp.And => typeof(RAnd),
        ReduceOp.Or => typeof(ROr),
        ReduceOp.ArgMax => typeof(RArgMax),
        ReduceOp.ArgMin => typeof(RArgMin),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown reduce op"),
    };
}

#pragma warning disable SA1649, SA1402 // many one-line tag types in one file on purpose
/// <summary>A dtype known only at run time (kernels shared by every dtype): the dispatching scalar ops.</summary>
internal struct DRuntime(DType dtype) : IDTypeTag
{
    public readonly DType DType => dtype;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.Unary(op, dtype, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.Binary(op, dtype, a, b);
}

internal struct DBool : IDTypeTag
{
    public readonly DType DType => DType.Bool;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.IntegerUnary(op, DType.Bool, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.IntegerBinary(op, DType.Bool, a, b);
}
internal struct DUInt8 : IDTypeTag
{
    public readonly DType DType => DType.UInt8;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.IntegerUnary(op, DType.UInt8, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.IntegerBinary(op, DType.UInt8, a, b);
}
internal struct DInt32 : IDTypeTag
{
    public readonly DType DType => DType.Int32;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.IntegerUnary(op, DType.Int32, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.IntegerBinary(op, DType.Int32, a, b);
}
internal struct DInt64 : IDTypeTag
{
    public readonly DType DType => DType.Int64;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.IntegerUnary(op, DType.Int64, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.IntegerBinary(op, DType.Int64, a, b);
}
internal struct DUInt32 : IDTypeTag
{
    public readonly DType DType => DType.UInt32;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.IntegerUnary(op, DType.UInt32, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.IntegerBinary(op, DType.UInt32, a, b);
}
internal struct DInt8 : IDTypeTag
{
    public readonly DType DType => DType.Int8;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.IntegerUnary(op, DType.Int8, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.IntegerBinary(op, DType.Int8, a, b);
}
internal struct DInt16 : IDTypeTag
{
    public readonly DType DType => DType.Int16;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.IntegerUnary(op, DType.Int16, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.IntegerBinary(op, DType.Int16, a, b);
}
internal struct DUInt16 : IDTypeTag
{
    public readonly DType DType => DType.UInt16;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.IntegerUnary(op, DType.UInt16, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.IntegerBinary(op, DType.UInt16, a, b);
}
internal struct DUInt64 : IDTypeTag
{
    public readonly DType DType => DType.UInt64;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.IntegerUnary(op, DType.UInt64, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.IntegerBinary(op, DType.UInt64, a, b);
}
internal struct DFloat16 : IDTypeTag
{
    public readonly DType DType => DType.Float16;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.SingleUnary(op, DType.Float16, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.SingleBinary(op, DType.Float16, a, b);
}
internal struct DBFloat16 : IDTypeTag
{
    public readonly DType DType => DType.BFloat16;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.SingleUnary(op, DType.BFloat16, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.SingleBinary(op, DType.BFloat16, a, b);
}
internal struct DFloat32 : IDTypeTag
{
    public readonly DType DType => DType.Float32;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.SingleUnary(op, DType.Float32, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.SingleBinary(op, DType.Float32, a, b);
}
internal struct DFloat64 : IDTypeTag
{
    public readonly DType DType => DType.Float64;
    public readonly long Unary(UnaryOp op, long x) => ScalarOps.DoubleUnary(op, x);
    public readonly long Binary(BinaryOp op, long a, long b) => ScalarOps.DoubleBinary(op, a, b);
}
internal struct UNeg : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Neg; }
internal struct UAbs : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Abs; }
internal struct USign : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Sign; }
internal struct UFloor : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Floor; }
internal struct UCeil : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Ceil; }
internal struct URound : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Round; }
internal struct URoundEven : IUnaryTag { public readonly UnaryOp Op => UnaryOp.RoundEven; }
internal struct USqrt : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Sqrt; }
internal struct URsqrt : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Rsqrt; }
internal struct UCbrt : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Cbrt; }
internal struct UExp : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Exp; }
internal struct UExp2 : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Exp2; }
internal struct ULog : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Log; }
internal struct ULog1p : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Log1p; }
internal struct UExpm1 : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Expm1; }
internal struct USin : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Sin; }
internal struct UCos : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Cos; }
internal struct UTan : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Tan; }
internal struct UAsin : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Asin; }
internal struct UAcos : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Acos; }
internal struct UAtan : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Atan; }
internal struct USinh : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Sinh; }
internal struct UCosh : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Cosh; }
internal struct UTanh : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Tanh; }
internal struct UAsinh : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Asinh; }
internal struct UAcosh : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Acosh; }
internal struct UAtanh : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Atanh; }
internal struct ULogistic : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Logistic; }
internal struct UErf : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Erf; }
internal struct UErfInv : IUnaryTag { public readonly UnaryOp Op => UnaryOp.ErfInv; }
internal struct ULgamma : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Lgamma; }
internal struct UDigamma : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Digamma; }
internal struct UIsFinite : IUnaryTag { public readonly UnaryOp Op => UnaryOp.IsFinite; }
internal struct UNot : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Not; }
internal struct UPopCount : IUnaryTag { public readonly UnaryOp Op => UnaryOp.PopCount; }
internal struct UClz : IUnaryTag { public readonly UnaryOp Op => UnaryOp.Clz; }
internal struct BAdd : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Add; }
internal struct BSub : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Sub; }
internal struct BMul : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Mul; }
internal struct BDiv : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Div; }
internal struct BRem : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Rem; }
internal struct BPow : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Pow; }
internal struct BMax : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Max; }
internal struct BMin : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Min; }
internal struct BAtan2 : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Atan2; }
internal struct BEq : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Eq; }
internal struct BNe : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Ne; }
internal struct BLt : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Lt; }
internal struct BLe : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Le; }
internal struct BGt : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Gt; }
internal struct BGe : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Ge; }
internal struct BAnd : IBinaryTag { public readonly BinaryOp Op => BinaryOp.And; }
internal struct BOr : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Or; }
internal struct BXor : IBinaryTag { public readonly BinaryOp Op => BinaryOp.Xor; }
internal struct BShiftLeft : IBinaryTag { public readonly BinaryOp Op => BinaryOp.ShiftLeft; }
internal struct BShiftRightLogical : IBinaryTag { public readonly BinaryOp Op => BinaryOp.ShiftRightLogical; }
internal struct BShiftRightArithmetic : IBinaryTag { public readonly BinaryOp Op => BinaryOp.ShiftRightArithmetic; }
internal struct BRotateLeft : IBinaryTag { public readonly BinaryOp Op => BinaryOp.RotateLeft; }
internal struct BRotateRight : IBinaryTag { public readonly BinaryOp Op => BinaryOp.RotateRight; }
internal struct BNextAfter : IBinaryTag { public readonly BinaryOp Op => BinaryOp.NextAfter; }
internal struct RSum : IReduceTag { public readonly ReduceOp Op => ReduceOp.Sum; }
internal struct RProd : IReduceTag { public readonly ReduceOp Op => ReduceOp.Prod; }
internal struct RMax : IReduceTag { public readonly ReduceOp Op => ReduceOp.Max; }
internal struct RMin : IReduceTag { public readonly ReduceOp Op => ReduceOp.Min; }
internal struct RAnd : IReduceTag { public readonly ReduceOp Op => ReduceOp.And; }
internal struct ROr : IReduceTag { public readonly ReduceOp Op => ReduceOp.Or; }
internal struct RArgMax : IReduceTag { public readonly ReduceOp Op => ReduceOp.ArgMax; }
internal struct RArgMin : IReduceTag { public readonly ReduceOp Op => ReduceOp.ArgMin; }
