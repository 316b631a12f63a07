using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

/// <summary>A unary op of an epilogue program (the TOp of <see cref="Unary{TOp, TX}"/>).</summary>
internal interface IUnaryOp
{
    static abstract TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>;
}

/// <summary>A binary op of an epilogue program; comparisons give masks.</summary>
internal interface IBinaryOp
{
    static abstract TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>;
}

/// <summary>op(x) for a unary op.</summary>
internal readonly struct Unary<TOp, TX> : ITileExpression where TOp : IUnaryOp where TX : ITileExpression
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TVec Evaluate<T, TVec, TOps>(TVec acc, TileOperands* ops, nint row, nint col, nint limit)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> =>
        TOp.Apply<T, TVec, TOps>(TX.Evaluate<T, TVec, TOps>(acc, ops, row, col, limit));
}

/// <summary>op(a, b) for a binary op.</summary>
internal readonly struct Binary<TOp, TA, TB> : ITileExpression where TOp : IBinaryOp where TA : ITileExpression where TB : ITileExpression
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TVec Evaluate<T, TVec, TOps>(TVec acc, TileOperands* ops, nint row, nint col, nint limit)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> =>
        TOp.Apply<T, TVec, TOps>(TA.Evaluate<T, TVec, TOps>(acc, ops, row, col, limit), TB.Evaluate<T, TVec, TOps>(acc, ops, row, col, limit));
}

/// <summary>predicate ? onTrue : onFalse, lane by lane.</summary>
internal readonly struct Select<TPredicate, TOnTrue, TOnFalse> : ITileExpression
    where TPredicate : ITileExpression where TOnTrue : ITileExpression where TOnFalse : ITileExpression
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TVec Evaluate<T, TVec, TOps>(TVec acc, TileOperands* ops, nint row, nint col, nint limit)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> =>
        TOps.Select(TPredicate.Evaluate<T, TVec, TOps>(acc, ops, row, col, limit),
            TOnTrue.Evaluate<T, TVec, TOps>(acc, ops, row, col, limit), TOnFalse.Evaluate<T, TVec, TOps>(acc, ops, row, col, limit));
}

internal readonly struct NegateOp : IUnaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Negate(x);
}

internal readonly struct AbsOp : IUnaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Abs(x);
}

internal readonly struct SqrtOp : IUnaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Sqrt(x);
}

internal readonly struct RsqrtOp : IUnaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Divide(TOps.Broadcast(T.One), TOps.Sqrt(x));
}

internal readonly struct ExpOp : IUnaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Exp(x);
}

internal readonly struct LogOp : IUnaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Log(x);
}

internal readonly struct TanhOp : IUnaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Tanh(x);
}

internal readonly struct LogisticOp : IUnaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Logistic(x);
}

internal readonly struct MaskToOneOp : IUnaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec x)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.MaskToOne(x);
}

internal readonly struct AddOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Add(a, b);
}

internal readonly struct SubtractOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Subtract(a, b);
}

internal readonly struct MultiplyOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Multiply(a, b);
}

internal readonly struct DivideOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Divide(a, b);
}

internal readonly struct MaxOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Max(a, b);
}

internal readonly struct MinOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Min(a, b);
}

internal readonly struct EqualOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.Equal(a, b);
}

internal readonly struct NotEqualOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.NotEqual(a, b);
}

internal readonly struct LessThanOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.LessThan(a, b);
}

internal readonly struct LessThanOrEqualOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.LessThanOrEqual(a, b);
}

internal readonly struct GreaterThanOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.GreaterThan(a, b);
}

internal readonly struct GreaterThanOrEqualOp : IBinaryOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<T, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => TOps.GreaterThanOrEqual(a, b);
}
