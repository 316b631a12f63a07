using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd;

/// <summary>The vector width this process runs with (DOTNET_EnableAVX512F=0 turns Vector512 off).</summary>
internal static class CpuIsa
{
    public static bool HasVector512 => Vector512.IsHardwareAccelerated;

    public static bool HasVector256 => Vector256.IsHardwareAccelerated;

    /// <summary>"avx512", "avx2" or "scalar".</summary>
    public static string Name => HasVector512 ? "avx512" : HasVector256 ? "avx2" : "scalar";
}
