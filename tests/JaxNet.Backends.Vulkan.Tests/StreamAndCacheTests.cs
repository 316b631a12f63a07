using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Vulkan.Compiler;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

public sealed class StreamAndCacheTests
{
    private static IBackend Backend => VulkanAvailability.Backend;

    private static KernelModule AddOne(int n)
    {
        var p = new ScalarProgramBuilder();
        var r = p.Binary(BinaryOp.Add, p.Load(0, DType.Int32), p.Const(DType.Int32, 1));
        int[] shape = [n];
        var k = new ElementwiseKernel("inc", shape, [Contiguous(0, DType.Int32, shape)], p.Build(r), [1]);
        return new KernelModule("inc", [new BufferDecl(0, BufferRole.Parameter, n * 4), new BufferDecl(1, BufferRole.Result, n * 4)], [k], [0], [1]);
    }

    [VulkanFact]
    public void LaunchesChainInStreamOrderWithoutWaiting()
    {
        const int n = 10000;
        using var exe = Backend.Compile(AddOne(n), CompileOptions.Default);
        var a = Backend.Allocate(0, n * 4);
        var b = Backend.Allocate(0, n * 4);
        Backend.CopyToDevice(Bytes(new int[n]), a, 0);
        // a -> b -> a -> ... 20 launches, none waited for: the stream orders them.
        for (var i = 0; i < 20; i++) Backend.Launch(exe, 0, [i % 2 == 0 ? a : b], [i % 2 == 0 ? b : a]);
        var result = new byte[n * 4];
        var done = Backend.CopyToHost(a, 0, result);
        Backend.Free(b);
        done.Wait();
        Assert.All(Values<int>(result), v => Assert.Equal(20, v));
        Backend.Free(a);
    }

    [VulkanFact]
    public void WaitsForEventsOfOtherStreams()
    {
        var slow = DeviceEvent.FromTask(Task.Delay(200));
        var b = Backend.Allocate(0, 4);
        var e = Backend.CopyToDevice(Bytes(7), b, 0, [slow]);
        var back = new byte[4];
        Backend.CopyToHost(b, 0, back, [e]).Wait();
        Assert.True(slow.IsCompleted);
        Assert.Equal(7, Values<int>(back)[0]);
        Backend.Free(b);
    }

    [VulkanFact]
    public void ShadersAreCachedOnDisk()
    {
        var folder = Path.Combine(Path.GetTempPath(), "jaxnet-vulkan-cache-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var glslc = GlslCompiler.FindOnPath("glslc")!;
            const string shader = "#version 450\nlayout(local_size_x = 1) in;\nvoid main() {}\n";
            var key = GlslCompiler.KeyOf(shader);
            var first = new GlslCompiler(glslc, folder);
            var spirv = first.Compile(shader, key);
            Assert.Equal(1, first.GlslcRuns);
            Assert.True(File.Exists(Path.Combine(folder, key + ".spv")));
            var second = new GlslCompiler(glslc, folder);
            Assert.Equal(spirv, second.Compile(shader, key));
            Assert.Equal(0, second.GlslcRuns);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [VulkanFact]
    public void ReportsWhatItCannotCompileWithTheKernelName()
    {
        int[] shape = [4];
        var p = new ScalarProgramBuilder();
        var bad = p.Binary(BinaryOp.Add, p.Load(0, DType.Int32), p.Load(0, DType.Int32));
        var k = new ElementwiseKernel("k_bad", shape, [Contiguous(0, DType.Float32, shape)], p.Build(bad), [1]);
        var module = new KernelModule("bad", [new BufferDecl(0, BufferRole.Parameter, 16), new BufferDecl(1, BufferRole.Result, 16)], [k], [0], [1]);
        var e = Assert.Throws<KernelCompilationException>(() => Backend.Compile(module, CompileOptions.Default));
        Assert.Contains("k_bad", e.Message);
    }

    [VulkanFact]
    public void CollectivesAcrossReplicatedDevices()
    {
        var context = new PluginContext("vulkan", AppContext.BaseDirectory, new Dictionary<string, string?> { ["replicas"] = "3" }, _ => { });
        using var backend = new VulkanPlugin().Create(context);
        Assert.Equal(3, backend.Devices.Count);
        var inputs = Enumerable.Range(0, 3).Select(g =>
        {
            var b = backend.Allocate(g, 16);
            backend.CopyToDevice(Bytes(1f * g, 2f, 3f, float.NaN), b, 0).Wait();
            return b;
        }).ToArray();
        var outputs = Enumerable.Range(0, 3).Select(g => backend.Allocate(g, 16)).ToArray();
        backend.Collectives!.AllReduce(ReduceOp.Sum, DType.Float32, inputs, outputs, 4).Wait();
        foreach (var o in outputs)
        {
            var back = new byte[16];
            backend.CopyToHost(o, 0, back).Wait();
            var v = Values<float>(back);
            Assert.Equal([3f, 6f, 9f], v[..3]);
            Assert.True(float.IsNaN(v[3]));
        }
        // A copy between two devices goes through the host.
        backend.CopyBuffer(inputs[1], 0, outputs[2], 0, 16).Wait();
        var copied = new byte[16];
        backend.CopyToHost(outputs[2], 0, copied).Wait();
        Assert.Equal(1f, Values<float>(copied)[0]);
    }
}
