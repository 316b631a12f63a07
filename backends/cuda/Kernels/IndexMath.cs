namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// Division for index arithmetic. A 64-bit integer division is a software routine on NVIDIA GPUs (dozens of
/// instructions, and the PTX of a mapped load had one per dimension); a 32-bit one is a handful. Index arithmetic
/// divides non-negative values that nearly always fit 32 bits, so it checks and takes the short one.
/// </summary>
internal static class IndexMath
{
    /// <summary><paramref name="value"/> / <paramref name="divisor"/>, in 32 bits when both are in [0, 2^32).</summary>
    public static long Divide(long value, long divisor) =>
        (ulong)(value | divisor) <= uint.MaxValue ? (uint)value / (uint)divisor : value / divisor;

    /// <summary><paramref name="value"/> mod <paramref name="divisor"/> for non-negative values, as cheaply.</summary>
    public static long Remainder(long value, long divisor) => value - Divide(value, divisor) * divisor;
}
