using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>Stream order: work behind pending work is queued, runs in issue order, and frees wait for it.</summary>
public sealed class OrderingTests
{
    /// <summary>An event of "another backend" that completes when the test says so.</summary>
    private sealed class GateEvent : DeviceEvent
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => done.SetResult();

        public void Fail(Exception e) => done.SetException(e);

        public override bool IsCompleted => done.Task.IsCompleted;

        public override void Wait() => done.Task.GetAwaiter().GetResult();
    }

    [Fact]
    public void IdleDevicesRunInlineAndReturnCompleted()
    {
        using var backend = TestBackend.Create();
        var buffer = backend.Allocate(0, 4);
        Assert.Same(DeviceEvent.Completed, backend.CopyToDevice(new byte[4], buffer, 0));
    }

    [Fact]
    public void WorkBehindAPendingEventRunsInIssueOrder()
    {
        using var backend = TestBackend.Create();
        var buffer = backend.Allocate(0, 4);
        var gate = new GateEvent();
        var first = backend.CopyToDevice(new byte[] { 1, 1, 1, 1 }, buffer, 0, [gate]);
        // Issued later, without waitFor: it must still run after the first copy (same stream).
        var second = backend.CopyToDevice(new byte[] { 2, 2, 0, 0 }, buffer, 0);
        var result = new byte[4];
        var read = backend.CopyToHost(buffer, 0, result);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.False(read.IsCompleted);
        gate.Open();
        read.Wait();
        Assert.True(first.IsCompleted);
        Assert.Equal(new byte[] { 2, 2, 0, 0 }, result);
    }

    [Fact]
    public void FreeWaitsForPendingWork()
    {
        using var backend = TestBackend.Create();
        var source = backend.Upload(new int[] { 5, 6, 7 });
        var target = backend.Allocate(0, 12);
        var gate = new GateEvent();
        var copy = backend.CopyBuffer(source, 0, target, 0, 12, [gate]);
        backend.Free(source); // stream-ordered: must not release the memory under the queued copy
        var churn = Enumerable.Range(0, 64).Select(_ => backend.Allocate(0, 12)).ToList();
        gate.Open();
        copy.Wait();
        Assert.Equal(new int[] { 5, 6, 7 }, backend.Download<int>(target, 3));
        churn.ForEach(backend.Free);
    }

    [Fact]
    public void AFailedWaitForEventFailsTheWorkThatWaits()
    {
        using var backend = TestBackend.Create();
        var buffer = backend.Allocate(0, 4);
        var failedInline = backend.CopyToDevice(new byte[4], buffer, 0, [DeviceEvent.Failed(new InvalidOperationException("upstream"))]);
        Assert.Contains("upstream", Assert.Throws<DeviceOperationException>(failedInline.Wait).Message);
        var gate = new GateEvent();
        var queued = backend.CopyToHost(buffer, 0, new byte[4], [gate]);
        gate.Fail(new InvalidOperationException("late upstream"));
        Assert.Contains("late upstream", Assert.Throws<DeviceOperationException>(queued.Wait).Message);
        // The stream goes on: later work is not poisoned.
        backend.CopyToDevice(new byte[] { 3, 0, 0, 0 }, buffer, 0).Wait();
        Assert.Equal(3, backend.Download<byte>(buffer, 1)[0]);
    }

    [Fact]
    public void LargeLaunchesAreQueuedAndOrderedBeforeReads()
    {
        using var backend = TestBackend.Create();
        const int n = 256;
        var a = Enumerable.Range(0, n * n).Select(i => (float)(i % 7 - 3)).ToArray();
        var identity = new float[n * n];
        for (var i = 0; i < n; i++) identity[i * n + i] = 1;
        var module = new KernelModule("big",
            [new BufferDecl(0, BufferRole.Parameter, n * n * 4), new BufferDecl(1, BufferRole.Parameter, n * n * 4), new BufferDecl(2, BufferRole.Result, n * n * 4)],
            [new ContractionKernel("mm", new TensorRef(0, DType.Float32, [n, n]), new TensorRef(1, DType.Float32, [n, n]),
                DotDimensions.MatMul, Precision.Default, DType.Float32, null, 2)],
            [0, 1], [2]);
        var exe = backend.Compile(module, CompileOptions.Default);
        var lhs = backend.Upload(a);
        var rhs = backend.Upload(identity);
        var output = backend.Allocate(0, n * n * 4);
        var launch = backend.Launch(exe, 0, [lhs, rhs], [output]);
        Assert.NotSame(DeviceEvent.Completed, launch);
        backend.Free(lhs);
        backend.Free(rhs);
        var result = new byte[n * n * 4];
        backend.CopyToHost(output, 0, result).Wait();
        Assert.Equal(a, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(result).ToArray());
        Assert.True(launch.IsCompleted);
    }

    [Fact]
    public void ConcurrentIssuersKeepEachStreamConsistent()
    {
        using var backend = TestBackend.Create(2);
        var buffers = Enumerable.Range(0, 2).Select(d => backend.Allocate(d, 8)).ToArray();
        Parallel.For(0, 2000, i =>
        {
            var device = i % 2;
            backend.CopyToDevice(BitConverter.GetBytes((long)i), buffers[device], 0);
            backend.CopyBuffer(buffers[device], 0, buffers[1 - device], 0, 8);
        });
        var values = buffers.Select(b => BitConverter.ToInt64(backend.Download<byte>(b, 8))).ToArray();
        Assert.All(values, v => Assert.InRange(v, 0, 1999));
    }
}
