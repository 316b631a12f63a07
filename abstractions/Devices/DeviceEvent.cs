namespace JaxNet.Abstractions;

/// <summary>
/// Completion of an asynchronous operation (a copy, a launch, a collective). A backend that finishes work at
/// once returns <see cref="Completed"/>; one with queues returns an event tied to a fence or semaphore.
/// <see cref="Wait"/> rethrows an error the operation raised on the device side.
/// </summary>
public abstract class DeviceEvent
{
    public abstract bool IsCompleted { get; }

    /// <summary>Blocks until the operation has finished; throws if it failed.</summary>
    public abstract void Wait();

    /// <summary>
    /// Whether the operation failed (waits if it is pending). The host asks this of every completed event an array
    /// carries before it issues work reading the array, so events that know their state answer without
    /// <see cref="Wait"/>'s exception; the default catches what <see cref="Wait"/> throws.
    /// </summary>
    public virtual bool HasFailed
    {
        get
        {
            try
            {
                Wait();
                return false;
            }
            catch (Exception)
            {
                // A plugin's event may throw its own exception type; any exception means the operation failed.
                return true;
            }
        }
    }

    /// <summary>An event that has already completed successfully.</summary>
    public static DeviceEvent Completed { get; } = new CompletedEvent(null);

    /// <summary>An event that has completed with an error, rethrown by <see cref="Wait"/>.</summary>
    public static DeviceEvent Failed(Exception error) => new CompletedEvent(error);

    /// <summary>An event backed by a task, for backends that run work on the thread pool.</summary>
    public static DeviceEvent FromTask(Task task) => new TaskEvent(task);

    private sealed class CompletedEvent(Exception? error) : DeviceEvent
    {
        public override bool IsCompleted => true;

        public override bool HasFailed => error is not null;

        public override void Wait()
        {
            if (error is not null) throw new DeviceOperationException(error.Message, error);
        }
    }

    private sealed class TaskEvent(Task task) : DeviceEvent
    {
        public override bool IsCompleted => task.IsCompleted;

        public override bool HasFailed
        {
            get
            {
                task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
                return task.IsFaulted || task.IsCanceled;
            }
        }

        public override void Wait()
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not DeviceOperationException)
            {
                throw new DeviceOperationException(e.Message, e);
            }
        }
    }
}

/// <summary>An asynchronous device operation failed; raised where the host waits for it.</summary>
public sealed class DeviceOperationException(string message, Exception? inner = null) : Exception(message, inner);
