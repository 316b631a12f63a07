using JaxNet.Abstractions;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Tests;

public sealed class BlockCacheTests
{
    private static CpuBackend Backend(long cacheBytes = 1 << 30) => new(1, _ => { }, cacheBytes);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(4096)]
    [InlineData(40_000_000)]
    public void SizeClassesCoverTheRequestWithAtMostAQuarterSpare(long bytes)
    {
        var size = BlockCache.ClassSize(bytes);
        Assert.True(size >= bytes);
        Assert.True(size <= Math.Max(64, bytes + bytes / 4 + 64), $"{bytes} -> {size}");
        Assert.Equal(0, size % 64);
        Assert.Equal(size, BlockCache.ClassSize(size));
    }

    [Fact]
    public void FreedBuffersAreReusedForTheSameSizeClass()
    {
        using var backend = Backend();
        var first = (CpuBuffer)backend.Allocate(0, 40_000_000);
        var address = first.Address;
        backend.Free(first);
        var second = (CpuBuffer)backend.Allocate(0, 39_999_000);
        Assert.Equal(address, second.Address);
        Assert.Equal(39_999_000, second.ByteSize);
        Assert.Equal(1, backend.Cache.Hits);
        Assert.Equal(0, backend.Cache.CachedBytes);
        backend.Free(second);
    }

    [Fact]
    public void EveryBlockIs64ByteAligned()
    {
        using var backend = Backend();
        var buffers = new List<DeviceBuffer>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var size in new long[] { 0, 1, 3, 63, 65, 100, 777, 4097, 1 << 20 })
            {
                var buffer = (CpuBuffer)backend.Allocate(0, size);
                Assert.Equal(0, buffer.Address % 64);
                buffers.Add(buffer);
            }
            foreach (var buffer in buffers) backend.Free(buffer);
            buffers.Clear();
        }
        Assert.True(backend.Cache.Hits >= 9);
    }

    [Fact]
    public void TheCapBoundsTheCachedBytes()
    {
        using var backend = Backend(cacheBytes: 3 << 20);
        var buffers = Enumerable.Range(0, 5).Select(_ => backend.Allocate(0, 1 << 20)).ToArray();
        foreach (var b in buffers) backend.Free(b);
        Assert.Equal(3 << 20, backend.Cache.CachedBytes);
        Assert.True(backend.Cache.CachedBytes <= backend.Cache.CapBytes);
    }

    [Fact]
    public void AZeroCapCachesNothing()
    {
        using var backend = Backend(cacheBytes: 0);
        backend.Free(backend.Allocate(0, 1024));
        backend.Free(backend.Allocate(0, 0));
        backend.Allocate(0, 1024);
        Assert.Equal(0, backend.Cache.CachedBytes);
        Assert.Equal(0, backend.Cache.Hits);
    }

    [Fact]
    public void BlocksLargerThanTheCapAreExactAndNeverCached()
    {
        using var backend = Backend(cacheBytes: 1 << 20);
        var big = (CpuBuffer)backend.Allocate(0, (1 << 20) + 1);
        Assert.Equal((1 << 20) + 1, big.Capacity);
        Assert.Equal(0, big.Address % 64);
        backend.Free(big);
        Assert.Equal(0, backend.Cache.CachedBytes);
    }

    [Fact]
    public void RepeatedAllocateFreeDoesNotGrowTheCache()
    {
        using var backend = Backend();
        for (var i = 0; i < 1000; i++)
        {
            var a = backend.Allocate(0, 1 << 16);
            var b = backend.Allocate(0, 100);
            backend.Free(b);
            backend.Free(a);
        }
        Assert.Equal(BlockCache.ClassSize(1 << 16) + BlockCache.ClassSize(100), backend.Cache.CachedBytes);
        Assert.True(backend.Cache.Hits >= 1998);
        backend.Dispose();
        Assert.Equal(0, backend.Cache.CachedBytes);
    }

    [Fact]
    public void ABlockIsNotReusedBeforeTheWorkIssuedBeforeItsFreeIsDone()
    {
        using var backend = Backend();
        var source = backend.Upload(new float[] { 1, 2, 3, 4 });
        var target = backend.Allocate(0, 16);
        var gate = new TaskCompletionSource();
        var copy = backend.CopyBuffer(source, 0, target, 0, 16, [new CpuEvent(gate.Task)]);
        var sourceAddress = ((CpuBuffer)source).Address;
        backend.Free(source);
        var meanwhile = (CpuBuffer)backend.Allocate(0, 16);
        Assert.NotEqual(sourceAddress, meanwhile.Address);
        gate.SetResult();
        copy.Wait();
        backend.Streams.Drain();
        Assert.Equal(new float[] { 1, 2, 3, 4 }, backend.Download<float>(target, 4));
        var after = (CpuBuffer)backend.Allocate(0, 16);
        Assert.Equal(sourceAddress, after.Address);
    }

    [Fact]
    public void TheSettingIsReadAndChecked()
    {
        static IBackend Create(string value) => new CpuPlugin().Create(new PluginContext("cpu", AppContext.BaseDirectory,
            new Dictionary<string, string?> { ["cache_bytes"] = value }, _ => { }));
        using (var backend = (CpuBackend)Create("12345")) Assert.Equal(12345, backend.Cache.CapBytes);
        Assert.Throws<BackendUnavailableException>(() => Create("-1"));
        Assert.Throws<BackendUnavailableException>(() => Create("lots"));
    }
}
