namespace JaxNet.Conformance.Numerics;

/// <summary>How a backend treats float32 subnormals (bfloat16 shares float32's exponent range and its registers).</summary>
public enum SubnormalMode
{
    /// <summary>IEEE 754: subnormal operands and results keep their value.</summary>
    Preserve,

    /// <summary>
    /// The device may flush float32 and bfloat16 subnormals to zero of the same sign, in operands and in results
    /// (XLA's behaviour on GPUs; Vulkan drivers without DenormPreserve). float16 and float64 are unaffected.
    /// </summary>
    FlushFloat32,
}

/// <summary>The flush-to-zero model of <see cref="SubnormalMode.FlushFloat32"/> on single values.</summary>
public static class Subnormals
{
    private const double SmallestNormalFloat32 = 1.1754943508222875e-38;

    /// <summary>True when <paramref name="value"/> is a float32 or bfloat16 subnormal (what a flushing device zeroes).</summary>
    public static bool IsFlushable(Scalar value) =>
        value.DType is DType.Float32 or DType.BFloat16
        && value.Float != 0 && Math.Abs(value.Float) < SmallestNormalFloat32;

    /// <summary><paramref name="value"/>, or zero of its sign when it is a flushable subnormal.</summary>
    public static Scalar Flush(Scalar value) =>
        IsFlushable(value) ? Scalar.FromDouble(value.DType, double.IsNegative(value.Float) ? -0.0 : 0.0) : value;
}
