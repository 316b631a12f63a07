using JaxNet.Distributed;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.distributed: one program run as several processes, on one host or many, joined through MPI (Open MPI's
    /// <c>mpirun -np 4 dotnet app.dll</c> starts four). After <see cref="Initialize"/>, a <see cref="Pmap(Func{NDArray, NDArray}, string?, IReadOnlyList{Device}?, int?[])"/>
    /// axis spans the devices of every process: each process passes its own slice (the same size in every process),
    /// collectives run over all members, and each process gets its own members' results.
    /// </summary>
    public static partial class Distributed
    {
        /// <summary>Joins the processes started by <c>mpirun</c> (a process started alone is a group of one).
        /// Throws <see cref="DistributedException"/> when Open MPI's libmpi.so.40 cannot be loaded, naming the package.</summary>
        public static void Initialize() => ProcessGroups.Initialize();

        /// <summary>Leaves the group (MPI_Finalize); done at process exit when not called. MPI cannot start again after it.</summary>
        public static void Shutdown() => ProcessGroups.Shutdown();

        public static bool IsInitialized => ProcessGroups.Current is not null;

        /// <summary>What joins the processes (e.g. "Open MPI v4.1.4"), or null before <see cref="Initialize"/>.</summary>
        public static string? Transport => ProcessGroups.Current?.Description;
    }

    /// <summary>jax.process_index: this process's index among <see cref="ProcessCount"/> (0 without <see cref="Distributed.Initialize"/>).</summary>
    public static int ProcessIndex() => ProcessGroups.Current?.Rank ?? 0;

    /// <summary>jax.process_count: the number of processes of the distributed run (1 without <see cref="Distributed.Initialize"/>).</summary>
    public static int ProcessCount() => ProcessGroups.Current?.Size ?? 1;

    /// <summary>jax.local_devices: this process's devices of the default backend (the same as <see cref="Devices"/>).</summary>
    public static IReadOnlyList<Device> LocalDevices() => Devices();

    /// <summary>jax.local_device_count.</summary>
    public static int LocalDeviceCount() => Devices().Count;

    /// <summary>jax.device_count: the devices of every process of the run (counted when they joined), or this
    /// process's without <see cref="Distributed.Initialize"/>.</summary>
    public static int DeviceCount() => ProcessGroups.DeviceCounts?.Sum() ?? LocalDeviceCount();
}
