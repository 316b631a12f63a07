namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>
/// Options for every <see cref="Parallel"/> loop of the backend. Queued work runs on a device's stream thread,
/// whose <see cref="DeviceWorker"/> scheduler runs one task at a time; a parallel loop started there would inherit
/// it as <see cref="TaskScheduler.Current"/> and queue its helpers behind the running task, so the loop would run on
/// one core. These options pin the loops to the shared thread pool and cap them at the core count (no
/// oversubscription when both a stream thread and a caller thread run kernels). The backend's loops go through
/// <see cref="For(int, Action{int})"/>, on its own helpers; the options serve what is left on the .NET pool.
/// </summary>
internal static class CpuParallel
{
    public static ParallelOptions Options { get; } = new()
    {
        TaskScheduler = TaskScheduler.Default,
        MaxDegreeOfParallelism = Environment.ProcessorCount,
    };

    /// <summary>A parallel loop on the backend's helpers (<see cref="ForkJoinPool"/>).</summary>
    public static void For(int count, Action<int> body) => ForkJoinPool.Shared.For(count, body);

    /// <summary>As <see cref="For(int, Action{int})"/> for a long count (the .NET pool beyond 2^31 indices).</summary>
    public static void For(long count, Action<long> body)
    {
        if (count > int.MaxValue) ForkJoinPool.OnDotNetPool(count, body);
        else ForkJoinPool.Shared.For((int)count, i => body(i));
    }
}
