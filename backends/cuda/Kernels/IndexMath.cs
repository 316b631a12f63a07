namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// Division for index arithmetic, in 32 bits. A 64-bit integer division is a software routine on NVIDIA GPUs
/// (dozens of instructions); a 32-bit one a few. A choice at run time between the two does not help: ILGPU turns
/// it into a select, so both divisions run. So every kernel's index space is kept within 2^32 points when the
/// kernel is compiled (<see cref="CheckIndexSpace"/>; elementwise launches are within 2^31 already), and index
/// arithmetic divides non-negative values below 2^32 by extents and counts below 2^31.
/// </summary>
internal static class IndexMath
{
    /// <summary>The largest index space (points, input elements, updates) a kernel may divide within.</summary>
    public const long MaxIndexSpace = uint.MaxValue;

    /// <summary><paramref name="value"/> / <paramref name="divisor"/> for both in [0, 2^32) (see the class).</summary>
    public static long Divide(long value, long divisor) => (uint)value / (uint)divisor;

    /// <summary><paramref name="value"/> mod <paramref name="divisor"/>, under the same condition.</summary>
    public static long Remainder(long value, long divisor) => value - Divide(value, divisor) * divisor;

    /// <summary>Refuses, when a kernel is compiled, an index space its 32-bit index arithmetic cannot address.</summary>
    public static void CheckIndexSpace(long points, string what)
    {
        if (points > MaxIndexSpace)
            throw new NotSupportedException($"{what} of {points} elements: the cuda backend's kernels index at most {MaxIndexSpace}");
    }
}
