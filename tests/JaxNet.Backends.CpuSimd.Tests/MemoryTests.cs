using JaxNet.Abstractions;

namespace JaxNet.Backends.CpuSimd.Tests;

public sealed class MemoryTests
{
    [Fact]
    public void ZeroByteBuffersAreValid()
    {
        using var backend = TestBackend.Create();
        var buffer = backend.Allocate(0, 0);
        Assert.Equal(0, buffer.ByteSize);
        backend.CopyToDevice(ReadOnlySpan<byte>.Empty, buffer, 0).Wait();
        backend.CopyToHost(buffer, 0, Memory<byte>.Empty).Wait();
        backend.Free(buffer);
    }

    [Fact]
    public void CopiesRoundTripAtOffsets()
    {
        using var backend = TestBackend.Create();
        var buffer = backend.Allocate(0, 16);
        backend.CopyToDevice(new byte[] { 1, 2, 3, 4 }, buffer, 0).Wait();
        backend.CopyToDevice(new byte[] { 9, 8 }, buffer, 14).Wait();
        var back = new byte[6];
        backend.CopyToHost(buffer, 2, back.AsMemory(0, 2)).Wait();
        backend.CopyToHost(buffer, 14, back.AsMemory(2, 2)).Wait();
        Assert.Equal(new byte[] { 3, 4, 9, 8, 0, 0 }, back);
    }

    [Fact]
    public void DeviceToDeviceCopiesWorkWithinAndAcrossDevices()
    {
        using var backend = TestBackend.Create(2);
        var a = backend.Upload(new float[] { 1, 2, 3, 4 });
        var b = backend.Allocate(1, 16);
        var c = backend.Allocate(0, 16);
        backend.CopyBuffer(a, 4, b, 0, 12).Wait();
        backend.CopyBuffer(b, 0, c, 4, 12).Wait();
        backend.CopyBuffer(a, 0, c, 0, 4).Wait();
        Assert.Equal(new float[] { 1, 2, 3, 4 }, backend.Download<float>(c, 4));
        Assert.Equal(new float[] { 2, 3, 4 }, backend.Download<float>(b, 3));
    }

    [Fact]
    public void OutOfBoundsCopiesAreRejected()
    {
        using var backend = TestBackend.Create();
        var buffer = backend.Allocate(0, 8);
        var other = backend.Allocate(0, 8);
        Assert.Throws<ArgumentException>(() => backend.CopyToDevice(new byte[9], buffer, 0));
        Assert.Throws<ArgumentException>(() => backend.CopyToDevice(new byte[4], buffer, 5));
        Assert.Throws<ArgumentException>(() => backend.CopyToDevice(new byte[1], buffer, -1));
        Assert.Throws<ArgumentException>(() => backend.CopyToHost(buffer, 4, new byte[5]));
        Assert.Throws<ArgumentException>(() => backend.CopyBuffer(buffer, 0, other, 1, 8));
        Assert.Throws<ArgumentException>(() => backend.CopyBuffer(buffer, 7, other, 0, 2));
        var error = Assert.Throws<ArgumentException>(() => backend.CopyToDevice(new byte[9], buffer, 0));
        Assert.Contains("do not fit", error.Message);
    }

    [Fact]
    public void DoubleFreeIsAClearError()
    {
        using var backend = TestBackend.Create();
        var buffer = backend.Allocate(0, 64);
        backend.Free(buffer);
        var error = Assert.Throws<InvalidOperationException>(() => backend.Free(buffer));
        Assert.Contains("double free", error.Message);
        Assert.Throws<ArgumentException>(() => backend.CopyToDevice(new byte[1], buffer, 0));
    }

    [Fact]
    public void ForeignBuffersAreRejected()
    {
        using var backend = TestBackend.Create();
        using var other = TestBackend.Create();
        var foreign = other.Allocate(0, 8);
        var fake = new FakeBuffer();
        Assert.Contains("another backend", Assert.Throws<ArgumentException>(() => backend.Free(foreign)).Message);
        Assert.Throws<ArgumentException>(() => backend.CopyToDevice(new byte[1], fake, 0));
        Assert.Throws<ArgumentException>(() => backend.CopyBuffer(foreign, 0, backend.Allocate(0, 8), 0, 8));
    }

    [Fact]
    public void BadDevicesAndSizesAreRejected()
    {
        using var backend = TestBackend.Create(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => backend.Allocate(2, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => backend.Allocate(-1, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => backend.Allocate(0, -1));
    }

    [Fact]
    public void BuffersAre64ByteAligned()
    {
        using var backend = TestBackend.Create();
        for (var i = 0; i < 8; i++)
        {
            var buffer = (Memory.CpuBuffer)backend.Allocate(0, 1 + i * 13);
            Assert.Equal(0, buffer.Address % 64);
        }
    }

    private sealed class FakeBuffer() : DeviceBuffer(0, 8);
}
