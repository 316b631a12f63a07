using System.Numerics;
using System.Runtime.CompilerServices;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>A binary combining step (scatter combiners, scan ops, collective reductions), inlined per type.</summary>
internal interface ICombiner<T> where T : unmanaged, INumber<T>
{
    /// <summary>The value that combines with anything to give it back (0, 1, -inf/min, +inf/max).</summary>
    static abstract T Identity { get; }

    static abstract T Combine(T current, T update);
}

internal readonly struct ReplaceCombiner<T> : ICombiner<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Combine(T current, T update) => update;
}

internal readonly struct AddCombiner<T> : ICombiner<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Combine(T current, T update) => current + update;
}

internal readonly struct MulCombiner<T> : ICombiner<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.One;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Combine(T current, T update) => current * update;
}

/// <summary>Maximum that propagates NaN (jnp.maximum); .NET's INumber.Max already does.</summary>
internal readonly struct MaxCombiner<T> : ICombiner<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.CreateSaturating(double.NegativeInfinity);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Combine(T current, T update) => T.Max(current, update);
}

/// <summary>Minimum that propagates NaN (jnp.minimum).</summary>
internal readonly struct MinCombiner<T> : ICombiner<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.CreateSaturating(double.PositiveInfinity);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Combine(T current, T update) => T.Min(current, update);
}

/// <summary>Bitwise/logical and (integers and Bool only).</summary>
internal readonly struct AndCombiner<T> : ICombiner<T> where T : unmanaged, INumber<T>, IBitwiseOperators<T, T, T>
{
    public static T Identity => ~T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Combine(T current, T update) => current & update;
}

/// <summary>Bitwise/logical or (integers and Bool only).</summary>
internal readonly struct OrCombiner<T> : ICombiner<T> where T : unmanaged, INumber<T>, IBitwiseOperators<T, T, T>
{
    public static T Identity => T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Combine(T current, T update) => current | update;
}

/// <summary>A generic action instantiated for one combiner over a value type.</summary>
internal interface ICombinerVisitor<T, out TResult> where T : unmanaged, INumber<T>
{
    TResult Visit<TCombiner>() where TCombiner : ICombiner<T>;
}

internal static class CombinerDispatch
{
    public static TResult Visit<T, TResult>(ScatterCombiner combiner, ICombinerVisitor<T, TResult> visitor)
        where T : unmanaged, INumber<T> => combiner switch
        {
            ScatterCombiner.Replace => visitor.Visit<ReplaceCombiner<T>>(),
            ScatterCombiner.Add => visitor.Visit<AddCombiner<T>>(),
            ScatterCombiner.Mul => visitor.Visit<MulCombiner<T>>(),
            ScatterCombiner.Max => visitor.Visit<MaxCombiner<T>>(),
            ScatterCombiner.Min => visitor.Visit<MinCombiner<T>>(),
            _ => throw new ArgumentOutOfRangeException(nameof(combiner), combiner, "unknown combiner"),
        };

    /// <summary>Sum, Prod, Max, Min for every value type; And and Or for integer value types.</summary>
    public static TResult Visit<T, TResult>(ReduceOp op, ICombinerVisitor<T, TResult> visitor)
        where T : unmanaged, INumber<T> => op switch
        {
            ReduceOp.Sum => visitor.Visit<AddCombiner<T>>(),
            ReduceOp.Prod => visitor.Visit<MulCombiner<T>>(),
            ReduceOp.Max => visitor.Visit<MaxCombiner<T>>(),
            ReduceOp.Min => visitor.Visit<MinCombiner<T>>(),
            ReduceOp.And or ReduceOp.Or => VisitBitwise(op, visitor),
            _ => throw new NotSupportedException($"reduction {op} is not supported here"),
        };

    private static TResult VisitBitwise<T, TResult>(ReduceOp op, ICombinerVisitor<T, TResult> visitor)
        where T : unmanaged, INumber<T>
    {
        // The bitwise combiners need IBitwiseOperators, which generic T does not promise: pick by the concrete type.
        if (typeof(T) == typeof(byte)) return Bitwise<byte, TResult>(op, (ICombinerVisitor<byte, TResult>)(object)visitor);
        if (typeof(T) == typeof(int)) return Bitwise<int, TResult>(op, (ICombinerVisitor<int, TResult>)(object)visitor);
        if (typeof(T) == typeof(uint)) return Bitwise<uint, TResult>(op, (ICombinerVisitor<uint, TResult>)(object)visitor);
        if (typeof(T) == typeof(long)) return Bitwise<long, TResult>(op, (ICombinerVisitor<long, TResult>)(object)visitor);
        if (typeof(T) == typeof(sbyte)) return Bitwise<sbyte, TResult>(op, (ICombinerVisitor<sbyte, TResult>)(object)visitor);
        if (typeof(T) == typeof(short)) return Bitwise<short, TResult>(op, (ICombinerVisitor<short, TResult>)(object)visitor);
        if (typeof(T) == typeof(ushort)) return Bitwise<ushort, TResult>(op, (ICombinerVisitor<ushort, TResult>)(object)visitor);
        if (typeof(T) == typeof(ulong)) return Bitwise<ulong, TResult>(op, (ICombinerVisitor<ulong, TResult>)(object)visitor);
        throw new NotSupportedException($"reduction {op} is defined on integers and bool only");
    }

    private static TResult Bitwise<T, TResult>(ReduceOp op, ICombinerVisitor<T, TResult> visitor)
        where T : unmanaged, INumber<T>, IBitwiseOperators<T, T, T> =>
        op == ReduceOp.And ? visitor.Visit<AndCombiner<T>>() : visitor.Visit<OrCombiner<T>>();
}
