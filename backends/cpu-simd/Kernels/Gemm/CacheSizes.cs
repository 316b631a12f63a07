using System.Globalization;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// The per-core L1 data and L2 cache sizes the GEMM blocking is computed from, read once from Linux's
/// /sys/devices/system/cpu/cpu0/cache. The same binary runs on Zen 4 (32 KiB L1d) and Zen 5 (48 KiB), on Intel
/// parts with 2 MiB L2s and in containers that hide /sys; where a size cannot be read the fallback is the smaller
/// common value, since blocks sized for too small a cache cost a few percent and blocks sized for too large a one
/// thrash it.
/// </summary>
internal readonly record struct CacheSizes(long L1Data, long L2)
{
    public const long FallbackL1Data = 32 * 1024;

    public const long FallbackL2 = 512 * 1024;

    public static readonly CacheSizes Fallback = new(FallbackL1Data, FallbackL2);

    /// <summary>This machine's, read once.</summary>
    public static CacheSizes Current { get; } = Read("/sys/devices/system/cpu/cpu0/cache");

    /// <summary>
    /// The sizes described under <paramref name="directory"/> (index*/level, type, size as the kernel writes
    /// them: "32K", "1024K", "2M"); each size that is missing, unreadable or implausible falls back alone.
    /// </summary>
    public static CacheSizes Read(string directory)
    {
        long? l1 = null, l2 = null;
        try
        {
            if (Directory.Exists(directory))
            {
                foreach (var index in Directory.EnumerateDirectories(directory, "index*"))
                {
                    var level = ReadText(Path.Combine(index, "level"));
                    var type = ReadText(Path.Combine(index, "type"));
                    var size = ParseSize(ReadText(Path.Combine(index, "size")));
                    if (size is null) continue;
                    if (level == "1" && type == "Data") l1 = size;
                    else if (level == "2" && type is "Unified" or "Data") l2 = size;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A /sys that cannot be listed is a container's; the fallbacks below apply.
        }
        return new CacheSizes(Plausible(l1, 8 * 1024, 1024 * 1024) ?? FallbackL1Data, Plausible(l2, 64 * 1024, 64L * 1024 * 1024) ?? FallbackL2);
    }

    /// <summary>"32K" / "1024K" / "2M" / "65536" to bytes; null for anything else.</summary>
    public static long? ParseSize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        var multiplier = char.ToUpperInvariant(text[^1]) switch { 'K' => 1024L, 'M' => 1024L * 1024, 'G' => 1024L * 1024 * 1024, _ => 1L };
        var digits = multiplier == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= long.MaxValue / multiplier
            ? value * multiplier
            : null;
    }

    private static long? Plausible(long? bytes, long min, long max) => bytes is { } b && b >= min && b <= max ? b : null;

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
