using System.Collections.Concurrent;

namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>
/// A device's worker: a dedicated background thread that runs the device's queued work. Queued launches do not
/// compete for thread-pool threads (a host blocked in Wait on a pool thread would otherwise leave the kernel's
/// Parallel.For without helpers); the pool only supplies the kernels' extra cores. The thread starts on first use.
/// </summary>
internal sealed class DeviceWorker(int device) : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> queue = [];
    private readonly object startGate = new();
    private Thread? thread;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        EnsureStarted();
        queue.Add(task);
    }

    // Work of this device may run inline only on its own thread (which is running it already, in order).
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == thread && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => queue.ToArray();

    /// <summary>Lets the thread finish what is queued and exit.</summary>
    public void Dispose() => queue.CompleteAdding();

    private void EnsureStarted()
    {
        if (Volatile.Read(ref thread) is not null) return;
        lock (startGate)
        {
            if (thread is not null) return;
            var worker = new Thread(() =>
            {
                foreach (var task in queue.GetConsumingEnumerable()) TryExecuteTask(task);
            })
            {
                IsBackground = true,
                Name = $"jaxnet cpu:{device} stream",
            };
            worker.Start();
            Volatile.Write(ref thread, worker);
        }
    }
}
