namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// Unary scalar ops. Semantics follow XLA's; see docs/kernel-ir.md for NaN, rounding and integer behaviour.
/// Values are part of ABI v1: append only.
/// </summary>
public enum UnaryOp
{
    Neg, Abs, Sign, Floor, Ceil,
    /// <summary>Round half away from zero (lax.round's default).</summary>
    Round,
    /// <summary>Round half to even (numpy.round).</summary>
    RoundEven,
    Sqrt, Rsqrt, Cbrt,
    Exp, Exp2, Log, Log1p, Expm1,
    Sin, Cos, Tan, Asin, Acos, Atan,
    Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,
    /// <summary>1 / (1 + exp(-x)).</summary>
    Logistic,
    Erf, ErfInv, Lgamma, Digamma,
    /// <summary>Result dtype Bool: true when neither NaN nor infinite.</summary>
    IsFinite,
    /// <summary>Logical not on Bool, bitwise not on integers.</summary>
    Not,
    PopCount,
    /// <summary>Count of leading zero bits.</summary>
    Clz,
}

/// <summary>Binary scalar ops. Both operands have one dtype; comparisons yield Bool. Append only.</summary>
public enum BinaryOp
{
    Add, Sub, Mul,
    /// <summary>Float: IEEE. Integer: truncating; x/0 = -1 (all bits set for unsigned), INT_MIN/-1 = INT_MIN.</summary>
    Div,
    /// <summary>Float: fmod (sign of the dividend). Integer: truncating; x%0 = x, INT_MIN%-1 = 0.</summary>
    Rem,
    Pow,
    /// <summary>Propagates NaN (as jnp.maximum).</summary>
    Max,
    /// <summary>Propagates NaN (as jnp.minimum).</summary>
    Min,
    Atan2,
    Eq, Ne, Lt, Le, Gt, Ge,
    /// <summary>Logical on Bool, bitwise on integers.</summary>
    And, Or, Xor,
    /// <summary>Shifts by an amount at or past the bit width give 0 (arithmetic right: the sign fill).</summary>
    ShiftLeft, ShiftRightLogical, ShiftRightArithmetic,
    /// <summary>Rotates (the amount is taken modulo the bit width), for threefry.</summary>
    RotateLeft, RotateRight,
    NextAfter,
}

/// <summary>Reductions: of reduction kernels, scans and collectives. Append only.</summary>
public enum ReduceOp
{
    Sum, Prod, Max, Min,
    /// <summary>Logical/bitwise and.</summary>
    And,
    /// <summary>Logical/bitwise or.</summary>
    Or,
    /// <summary>Index (Int32) of the largest value; the first on ties; the first NaN wins.</summary>
    ArgMax,
    /// <summary>Index (Int32) of the smallest value; the first on ties; the first NaN wins.</summary>
    ArgMin,
}

public static class ScalarOpInfo
{
    public static bool IsComparison(this BinaryOp op) =>
        op is BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge;

    /// <summary>Ops defined on integers and Bool only.</summary>
    public static bool IsBitwise(this BinaryOp op) =>
        op is BinaryOp.And or BinaryOp.Or or BinaryOp.Xor or BinaryOp.ShiftLeft or BinaryOp.ShiftRightLogical
            or BinaryOp.ShiftRightArithmetic or BinaryOp.RotateLeft or BinaryOp.RotateRight;

    /// <summary>Ops defined on floats only.</summary>
    public static bool IsFloatOnly(this UnaryOp op) =>
        op is not (UnaryOp.Neg or UnaryOp.Abs or UnaryOp.Sign or UnaryOp.Not or UnaryOp.PopCount or UnaryOp.Clz);

    public static bool IsFloatOnly(this BinaryOp op) => op is BinaryOp.Pow or BinaryOp.Atan2 or BinaryOp.NextAfter;

    /// <summary>The result dtype of a unary op on <paramref name="operand"/>.</summary>
    public static DType ResultType(this UnaryOp op, DType operand) => op == UnaryOp.IsFinite ? DType.Bool : operand;

    /// <summary>The result dtype of a binary op on operands of one dtype.</summary>
    public static DType ResultType(this BinaryOp op, DType operand) => op.IsComparison() ? DType.Bool : operand;

    public static bool IsArg(this ReduceOp op) => op is ReduceOp.ArgMax or ReduceOp.ArgMin;
}
