using JaxNet.Abstractions;
using Silk.NET.Vulkan;

namespace JaxNet.Backends.Vulkan.Streams;

/// <summary>
/// One entry of a device's in-order stream. A GPU operation records commands into a command buffer (and may
/// register cleanups that run once the GPU has finished it); a host operation runs on the stream's worker thread
/// after everything issued before it has completed (copies into or out of mapped memory).
/// </summary>
internal abstract class StreamOperation(VulkanEvent completion, DeviceEvent[] waitFor)
{
    public VulkanEvent Completion { get; } = completion;

    public DeviceEvent[] WaitFor { get; } = waitFor;
}

/// <summary>Commands recorded on the worker thread; <c>cleanups</c> run after the GPU completes them.</summary>
internal sealed class GpuOperation(VulkanEvent completion, DeviceEvent[] waitFor, Action<CommandBuffer, List<Action>> record)
    : StreamOperation(completion, waitFor)
{
    public Action<CommandBuffer, List<Action>> Record { get; } = record;
}

/// <summary>Host work that needs everything issued before it to be complete, and completes before what follows.</summary>
internal sealed class HostOperation(VulkanEvent completion, DeviceEvent[] waitFor, Action action)
    : StreamOperation(completion, waitFor)
{
    public Action Action { get; } = action;
}
