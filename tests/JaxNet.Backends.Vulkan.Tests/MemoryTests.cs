using JaxNet.Abstractions;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

public sealed class MemoryTests
{
    private static IBackend Backend => VulkanAvailability.Backend;

    [VulkanFact]
    public void DevicesDescribeThemselves()
    {
        Assert.NotEmpty(Backend.Devices);
        var d = Backend.Devices[0];
        Assert.Equal(0, d.Id);
        Assert.True(d.MemoryBytes > 0);
        foreach (var key in new[] { "driver", "api_version", "subgroup_size", "float64", "int64", "float16", "int8" })
            Assert.True(d.Attributes.ContainsKey(key), key);
        Assert.Contains(DType.Float32, Backend.Capabilities.DTypes);
        Assert.Contains(DType.Int32, Backend.Capabilities.DTypes);
    }

    [VulkanFact]
    public void RoundTripsBytesAtOffsets()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var b = Backend.Allocate(0, 2000);
        Backend.CopyToDevice(data, b, 500).Wait();
        var back = new byte[1000];
        Backend.CopyToHost(b, 500, back).Wait();
        Assert.Equal(data, back);
        var part = new byte[10];
        Backend.CopyToHost(b, 510, part).Wait();
        Assert.Equal(data[10..20], part);
        Backend.Free(b);
    }

    [VulkanFact]
    public void ZeroByteBuffersAreValid()
    {
        var b = Backend.Allocate(0, 0);
        Assert.Equal(0, b.ByteSize);
        Backend.CopyToDevice(ReadOnlySpan<byte>.Empty, b, 0).Wait();
        Backend.CopyToHost(b, 0, Memory<byte>.Empty).Wait();
        Backend.Free(b);
    }

    [VulkanFact]
    public void CopiesBetweenBuffersInStreamOrder()
    {
        var src = Backend.Allocate(0, 4096);
        var dst = Backend.Allocate(0, 4096);
        var data = Bytes(Enumerable.Range(0, 1024).Select(i => i * 3).ToArray());
        Backend.CopyToDevice(data, src, 0);
        // Issued without waiting: the stream orders the copy after the upload and the read after the copy.
        Backend.CopyBuffer(src, 16, dst, 0, 4096 - 16);
        var back = new byte[4096 - 16];
        var e = Backend.CopyToHost(dst, 0, back);
        e.Wait();
        Assert.True(e.IsCompleted);
        Assert.Equal(data[16..], back);
        Backend.Free(src);
        Backend.Free(dst);
    }

    [VulkanFact]
    public void FreedMemoryIsReusedAndDoubleFreeIsRejected()
    {
        var a = Backend.Allocate(0, 1 << 20);
        Backend.Free(a);
        Assert.Throws<InvalidOperationException>(() => Backend.Free(a));
        // Many allocations come out of the pool's blocks, not one vkAllocateMemory each.
        var many = Enumerable.Range(0, 200).Select(_ => Backend.Allocate(0, 4096)).ToList();
        foreach (var b in many) Backend.Free(b);
    }

    [VulkanFact]
    public void RejectsOutOfRangeCopies()
    {
        var b = Backend.Allocate(0, 16);
        Assert.Throws<ArgumentOutOfRangeException>(() => Backend.CopyToDevice(new byte[17], b, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backend.CopyToHost(b, 8, new byte[9]));
        Backend.Free(b);
    }
}
