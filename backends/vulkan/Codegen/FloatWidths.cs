namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>A set of floating-point widths, as SPIR-V float-controls execution modes name them (16, 32, 64 bits).</summary>
[Flags]
internal enum FloatWidths
{
    None = 0,
    Float16 = 1,
    Float32 = 2,
    Float64 = 4,
    All = Float16 | Float32 | Float64,
}

internal static class FloatWidthsExtensions
{
    /// <summary>The bit widths in the set, ascending (the operand of OpExecutionMode).</summary>
    public static IEnumerable<int> Bits(this FloatWidths widths)
    {
        if ((widths & FloatWidths.Float16) != 0) yield return 16;
        if ((widths & FloatWidths.Float32) != 0) yield return 32;
        if ((widths & FloatWidths.Float64) != 0) yield return 64;
    }
}
