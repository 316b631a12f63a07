using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

public sealed class CollectivesTests
{
    private static (IBackend Backend, DeviceBuffer[] Inputs, DeviceBuffer[] Outputs) Setup(int devices, Func<int, float[]> input, long outputFloats)
    {
        var backend = TestBackend.Create(devices);
        var inputs = Enumerable.Range(0, devices).Select(g => backend.Upload(input(g), g)).ToArray();
        var outputs = Enumerable.Range(0, devices).Select(g => backend.Allocate(g, outputFloats * 4)).ToArray();
        return (backend, inputs, outputs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void AllReduceSumProdMaxMin(int devices)
    {
        float[] Member(int g) => [g + 1, -g, g == 1 ? float.NaN : g, 2];
        var (backend, inputs, outputs) = Setup(devices, Member, 4);
        using var _ = backend;
        var all = Enumerable.Range(0, devices).Select(Member).ToArray();
        foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Prod, ReduceOp.Max, ReduceOp.Min })
        {
            backend.Collectives!.AllReduce(op, DType.Float32, inputs, outputs, 4).Wait();
            var expected = Enumerable.Range(0, 4).Select(i => all.Select(m => m[i]).Aggregate((a, b) => op switch
            {
                ReduceOp.Sum => a + b,
                ReduceOp.Prod => a * b,
                ReduceOp.Max => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Max(a, b),
                _ => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Min(a, b),
            })).ToArray();
            for (var g = 0; g < devices; g++) Assert.Equal(expected, backend.Download<float>(outputs[g], 4));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void AllGatherReduceScatterAllToAll(int devices)
    {
        float[] Member(int g) => Enumerable.Range(0, 2 * devices).Select(i => (float)(g * 100 + i)).ToArray();
        var (backend, inputs, outputs) = Setup(devices, Member, 2L * devices * devices);
        using var _ = backend;
        backend.Collectives!.AllGather(DType.Float32, inputs, outputs, 2).Wait();
        var gathered = Enumerable.Range(0, devices).SelectMany(g => Member(g).Take(2)).ToArray();
        for (var g = 0; g < devices; g++) Assert.Equal(gathered, backend.Download<float>(outputs[g], 2 * devices));

        backend.Collectives.ReduceScatter(ReduceOp.Sum, DType.Float32, inputs, outputs, 2).Wait();
        for (var g = 0; g < devices; g++)
        {
            var expected = Enumerable.Range(2 * g, 2).Select(i => (float)Enumerable.Range(0, devices).Sum(m => Member(m)[i])).ToArray();
            Assert.Equal(expected, backend.Download<float>(outputs[g], 2));
        }

        backend.Collectives.AllToAll(DType.Float32, inputs, outputs, 2).Wait();
        for (var g = 0; g < devices; g++)
        {
            var expected = Enumerable.Range(0, devices).SelectMany(j => Member(j).Skip(2 * g).Take(2)).ToArray();
            Assert.Equal(expected, backend.Download<float>(outputs[g], 2 * devices));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void PermuteZeroFillsUntargetedAndBroadcastCopiesTheRoot(int devices)
    {
        float[] Member(int g) => [g + 1, g + 0.5f];
        var (backend, inputs, outputs) = Setup(devices, Member, 2);
        using var _ = backend;
        // A shift that leaves member 0 untargeted.
        var pairs = Enumerable.Range(0, devices - 1).Select(g => new SourceTargetPair(g, g + 1)).ToArray();
        backend.Collectives!.Permute(DType.Float32, inputs, outputs, pairs, 2).Wait();
        Assert.Equal(new float[] { 0, 0 }, backend.Download<float>(outputs[0], 2));
        for (var g = 1; g < devices; g++) Assert.Equal(Member(g - 1), backend.Download<float>(outputs[g], 2));

        var root = devices - 1;
        backend.Collectives.Broadcast(DType.Float32, root, inputs, outputs, 2).Wait();
        for (var g = 0; g < devices; g++) Assert.Equal(Member(root), backend.Download<float>(outputs[g], 2));
    }

    [Fact]
    public void InPlaceAllReduceOnIntegersAndBool()
    {
        using var backend = TestBackend.Create(3);
        var buffers = Enumerable.Range(0, 3).Select(g => backend.Upload(new[] { g + 1, int.MaxValue }, g)).ToArray();
        backend.Collectives!.AllReduce(ReduceOp.Sum, DType.Int32, buffers, buffers, 2).Wait();
        Assert.All(buffers, b => Assert.Equal(new[] { 6, unchecked(int.MaxValue * 3) }, backend.Download<int>(b, 2)));
        var bools = Enumerable.Range(0, 3).Select(g => backend.Upload(new byte[] { (byte)(g == 1 ? 1 : 0), 0 }, g)).ToArray();
        backend.Collectives.AllReduce(ReduceOp.Sum, DType.Bool, bools, bools, 2).Wait();
        Assert.All(bools, b => Assert.Equal(new byte[] { 1, 0 }, backend.Download<byte>(b, 2)));
    }

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        using var backend = TestBackend.Create(2);
        var c = backend.Collectives!;
        var a0 = backend.Allocate(0, 16);
        var a1 = backend.Allocate(1, 16);
        var b0 = backend.Allocate(0, 16);
        var small = backend.Allocate(1, 4);
        Assert.Contains("outputs", Assert.Throws<ArgumentException>(() => c.AllReduce(ReduceOp.Sum, DType.Float32, [a0, a1], [b0], 4)).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => c.AllReduce(ReduceOp.Sum, DType.Float32, [a0, b0], [b0, a0], 4)).Message);
        Assert.Contains("bytes", Assert.Throws<ArgumentException>(() => c.AllReduce(ReduceOp.Sum, DType.Float32, [a0, small], [b0, small], 4)).Message);
        Assert.Contains("device", Assert.Throws<ArgumentException>(() => c.Broadcast(DType.Float32, 0, [a0, a1], [a1, b0], 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Broadcast(DType.Float32, 2, [a0, a1], [b0, small], 1));
        Assert.Throws<ArgumentException>(() => c.Permute(DType.Float32, [a0, a1], [b0, small], [new(0, 1), new(1, 1)], 1));
        Assert.Throws<ArgumentException>(() => c.AllReduce(ReduceOp.ArgMax, DType.Float32, [a0], [b0], 1));
        Assert.Throws<ArgumentException>(() => c.AllGather(DType.Float32, [], [], 1));
        using var other = TestBackend.Create(2);
        Assert.Contains("another backend", Assert.Throws<ArgumentException>(() => c.AllReduce(ReduceOp.Sum, DType.Float32, [other.Allocate(0, 16)], [b0], 1)).Message);
    }

    [Fact]
    public void CollectivesWaitForQueuedWorkOnEveryMember()
    {
        using var backend = TestBackend.Create(2);
        var inputs = new[] { backend.Allocate(0, 4), backend.Allocate(1, 4) };
        var outputs = new[] { backend.Allocate(0, 4), backend.Allocate(1, 4) };
        var gate = new TaskCompletionSource();
        var blocked = DeviceEvent.FromTask(gate.Task);
        backend.CopyToDevice(BitConverter.GetBytes(5f), inputs[1], 0, [blocked]);
        backend.CopyToDevice(BitConverter.GetBytes(2f), inputs[0], 0);
        var reduce = backend.Collectives!.AllReduce(ReduceOp.Sum, DType.Float32, inputs, outputs, 1);
        Assert.False(reduce.IsCompleted);
        gate.SetResult();
        reduce.Wait();
        Assert.Equal(7f, backend.Download<float>(outputs[0], 1)[0]);
    }
}
