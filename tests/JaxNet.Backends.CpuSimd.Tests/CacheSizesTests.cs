using JaxNet.Backends.CpuSimd.Kernels.Gemm;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Reading the L1d and L2 sizes the GEMM blocks are cut to from a sysfs-shaped directory, including the ones a
/// container or an odd kernel gives: no directory, missing files, garbage, sizes no cache has.
/// </summary>
public sealed class CacheSizesTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "jaxnet-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private void Index(int index, string? level, string? type, string? size)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, "index" + index)).FullName;
        if (level is not null) File.WriteAllText(Path.Combine(directory, "level"), level + "\n");
        if (type is not null) File.WriteAllText(Path.Combine(directory, "type"), type + "\n");
        if (size is not null) File.WriteAllText(Path.Combine(directory, "size"), size + "\n");
    }

    [Fact]
    public void Reads_a_Zen5_layout_and_ignores_the_instruction_and_L3_caches()
    {
        Index(0, "1", "Data", "48K");
        Index(1, "1", "Instruction", "32K");
        Index(2, "2", "Unified", "1024K");
        Index(3, "3", "Unified", "32768K");
        Assert.Equal(new CacheSizes(48 * 1024, 1024 * 1024), CacheSizes.Read(root));
    }

    [Fact]
    public void Reads_sizes_in_megabytes()
    {
        Index(0, "1", "Data", "32K");
        Index(1, "2", "Unified", "2M");
        Assert.Equal(new CacheSizes(32 * 1024, 2 * 1024 * 1024), CacheSizes.Read(root));
    }

    [Fact]
    public void A_missing_directory_gives_the_fallbacks() =>
        Assert.Equal(CacheSizes.Fallback, CacheSizes.Read(Path.Combine(root, "absent")));

    [Fact]
    public void Each_unreadable_size_falls_back_alone()
    {
        Index(0, "1", "Data", "48K");
        Index(2, "2", "Unified", null); // no size file
        Assert.Equal(new CacheSizes(48 * 1024, CacheSizes.FallbackL2), CacheSizes.Read(root));
    }

    [Fact]
    public void Garbage_and_implausible_sizes_fall_back()
    {
        Index(0, "1", "Data", "lots");
        Index(2, "2", "Unified", "1K"); // smaller than any L2
        Assert.Equal(CacheSizes.Fallback, CacheSizes.Read(root));
    }

    [Fact]
    public void Entries_without_level_or_type_are_skipped()
    {
        Index(0, null, "Data", "64K");
        Index(1, "1", null, "64K");
        Index(2, "2", "Unified", "1024K");
        Assert.Equal(new CacheSizes(CacheSizes.FallbackL1Data, 1024 * 1024), CacheSizes.Read(root));
    }

    [Theory]
    [InlineData("32K", 32L * 1024)]
    [InlineData("1024K", 1024L * 1024)]
    [InlineData("2M", 2L * 1024 * 1024)]
    [InlineData(" 65536 ", 65536L)]
    [InlineData("48k", 48L * 1024)]
    public void Parses_kernel_size_strings(string text, long bytes) => Assert.Equal(bytes, CacheSizes.ParseSize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K")]
    [InlineData("-32K")]
    [InlineData("0K")]
    [InlineData("3.5M")]
    [InlineData("99999999999999999999K")]
    [InlineData("9999999999999999G")]
    public void Rejects_what_is_not_a_size(string? text) => Assert.Null(CacheSizes.ParseSize(text));

    [Fact]
    public void This_machine_reads_plausible_sizes()
    {
        var current = CacheSizes.Current;
        Assert.InRange(current.L1Data, 8 * 1024, 1024 * 1024);
        Assert.InRange(current.L2, 64 * 1024, 64L * 1024 * 1024);
    }
}
