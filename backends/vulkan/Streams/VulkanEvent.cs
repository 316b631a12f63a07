using JaxNet.Abstractions;

namespace JaxNet.Backends.Vulkan.Streams;

/// <summary>
/// Completion of the stream operation that signals <see cref="Value"/> on its device's timeline semaphore.
/// <see cref="Wait"/> blocks in vkWaitSemaphores and then rethrows the error the operation recorded, if any.
/// </summary>
internal sealed class VulkanEvent(DeviceStream stream, ulong value) : DeviceEvent
{
    private volatile Exception? error;

    public DeviceStream Stream { get; } = stream;

    public ulong Value { get; } = value;

    public override bool IsCompleted => Stream.CompletedValue >= Value;

    public override void Wait()
    {
        Stream.WaitFor(Value);
        if (error is { } e) throw e as DeviceOperationException ?? new DeviceOperationException(e.Message, e);
    }

    /// <summary>Records why the operation failed; called before its value is signalled.</summary>
    public void Fail(Exception e) => error ??= e;
}
