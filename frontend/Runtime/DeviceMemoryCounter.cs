namespace JaxNet.Runtime;

/// <summary>The device memory one device's arrays hold, counted as arrays take and give up their buffers.</summary>
internal sealed class DeviceMemoryCounter
{
    private long inUse;
    private long peak;
    private long allocations;
    private long largest;

    public void Took(long bytes)
    {
        var now = Interlocked.Add(ref inUse, bytes);
        Interlocked.Increment(ref allocations);
        RaiseTo(ref peak, now);
        RaiseTo(ref largest, bytes);
    }

    public void Gave(long bytes) => Interlocked.Add(ref inUse, -bytes);

    public DeviceMemoryStats Snapshot(long limit) => new(
        Interlocked.Read(ref inUse), Interlocked.Read(ref peak), Interlocked.Read(ref allocations), Interlocked.Read(ref largest), limit);

    private static void RaiseTo(ref long field, long value)
    {
        // A plain atomic read first (Interlocked.Read is a locked compare-exchange on x64): a new array seldom
        // raises the peak, and every eager result passes here.
        var seen = Volatile.Read(ref field);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref field, value, seen);
            if (was == seen) return;
            seen = was;
        }
    }
}
