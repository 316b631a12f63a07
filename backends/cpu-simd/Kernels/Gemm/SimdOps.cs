namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// The vector operations the GEMM micro-kernel and its inlined epilogues need, as static members of a struct so
/// that the generic kernel is compiled once per vector type with every call inlined (the TensorPrimitives operator
/// pattern). Comparisons return masks in the same vector type (all bits set where true); implementations are in
/// SimdOps.*.cs, one file per lane type.
/// </summary>
internal unsafe interface ISimdOps<T, TVec> where T : unmanaged where TVec : struct
{
    static abstract int Width { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Load(T* p);

    /// <summary>
    /// The first <paramref name="count"/> (1 to Width - 1) elements at <paramref name="p"/> in the low lanes, zeros
    /// above; memory past them is never touched (a masked load: the right edge of a matrix may end a page).
    /// </summary>
    static abstract TVec LoadFirst(T* p, int count);

    static abstract void Store(T* p, TVec v);

    static abstract TVec Broadcast(T x);

    /// <summary>a * b + c, fused where the hardware has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract TVec Add(TVec a, TVec b);

    static abstract TVec Subtract(TVec a, TVec b);

    static abstract TVec Multiply(TVec a, TVec b);

    static abstract TVec Divide(TVec a, TVec b);

    /// <summary>NaN-propagating, as jnp.maximum (and the elementwise code generator).</summary>
    static abstract TVec Max(TVec a, TVec b);

    /// <summary>NaN-propagating, as jnp.minimum.</summary>
    static abstract TVec Min(TVec a, TVec b);

    /// <summary>Flips the sign bit, so -(+0) is -0.</summary>
    static abstract TVec Negate(TVec x);

    static abstract TVec Abs(TVec x);

    static abstract TVec Sqrt(TVec x);

    static abstract TVec Exp(TVec x);

    static abstract TVec Log(TVec x);

    static abstract TVec Tanh(TVec x);

    static abstract TVec Logistic(TVec x);

    static abstract TVec Equal(TVec a, TVec b);

    static abstract TVec NotEqual(TVec a, TVec b);

    static abstract TVec LessThan(TVec a, TVec b);

    static abstract TVec LessThanOrEqual(TVec a, TVec b);

    static abstract TVec GreaterThan(TVec a, TVec b);

    static abstract TVec GreaterThanOrEqual(TVec a, TVec b);

    /// <summary>Lanes of <paramref name="onTrue"/> where <paramref name="mask"/> is set, else of <paramref name="onFalse"/>.</summary>
    static abstract TVec Select(TVec mask, TVec onTrue, TVec onFalse);

    /// <summary>1 where the mask is set, else 0 (a Bool converted to the lane type).</summary>
    static abstract TVec MaskToOne(TVec mask);
}

/// <summary>A scalar function applied lane by lane, for ops without a vector implementation.</summary>
internal interface ILaneFunction<T>
{
    static abstract T Apply(T x);
}

internal static unsafe class Lanes
{
    /// <summary>Applies <typeparamref name="TFunction"/> to each lane of <paramref name="x"/>.</summary>
    public static TVec Map<T, TVec, TOps, TFunction>(TVec x)
        where T : unmanaged where TVec : struct where TOps : ISimdOps<T, TVec> where TFunction : ILaneFunction<T>
    {
        var lanes = stackalloc T[TOps.Width];
        TOps.Store(lanes, x);
        for (var i = 0; i < TOps.Width; i++) lanes[i] = TFunction.Apply(lanes[i]);
        return TOps.Load(lanes);
    }
}

internal readonly struct TanhLane<T> : ILaneFunction<T> where T : System.Numerics.IHyperbolicFunctions<T>
{
    public static T Apply(T x) => T.Tanh(x);
}

internal readonly struct ExpLane<T> : ILaneFunction<T> where T : System.Numerics.IExponentialFunctions<T>
{
    public static T Apply(T x) => T.Exp(x);
}

internal readonly struct LogLane<T> : ILaneFunction<T> where T : System.Numerics.ILogarithmicFunctions<T>
{
    public static T Apply(T x) => T.Log(x);
}

internal readonly struct LogisticLane<T> : ILaneFunction<T> where T : System.Numerics.IExponentialFunctions<T>
{
    public static T Apply(T x) => T.One / (T.One + T.Exp(-x));
}
