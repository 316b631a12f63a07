using JaxNet.Backends.CpuSimd.Kernels.Gemm;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>The packed GEMM's KC / MC / NC for the caches of real parts and of odd or missing ones.</summary>
public sealed class GemmBlockingTests
{
    private const long KiB = 1024;

    [Fact]
    public void Zen4_f32_keeps_the_blocks_that_were_measured_there()
    {
        // 32 KiB L1d, 1 MiB L2, the 6 x 64 AVX-512 kernel: a 32 KiB B micro-panel, 255 KiB of A, 512 KiB of B.
        Assert.Equal(new GemmBlocking(128, 510, 1024), GemmBlocking.For(new CacheSizes(32 * KiB, 1024 * KiB), sizeof(float), 6, 64));
    }

    [Fact]
    public void A_larger_L1_deepens_the_blocks()
    {
        var zen4 = GemmBlocking.For(new CacheSizes(32 * KiB, 1024 * KiB), sizeof(float), 6, 64);
        var zen5 = GemmBlocking.For(new CacheSizes(48 * KiB, 1024 * KiB), sizeof(float), 6, 64);
        Assert.Equal(192, zen5.KC);
        Assert.True(zen5.KC > zen4.KC);
    }

    [Fact]
    public void Doubles_halve_the_elements_per_block()
    {
        // The f64 wide kernel is 6 x 32: the same 256 bytes per k as f32's 6 x 64.
        var f64 = GemmBlocking.For(new CacheSizes(32 * KiB, 1024 * KiB), sizeof(double), 6, 32);
        Assert.Equal(new GemmBlocking(128, 252, 512), f64);
    }

    [Theory]
    [InlineData(8 * 1024, 64 * 1024, 4, 6, 64)]              // tiny caches: KC at its floor
    [InlineData(1024 * 1024, 64L * 1024 * 1024, 4, 6, 2)]    // huge caches, scalar kernel: everything at its cap
    [InlineData(32 * 1024, 512 * 1024, 8, 6, 8)]             // the fallbacks, AVX2 f64
    [InlineData(48 * 1024, 2 * 1024 * 1024, 4, 6, 16)]       // Intel: 48 KiB L1d, 2 MiB L2, AVX2 f32
    [InlineData(32 * 1024, 1024 * 1024, 8, 6, 7)]            // an odd panel width
    public void Blocks_are_whole_panels_within_bounds(long l1, long l2, int elementSize, int mr, int nr)
    {
        var blocks = GemmBlocking.For(new CacheSizes(l1, l2), elementSize, mr, nr);
        Assert.InRange(blocks.KC, GemmBlocking.MinKC, GemmBlocking.MaxKC);
        Assert.Equal(0, blocks.KC % 8);
        Assert.Equal(0, blocks.MC % mr);
        Assert.Equal(0, blocks.NC % nr);
        Assert.InRange(blocks.MC, mr, GemmBlocking.MaxPanels * mr);
        Assert.InRange(blocks.NC, nr, GemmBlocking.MaxPanels * nr);
        // The packing buffers are KC x MC and KC x NC elements: bounded whatever a cache claims.
        Assert.True((long)blocks.KC * blocks.NC * elementSize <= Math.Max(l2 / 2, (long)blocks.KC * nr * elementSize));
    }

    [Theory]
    [InlineData(0, 6, 64)]
    [InlineData(4, 0, 64)]
    [InlineData(4, 6, 0)]
    [InlineData(-4, 6, 64)]
    public void Rejects_nonpositive_shapes(int elementSize, int mr, int nr) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmBlocking.For(CacheSizes.Fallback, elementSize, mr, nr));

    [Fact]
    public void Rejects_empty_caches() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmBlocking.For(new CacheSizes(0, 1024 * KiB), 4, 6, 64));
}
