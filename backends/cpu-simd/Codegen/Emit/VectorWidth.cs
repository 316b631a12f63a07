using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

/// <summary>The widest vector the generated code may use. Tests lower it to cover every path on one machine.</summary>
internal enum VectorWidth
{
    Scalar = 0,
    Bits256 = 256,
    Bits512 = 512,
}

internal static class VectorWidths
{
    /// <summary>What the hardware accelerates (Vector512 when AVX-512 is on, else Vector256, else none).</summary>
    public static VectorWidth Hardware { get; } =
        Vector512.IsHardwareAccelerated ? VectorWidth.Bits512
        : Vector256.IsHardwareAccelerated ? VectorWidth.Bits256
        : VectorWidth.Scalar;

    /// <summary>The hardware's width, no wider than <paramref name="cap"/>.</summary>
    public static VectorWidth Limit(VectorWidth cap) => (VectorWidth)Math.Min((int)cap, (int)Hardware);
}
