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
    public static NDArray[] Run(IExecutable executable, Device device, ReadOnlySpan<NDArray> parameters, ShapedArray[] outAvals) =>
        Run(executable, device, parameters, outAvals, default);

    /// <summary>
    /// <see cref="Run(IExecutable, Device, ReadOnlySpan{NDArray}, ShapedArray[])"/> where the caller gives up the
    /// parameters marked in <paramref name="donated"/>: a result aliased to one of them (<see cref="ResultAlias"/>) is
    /// written in its buffer, and the parameter's array is spent. Others are copied into the aliased result first.
    /// </summary>
    public static NDArray[] Run(IExecutable executable, Device device, ReadOnlySpan<NDArray> parameters, ShapedArray[] outAvals,
        ReadOnlySpan<bool> donated)
    {
        var resultStorage = new SmallBufferArray();
        var resultCount = executable.Module.Results.Count;
        Span<DeviceBuffer> results = resultCount <= SmallBufferArray.Capacity
            ? ((Span<DeviceBuffer>)resultStorage)[..resultCount]
            : new DeviceBuffer[resultCount];
        Span<bool> taken = resultCount <= 64 ? stackalloc bool[resultCount] : new bool[resultCount];
        var done = Launch(executable, device, parameters, results, donated, taken);
        var outputs = new NDArray[results.Length];
        for (var i = 0; i < results.Length; i++) outputs[i] = NDArray.FromDevice(new DeviceArray(device, results[i], done), outAvals[i]);
        return outputs;
    }

    /// <summary><see cref="Run"/> for a module with one result, without the results array (the eager path).</summary>
    public static NDArray RunSingle(IExecutable executable, Device device, ReadOnlySpan<NDArray> parameters, ShapedArray outAval)
    {
        var resultStorage = new SmallBufferArray();
        var results = ((Span<DeviceBuffer>)resultStorage)[..1];
        Span<bool> taken = stackalloc bool[1];
        var done = Launch(executable, device, parameters, results, default, taken);
        return NDArray.FromDevice(new DeviceArray(device, results[0], done), outAval);
    }

    /// <summary>
    /// Allocates <paramref name="results"/> and launches after the parameters' pending events; <paramref name="taken"/>
    /// marks the results written in a donated parameter's buffer.
    /// </summary>
    private static DeviceEvent Launch(IExecutable executable, Device device, ReadOnlySpan<NDArray> parameters, Span<DeviceBuffer> results,
        ReadOnlySpan<bool> donated, Span<bool> taken)
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
            if (data.Ready.MustAwait()) pending++;
        }
        // Most eager inputs are already computed: collect the events to wait on only when some are not.
        var waits = pending == 0 ? default : PendingEvents(parameters, device, pending);
        if (module.Aliases.Count > 0) return LaunchAliased(executable, device, parameters, inputs, results, waits, donated, taken);
        for (var i = 0; i < results.Length; i++) results[i] = UndisposedMemory.Allocate(device, module.Buffers[module.Results[i]].ByteSize);
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

    /// <summary>
    /// A launch whose module aliases results to parameters: a donated parameter's buffer becomes the result (its
    /// array is spent once the launch is issued); any other aliased result starts as a copy of its parameter.
    /// </summary>
    private static DeviceEvent LaunchAliased(IExecutable executable, Device device, ReadOnlySpan<NDArray> parameters,
        ReadOnlySpan<DeviceBuffer> inputs, Span<DeviceBuffer> results, ReadOnlySpan<DeviceEvent> waits, ReadOnlySpan<bool> donated,
        Span<bool> taken)
    {
        var module = executable.Module;
        var backend = device.Backend;
        var copies = 0;
        try
        {
            foreach (var alias in module.Aliases)
            {
                var p = alias.Parameter;
                if (p < donated.Length && donated[p] && parameters[p].Donatable(device) && !PassedTwice(inputs, p))
                {
                    results[alias.Result] = inputs[p];
                    taken[alias.Result] = true;
                }
                else copies++;
            }
            for (var i = 0; i < results.Length; i++)
                if (!taken[i]) results[i] = UndisposedMemory.Allocate(device, module.Buffers[module.Results[i]].ByteSize);
            // A loop step donates every aliased parameter: then the launch waits on the inputs alone, with no copy.
            var after = waits;
            if (copies > 0)
            {
                var events = new List<DeviceEvent>(waits.Length + copies);
                events.AddRange(waits);
                foreach (var alias in module.Aliases)
                    if (!taken[alias.Result])
                        events.Add(backend.CopyBuffer(inputs[alias.Parameter], 0, results[alias.Result], 0, results[alias.Result].ByteSize, waits));
                after = events.ToArray();
            }
            var done = backend.Launch(executable, device.Id, inputs, results, after);
            foreach (var alias in module.Aliases)
                if (taken[alias.Result]) parameters[alias.Parameter].Donate();
            return done;
        }
        catch
        {
            for (var i = 0; i < results.Length; i++)
                if (!taken[i] && results[i] is not null) backend.Free(results[i]);
            throw;
        }
    }

    /// <summary>True when parameter <paramref name="p"/>'s buffer is also passed as another parameter, which reads it.</summary>
    private static bool PassedTwice(ReadOnlySpan<DeviceBuffer> inputs, int p)
    {
        for (var i = 0; i < inputs.Length; i++)
            if (i != p && ReferenceEquals(inputs[i], inputs[p])) return true;
        return false;
    }

    private static DeviceEvent[] PendingEvents(ReadOnlySpan<NDArray> parameters, Device device, int count)
    {
        var waits = new DeviceEvent[count];
        var n = 0;
        foreach (var parameter in parameters)
        {
            var ready = parameter.DataOn(device).Ready;
            if (ready.MustAwait() && n < count) waits[n++] = ready;
        }
        return n == count ? waits : waits[..n];
    }

    /// <summary>Compiles a module after checking that the backend supports what it uses.</summary>
    public static IExecutable Compile(IBackend backend, KernelModule module)
    {
        foreach (var kernel in module.Kernels)
            if (backend.Capabilities.Unsupported(kernel) is { } missing)
                throw new NotSupportedException($"backend '{backend.Platform}' does not support {missing} (kernel {kernel.Name} of module {module.Name})");
        if (!backend.Capabilities.InPlaceScatter && module.Kernels.Any(k => k is ScatterKernel { InPlace: true }))
            module = Lowering.InPlaceUpdates.OutOfPlace(module);
        return backend.Compile(module, CompileOptions.Default);
    }
}
