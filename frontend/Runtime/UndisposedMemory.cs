namespace JaxNet.Runtime;

/// <summary>
/// When to collect garbage for device memory. An array nobody disposed (a training loop written as in JAX) frees its
/// buffer only from its finalizer, after a garbage collection, and the GC sees a small managed object, not the
/// megabytes behind it. <c>GC.AddMemoryPressure</c> proved erratic for this: a training loop making a 3.2 MB array
/// per step ran 3 collections in 1,000 steps (about a gigabyte of garbage between them), while a loop updating a 4 MB
/// carry in place ran a full collection on nearly every call. This policy is plain: one full collection for every
/// <see cref="BudgetBytes"/> of device memory put in arrays since the last one and not disposed.
/// </summary>
/// <remarks>
/// Counting is by epoch: an array counts in the epoch it was made in, and disposing it (or donating its buffer)
/// takes it back out only while that epoch lasts, so a long-lived array disposed later cannot delay a collection.
/// </remarks>
internal static class UndisposedMemory
{
    /// <summary>The default <see cref="BudgetBytes"/>: at most this much garbage device memory between
    /// collections, a few hundred steps of a typical training loop.</summary>
    public const long DefaultBudgetBytes = 256L << 20;

    private static long budgetBytes = DefaultBudgetBytes;
    private static long sinceCollection;
    private static int epoch;
    private static long collections;

    public static long BudgetBytes
    {
        // Read for every new array: a volatile read, not Interlocked.Read's locked compare-exchange.
        get => Volatile.Read(ref budgetBytes);
        set => Interlocked.Exchange(ref budgetBytes, value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "the budget must be positive"));
    }

    /// <summary>Collections this policy started (for tests and diagnostics).</summary>
    public static long Collections => Interlocked.Read(ref collections);

    /// <summary>Counts a new array of <paramref name="bytes"/>; returns the epoch it counts in.</summary>
    public static int Made(long bytes)
    {
        var current = Volatile.Read(ref epoch);
        if (Interlocked.Add(ref sinceCollection, bytes) >= BudgetBytes) Collect(current);
        return current;
    }

    /// <summary>Takes back an array disposed or donated before a collection had to find it.</summary>
    public static void Released(long bytes, int madeIn)
    {
        if (madeIn == Volatile.Read(ref epoch)) Interlocked.Add(ref sinceCollection, -bytes);
    }

    private static void Collect(int seen)
    {
        // One thread wins the epoch; the others that crossed the budget at the same moment do not collect again.
        if (Interlocked.CompareExchange(ref epoch, seen + 1, seen) != seen) return;
        Interlocked.Exchange(ref sinceCollection, 0);
        Interlocked.Increment(ref collections);
        // Blocking, and waiting for the finalizers: a background collection, or not waiting, let the loop run on
        // while the finalizer thread caught up, and garbage reached 2-5 budgets (625 MB to 1.4 GB held for a 256 MB
        // budget, against 283 MB when waiting). The wait cannot deadlock on JaxNet's own locks: the only finalizer
        // JaxNet registers frees a buffer through its backend, and no frontend thread holds a backend lock here.
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>
    /// Allocates on a device; when the device is full, collects, lets the finalizers of unreachable arrays free
    /// their buffers, and tries once more.
    /// </summary>
    public static Abstractions.DeviceBuffer Allocate(Device device, long bytes)
    {
        try
        {
            return device.Backend.Allocate(device.Id, bytes);
        }
        catch (OutOfMemoryException)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return device.Backend.Allocate(device.Id, bytes);
        }
    }
}
