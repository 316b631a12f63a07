using JaxNet.Backends.Vulkan.Memory;
using Xunit;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>The pool's first-fit sub-allocator (no device needed).</summary>
public sealed class RangeAllocatorTests
{
    [Fact]
    public void AlignsSplitsAndCoalesces()
    {
        var ranges = new RangeAllocator(1024);
        var a = ranges.TryAllocate(100, 256);
        var b = ranges.TryAllocate(100, 256);
        Assert.Equal(0, a);
        Assert.Equal(256, b);
        Assert.Equal(-1, ranges.TryAllocate(1024, 256));
        ranges.Release(a, 100);
        ranges.Release(b, 100);
        Assert.Equal(1024, ranges.FreeBytes);
        Assert.Equal(0, ranges.TryAllocate(1024, 256));
    }

    [Fact]
    public void RejectsDoubleRelease()
    {
        var ranges = new RangeAllocator(1024);
        var a = ranges.TryAllocate(256, 256);
        ranges.Release(a, 256);
        Assert.Throws<InvalidOperationException>(() => ranges.Release(a, 256));
    }
}
