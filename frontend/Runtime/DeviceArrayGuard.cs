namespace JaxNet.Runtime;

/// <summary>
/// The finalizer of a <see cref="DeviceArray"/> nobody disposed, in an object of its own so that it can be reused.
/// The runtime registers an object for finalization when it is allocated, which made a finalizable array cost about
/// 50 ns more to create than a plain one: most of the runtime's share of a tiny eager op. A guard stays registered
/// until its finalizer runs, so one detached from a disposed array is kept in a per-thread pool and attached to the
/// next array for free. An attached guard is reachable only through its array: when the array becomes garbage, so
/// does the guard, and its finalizer frees the array's buffer.
/// </summary>
internal sealed class DeviceArrayGuard
{
    // Enough for the results of a few live ops per thread; guards past it are let go.
    private const int PoolCapacity = 32;

    [ThreadStatic] private static DeviceArrayGuard?[]? pool;
    [ThreadStatic] private static int pooled;

    [ThreadStatic] private static int createdOnThisThread;

    private DeviceArray? array;

    private DeviceArrayGuard() => createdOnThisThread++;

    /// <summary>Guards allocated by the calling thread (a pooled guard reused allocates none), for tests.</summary>
    public static int CreatedOnThisThread => createdOnThisThread;

    /// <summary>A guard for <paramref name="array"/>, from this thread's pool when it has one.</summary>
    public static DeviceArrayGuard For(DeviceArray array)
    {
        DeviceArrayGuard guard;
        if (pooled > 0)
        {
            // The slot is cleared: a guard the pool still referenced would never become garbage with its array.
            guard = pool![--pooled]!;
            pool[pooled] = null;
        }
        else guard = new DeviceArrayGuard();
        guard.array = array;
        return guard;
    }

    /// <summary>Detaches the guard from its array (disposed, donated or kept for good) and pools it.</summary>
    public void Release()
    {
        array = null;
        var slots = pool ??= new DeviceArrayGuard[PoolCapacity];
        if (pooled < slots.Length) slots[pooled++] = this;
        else GC.SuppressFinalize(this);
    }

    ~DeviceArrayGuard()
    {
        // Null for a guard let go by a full pool, or one whose array was released when its thread's pool died.
        array?.Finalized();
    }
}
