using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;

namespace JaxNet.Runtime;

/// <summary>
/// Runs a compiled module: allocates the result buffers, launches after the inputs' events, and wraps the results
/// as arrays that hold the launch's event (asynchronous: nothing waits here).
/// </summary>
internal static class Executor
{
    public static NDArray[] Run(IExecutable executable, Device device, ReadOnlySpan<NDArray> parameters, ShapedArray[] outAvals)
    {
        var resultStorage = new SmallBufferArray();
        var resultCount = executable.Module.Results.Count;
        Span<DeviceBuffer> results = resultCount <= SmallBufferArray.Capacity
            ? ((Span<DeviceBuffer>)resultStorage)[..resultCount]
            : new DeviceBuffer[resultCount];
        var done = Launch(executable, device, parameters, results);
        var outputs = new NDArray[results.Length];
        for (var i = 0; i < results.Length; i++) outputs[i] = NDArray.FromDevice(new DeviceArray(device, results[i], done), outAvals[i]);
        return outputs;
    }

    /// <summary><see cref="Run"/> for a module with one result, without the results array (the eager path).</summary>
    public static NDArray RunSingle(IExecutable executable, Device device, ReadOnlySpan<NDArray> parameters, ShapedArray outAval)
    {
        var resultStorage = new SmallBufferArray();
        var results = ((Span<DeviceBuffer>)resultStorage)[..1];
        var done = Launch(executable, device, parameters, results);
        return NDArray.FromDevice(new DeviceArray(device, results[0], done), outAval);
    }

    /// <summary>Allocates <paramref name="results"/> and launches after the parameters' pending events.</summary>
    private static DeviceEvent Launch(IExecutable executable, Device device, ReadOnlySpan<NDArray> parameters, Span<DeviceBuffer> results)
    {
        var module = executable.Module;
        var backend = device.Backend;
        var inputStorage = new SmallBufferArray();
        Span<DeviceBuffer> inputs = parameters.Length <= SmallBufferArray.Capacity
            ? ((Span<DeviceBuffer>)inputStorage)[..parameters.Length]
            : new DeviceBuffer[parameters.Length];
        var pending = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            var data = parameters[i].DataOn(device);
            inputs[i] = data.Buffer;
            if (!data.Ready.IsCompleted) pending++;
        }
        // Most eager inputs are already computed: collect the events to wait on only when some are not.
        var waits = pending == 0 ? default : PendingEvents(parameters, device, pending);
        for (var i = 0; i < results.Length; i++) results[i] = backend.Allocate(device.Id, module.Buffers[module.Results[i]].ByteSize);
        try
        {
            return backend.Launch(executable, device.Id, inputs, results, waits);
        }
        catch
        {
            foreach (var r in results) backend.Free(r);
            throw;
        }
        finally
        {
            // Only the buffer handles are passed on: an argument nothing else references (a temporary) could be
            // finalized, and its buffer freed, while the launch is being issued.
            foreach (var parameter in parameters) GC.KeepAlive(parameter);
        }
    }

    private static DeviceEvent[] PendingEvents(ReadOnlySpan<NDArray> parameters, Device device, int count)
    {
        var waits = new DeviceEvent[count];
        var n = 0;
        foreach (var parameter in parameters)
        {
            var ready = parameter.DataOn(device).Ready;
            if (!ready.IsCompleted && n < count) waits[n++] = ready;
        }
        return n == count ? waits : waits[..n];
    }

    /// <summary>Compiles a module after checking that the backend supports what it uses.</summary>
    public static IExecutable Compile(IBackend backend, KernelModule module)
    {
        foreach (var kernel in module.Kernels)
            if (backend.Capabilities.Unsupported(kernel) is { } missing)
                throw new NotSupportedException($"backend '{backend.Platform}' does not support {missing} (kernel {kernel.Name} of module {module.Name})");
        return backend.Compile(module, CompileOptions.Default);
    }
}
