namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>
/// Options for every <see cref="Parallel"/> loop of the backend. Queued work runs on a device's stream thread,
/// whose <see cref="DeviceWorker"/> scheduler runs one task at a time; a parallel loop started there would inherit
/// it as <see cref="TaskScheduler.Current"/> and queue its helpers behind the running task, so the loop would run on
/// one core. These options pin the loops to the shared thread pool and cap them at the core count (no
/// oversubscription when both a stream thread and a caller thread run kernels).
/// </summary>
internal static class CpuParallel
{
    public static ParallelOptions Options { get; } = new()
    {
        TaskScheduler = TaskScheduler.Default,
        MaxDegreeOfParallelism = Environment.ProcessorCount,
    };
}
