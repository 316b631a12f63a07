using JaxNet.Abstractions;

namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>
/// Completion of work queued on a device stream. The backend recognises its own events and chains on their task
/// instead of blocking a thread; <see cref="Wait"/> rethrows a failure as <see cref="DeviceOperationException"/>.
/// </summary>
internal sealed class CpuEvent(Task task) : DeviceEvent
{
    public Task Task { get; } = task;

    public override bool IsCompleted => Task.IsCompleted;

    public override bool HasFailed
    {
        get
        {
            Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            return Task.IsFaulted || Task.IsCanceled;
        }
    }

    public override void Wait()
    {
        try
        {
            Task.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not DeviceOperationException)
        {
            throw new DeviceOperationException(e.Message, e);
        }
    }
}
