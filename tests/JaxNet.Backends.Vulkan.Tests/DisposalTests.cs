using JaxNet.Abstractions;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>
/// A backend of its own, disposed while buffers and events of it are still referenced: the frontend's finalizers
/// free such buffers later, on the finalizer thread, so calls after (or during) Dispose must not reach the
/// destroyed VkDevice (the loader aborts the whole process when they do).
/// </summary>
public sealed class DisposalTests
{
    private static IBackend CreateBackend()
    {
        var cache = Path.Combine(Path.GetTempPath(), "jaxnet-vulkan-tests-cache");
        var context = new PluginContext("vulkan", AppContext.BaseDirectory,
            new Dictionary<string, string?> { ["cache"] = cache }, _ => { });
        return new VulkanPlugin().Create(context);
    }

    [VulkanFact]
    public void BuffersAndEventsOutliveTheirBackend()
    {
        var backend = CreateBackend();
        var buffer = backend.Allocate(0, 4096);
        var written = backend.CopyToDevice(Bytes(new int[1024]), buffer, 0);
        backend.Dispose();

        Assert.True(written.IsCompleted);
        written.Wait();
        backend.Free(buffer);
        Assert.Throws<ObjectDisposedException>(() => backend.Allocate(0, 16));
        Assert.Throws<ObjectDisposedException>(() => backend.CopyToHost(buffer, 0, new byte[4]));
        backend.Dispose();
    }

    [VulkanFact]
    public void FreeingOnAnotherThreadWhileTheBackendIsDisposedIsSafe()
    {
        for (var round = 0; round < 5; round++)
        {
            var backend = CreateBackend();
            var buffers = Enumerable.Range(0, 200).Select(_ => backend.Allocate(0, 256)).ToArray();
            foreach (var b in buffers) backend.CopyToDevice(new byte[256], b, 0);
            using var started = new ManualResetEventSlim();
            var freeing = Task.Run(() =>
            {
                started.Set();
                foreach (var b in buffers) backend.Free(b);
            });
            started.Wait();
            backend.Dispose();
            freeing.Wait();
        }
    }
}
