using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// Flush-to-zero of float32 subnormals for devices that cannot preserve them (no DenormPreserve for 32 bits):
/// such a driver may treat a subnormal operand as zero in arithmetic while bit-level helpers (pow's exponent
/// extraction, atan2's sign tests, nextafter) still see it, which gives neither IEEE nor flush-to-zero results.
/// Flushing the operand once makes every op agree with the flush-to-zero model (XLA's float32 behaviour on GPUs).
/// </summary>
internal static class Subnormals
{
    /// <summary>
    /// The register value <paramref name="value"/> with float32 subnormals replaced by zero of the same sign;
    /// bfloat16 (held in float registers, same exponent range) too; other dtypes unchanged (float16 values are
    /// normal float32 numbers, float64 keeps its own mode).
    /// </summary>
    public static string Flush(ShaderWriter w, DType dtype, string value)
    {
        if (dtype is not (DType.Float32 or DType.BFloat16)) return value;
        var name = w.Helper("jx_flush_subnormal", () =>
            "float jx_flush_subnormal(float x) { uint u = floatBitsToUint(x); return (u & 0x7F800000u) == 0u ? uintBitsToFloat(u & 0x80000000u) : x; }");
        return $"{name}({value})";
    }
}
