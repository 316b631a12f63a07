using JaxNet.Abstractions;
namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>Shapes as the IR text prints them, for error messages.</summary>
internal static class ShapeText
{
    public static string Dims(IEnumerable<int> dims) => "[" + string.Join(",", dims) + "]";
}
