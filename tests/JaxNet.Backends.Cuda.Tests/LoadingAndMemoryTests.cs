using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Memory;

namespace JaxNet.Backends.Cuda.Tests;

public sealed class LoadingAndMemoryTests(Emulated emulated) : IClassFixture<Emulated>
{
    [Fact]
    public void WithoutTheDriverThePluginIsUnavailableWithTheReason()
    {
        var e = Assert.Throws<BackendUnavailableException>(() => CudaPlugin.Native(0.5, "libcuda-that-does-not-exist.so.1"));
        Assert.Contains("libcuda-that-does-not-exist.so.1 not found", e.Message);
    }

    [Fact]
    public void TheRealPluginEntryReportsUnavailableOrADeviceButNeverCrashes()
    {
        var context = new PluginContext("cuda", ".", new Dictionary<string, string?>(), _ => { });
        try
        {
            using var backend = new CudaPlugin().Create(context);
            Assert.NotEmpty(backend.Devices);
        }
        catch (BackendUnavailableException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    [Fact]
    public void EmulationSaysSoInDescriptionAndDeviceAttributes()
    {
        var context = new PluginContext("cuda", ".", new Dictionary<string, string?> { ["emulate"] = "1" }, _ => { });
        using var backend = new CudaPlugin().Create(context);
        Assert.Contains("EMULATED", backend.Description);
        Assert.Equal("true", backend.Devices[0].Attributes["emulated"]);
        Assert.True(backend.Devices[0].MemoryBytes > 0);
    }

    [Fact]
    public void The_emulated_device_is_one_multiprocessor_of_64_threads_in_warps_of_16()
    {
        // One simulated multiprocessor whatever the host: every started thread of every multiprocessor passes the
        // launch's barriers, and the GEMM's 8x8 tiles need groups of 64.
        var accelerator = emulated.Accelerator;
        Assert.Equal(1, accelerator.NumMultiprocessors);
        Assert.Equal(64, accelerator.MaxNumThreadsPerGroup);
        Assert.Equal(64, accelerator.MaxNumThreads);
        Assert.Equal(16, accelerator.WarpSize);
    }

    [Fact]
    public void BadMemoryFractionIsReported()
    {
        var context = new PluginContext("cuda", ".", new Dictionary<string, string?> { ["emulate"] = "1", ["memory_fraction"] = "3" }, _ => { });
        Assert.Throws<BackendUnavailableException>(() => new CudaPlugin().Create(context));
    }

    [Fact]
    public void FreedBlocksAreReusedWithoutANewDeviceAllocation()
    {
        var backend = emulated.Backend;
        var allocator = backend.Device(0).Allocator;
        var a = backend.Allocate(0, 1000);
        backend.Free(a);
        var before = allocator.DeviceAllocations;
        var b = backend.Allocate(0, 900);
        Assert.Equal(before, allocator.DeviceAllocations);
        Assert.Same(((CudaBuffer)a).Block, ((CudaBuffer)b).Block);
        backend.Free(b);
    }

    [Fact]
    public void TheAllocatorRespectsItsLimit()
    {
        var accelerator = emulated.Backend.Device(0).Accelerator;
        using var allocator = new CachingAllocator(accelerator, 4096);
        var block = allocator.Allocate(3000);
        Assert.Throws<OutOfMemoryException>(() => allocator.Allocate(3000));
        allocator.Free(block);
        // The cached block is released to make room for a different size class.
        var other = allocator.Allocate(2048);
        Assert.Equal(2048, other.Length);
        Assert.Equal(0, allocator.CachedBytes);
        allocator.Free(other);
    }

    [Fact]
    public void CopiesRoundTripAtOffsets()
    {
        var backend = emulated.Backend;
        var a = backend.Allocate(0, 16);
        var b = backend.Allocate(0, 16);
        backend.CopyToDevice(new byte[] { 1, 2, 3, 4 }, a, 4).Wait();
        backend.CopyBuffer(a, 4, b, 8, 4).Wait();
        var host = new byte[4];
        backend.CopyToHost(b, 8, host).Wait();
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, host);
        backend.Free(a);
        backend.Free(b);
    }

    [Fact]
    public void UploadsConsumeTheSourceBeforeReturning()
    {
        // Uploads are staged in pinned memory and run in stream order: reusing the source array at once is safe.
        var backend = emulated.Backend;
        var a = backend.Allocate(0, 8);
        var b = backend.Allocate(0, 8);
        var source = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var first = backend.CopyToDevice(source, a, 0);
        Array.Fill(source, (byte)9);
        var second = backend.CopyToDevice(source, b, 0);
        Assert.True(first.IsCompleted && second.IsCompleted);
        var host = new byte[8];
        backend.CopyToHost(a, 0, host).Wait();
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, host);
        backend.CopyToHost(b, 0, host).Wait();
        Assert.All(host, x => Assert.Equal(9, x));
        backend.Free(a);
        backend.Free(b);
    }

    [Fact]
    public unsafe void TheCuBlasBindingPassesTheViewsAddressIncludingItsOffset()
    {
        // Checked on the emulator's host memory: the pointer handed to cuBLAS is the view's first byte.
        var backend = emulated.Backend;
        var buffer = backend.Allocate(0, 16);
        backend.CopyToDevice(Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(), buffer, 0).Wait();
        var pointer = JaxNet.Backends.Cuda.Driver.CuBlas.Pointer(((CudaBuffer)buffer).View.SubView(5, 4));
        Assert.Equal(5, *(byte*)pointer);
        backend.Free(buffer);
    }

    [Fact]
    public void TwoEmulatedDevicesCopyBetweenEachOther()
    {
        using var backend = CudaPlugin.Emulated(0.1, 2);
        Assert.Equal(2, backend.Devices.Count);
        var a = backend.Allocate(0, 4);
        var b = backend.Allocate(1, 4);
        backend.CopyToDevice(new byte[] { 4, 3, 2, 1 }, a, 0).Wait();
        backend.CopyBuffer(a, 0, b, 0, 4).Wait();
        var host = new byte[4];
        backend.CopyToHost(b, 0, host).Wait();
        Assert.Equal(new byte[] { 4, 3, 2, 1 }, host);

        // A module compiled once runs on the second device (its kernels are compiled there on first launch).
        var negate = new ScalarProgram([new LoadNode(0, DType.Int32), new UnaryNode(UnaryOp.Neg, 0, DType.Int32)], [1]);
        var module = new KernelModule("neg", [new BufferDecl(0, BufferRole.Parameter, 4), new BufferDecl(1, BufferRole.Result, 4)],
            [new ElementwiseKernel("k", [1], [new MappedInput(0, DType.Int32, IndexMap.Identity([1]))], negate, [1])], [0], [1]);
        using var exe = backend.Compile(module, CompileOptions.Default);
        var output = backend.Allocate(1, 4);
        backend.Launch(exe, 1, [b], [output]).Wait();
        backend.CopyToHost(output, 0, host).Wait();
        Assert.Equal(-0x01020304, BitConverter.ToInt32(host));
    }

    [Fact]
    public void UploadsOfGrowingAndShrinkingSizesReuseTheStagingBuffer()
    {
        var backend = emulated.Backend;
        foreach (var n in new[] { 4, 1000, 4, 3000, 8, 0, 5000 })
        {
            var buffer = backend.Allocate(0, n);
            var bytes = Enumerable.Range(0, n).Select(i => (byte)(i * 7)).ToArray();
            backend.CopyToDevice(bytes, buffer, 0);
            var host = new byte[n];
            backend.CopyToHost(buffer, 0, host).Wait();
            Assert.Equal(bytes, host);
            backend.Free(buffer);
        }
    }

    [Fact]
    public void ABufferFreedFromAFinalizerIsStillUsableWhenReused()
    {
        // The host frees arrays in finalizers; the block must not be finalized (disposed) alongside its array.
        using var backend = CudaPlugin.Emulated(0.1, 1);
        for (var i = 0; i < 8; i++) AbandonWithFinalizer(backend);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        for (var i = 0; i < 8; i++)
        {
            var buffer = backend.Allocate(0, 200);
            backend.CopyToDevice(new byte[] { 1, 2, 3 }, buffer, 0).Wait();
            var host = new byte[3];
            backend.CopyToHost(buffer, 0, host).Wait();
            Assert.Equal(new byte[] { 1, 2, 3 }, host);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AbandonWithFinalizer(IBackend backend) => _ = new FreesOnFinalize(backend, backend.Allocate(0, 200));

    private sealed class FreesOnFinalize(IBackend backend, DeviceBuffer buffer)
    {
        ~FreesOnFinalize() => backend.Free(buffer);
    }
}
