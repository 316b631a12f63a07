namespace JaxNet.Distributed;

/// <summary>
/// The process group of this process once <see cref="Jax.Distributed.Initialize"/> has run; null before (one process,
/// pmap over local devices only). Shut down at process exit when the program did not, as MPI requires.
/// </summary>
internal static class ProcessGroups
{
    private static readonly Lock Gate = new();
    private static MpiProcessGroup? current;
    private static bool shutDown;

    public static IProcessGroup? Current => current;

    /// <summary>Each process's number of devices (of its default backend), in rank order, gathered when it joined.</summary>
    public static IReadOnlyList<int>? DeviceCounts { get; private set; }

    public static IProcessGroup Initialize()
    {
        lock (Gate)
        {
            if (current is not null) throw new InvalidOperationException("Jax.Distributed.Initialize was already called in this process");
            if (shutDown) throw new DistributedException("Jax.Distributed was shut down in this process; MPI cannot be initialized twice");
            current = MpiProcessGroup.Initialize();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown();
            var all = current.AllGather(BitConverter.GetBytes(Jax.Devices().Count));
            DeviceCounts = Enumerable.Range(0, current.Size).Select(r => BitConverter.ToInt32(all, r * sizeof(int))).ToArray();
            return current;
        }
    }

    public static void Shutdown()
    {
        lock (Gate)
        {
            if (current is null) return;
            var group = current;
            current = null;
            shutDown = true;
            group.Shutdown();
        }
    }
}
