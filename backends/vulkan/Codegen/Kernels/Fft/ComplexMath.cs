using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

/// <summary>
/// Complex values in shaders: a vec2 (float32 parts) or dvec2 (float64) of (re, im), and their product.
/// </summary>
internal static class ComplexMath
{
    public static string Type(DType dtype) => dtype == DType.Float64 ? "dvec2" : "vec2";

    /// <summary>The name of the complex product function (emitted once per shader).</summary>
    public static string Mul(ShaderWriter w, DType dtype) => w.Helper($"jx_cmul_{Type(dtype)}", () =>
    {
        var t = Type(dtype);
        return $"{t} jx_cmul_{t}({t} a, {t} b) {{ return {t}(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x); }}";
    });
}
