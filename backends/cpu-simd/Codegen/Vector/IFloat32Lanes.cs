namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// What <see cref="VectorMath{TLanes, TDouble, TLong, TFloat, TInt}"/> needs of float32 lanes (TFloat) and int32
/// lanes (TInt), as <see cref="IFloat64Lanes{TDouble, TLong}"/> is for float64.
/// </summary>
internal interface IFloat32Lanes<TFloat, TInt>
{
    static abstract TFloat Create(float value);
    static abstract TInt Create(int value);

    static abstract TFloat Add(TFloat a, TFloat b);
    static abstract TFloat Subtract(TFloat a, TFloat b);
    static abstract TFloat Multiply(TFloat a, TFloat b);
    static abstract TFloat Divide(TFloat a, TFloat b);
    static abstract TFloat Negate(TFloat x);
    static abstract TFloat FusedMultiplyAdd(TFloat a, TFloat b, TFloat addend);
    static abstract TFloat Abs(TFloat x);
    static abstract TFloat CopySign(TFloat magnitude, TFloat sign);
    static abstract TFloat Round(TFloat x);
    static abstract TFloat MinNative(TFloat a, TFloat b);
    static abstract TFloat MaxNative(TFloat a, TFloat b);
    static abstract TFloat Equal(TFloat a, TFloat b);
    static abstract TFloat LessThanOrEqual(TFloat a, TFloat b);
    static abstract TFloat BitwiseAnd(TFloat a, TFloat b);
    static abstract TFloat Xor(TFloat a, TFloat b);
    static abstract bool AllSet(TFloat mask);
    static abstract TFloat ConditionalSelect(TFloat mask, TFloat onTrue, TFloat onFalse);
    static abstract TInt ConvertToInt32(TFloat x);
    static abstract TFloat ConvertToSingle(TInt x);
    static abstract TFloat AsSingle(TInt x);
    static abstract TInt AsInt32(TFloat x);
    static abstract TInt Add(TInt a, TInt b);
    static abstract TInt Subtract(TInt a, TInt b);
    static abstract TInt BitwiseAnd(TInt a, TInt b);
    static abstract TInt ShiftLeft(TInt x, int count);
    static abstract TInt ShiftRightArithmetic(TInt x, int count);
    static abstract TFloat Sqrt(TFloat x);
    /// <summary>.NET's float32 logarithm, for the lanes the float32 routine leaves out.</summary>
    static abstract TFloat NativeLog(TFloat x);
    static abstract TFloat LessThan(TFloat a, TFloat b);

    /// <summary>a b - subtrahend with one rounding (the JIT does not fold a negated operand into an FMA).</summary>
    static abstract TFloat MultiplySubtract(TFloat a, TFloat b, TFloat subtrahend);

    /// <summary>addend - a b with one rounding.</summary>
    static abstract TFloat NegatedMultiplyAdd(TFloat a, TFloat b, TFloat addend);

    /// <summary>
    /// x 2^n rounded once, for an integer-valued n in [-252, 254] (AVX-512's vscalefps; elsewhere two exact
    /// power-of-two steps, which round the same way).
    /// </summary>
    static abstract TFloat ScaleByPowerOfTwo(TFloat x, TFloat n);
}
