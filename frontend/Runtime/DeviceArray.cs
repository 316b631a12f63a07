using JaxNet.Abstractions;

namespace JaxNet.Runtime;

/// <summary>
/// A device buffer owned by one array: freed by <see cref="Dispose"/> or, as a safety net, by the finalizer of an
/// array nobody disposed (its <see cref="DeviceArrayGuard"/>). <see cref="Ready"/> is the event of the work that
/// writes it; reading waits on it. Freeing is stream-ordered in the backend, so disposing while work is pending is safe.
/// </summary>
internal sealed class DeviceArray : IDisposable
{
    private DeviceBuffer? buffer;

    /// <summary>The <see cref="UndisposedMemory"/> epoch this array was counted in.</summary>
    private readonly int epoch;

    /// <summary>Frees the buffer if the array becomes garbage undisposed; null once there is nothing to guard.</summary>
    private DeviceArrayGuard? guard;

    public DeviceArray(Device device, DeviceBuffer buffer, DeviceEvent ready)
    {
        Device = device;
        this.buffer = buffer;
        Ready = ready;
        device.Memory.Took(buffer.ByteSize);
        epoch = UndisposedMemory.Made(buffer.ByteSize);
        guard = DeviceArrayGuard.For(this);
    }

    public Device Device { get; }

    public IBackend Backend => Device.Backend;

    public DeviceEvent Ready { get; }

    public DeviceBuffer Buffer => buffer ?? throw Spent();

    private bool donated;

    /// <summary>The error for using the array after <see cref="Dispose"/> or <see cref="Detach"/>.</summary>
    public ObjectDisposedException Spent() => new("NDArray", donated
        ? "the array was donated (jit's donateArgnums, or a loop's carry) and its buffer now holds a result"
        : "the array has been disposed");

    public bool IsDisposed => buffer is null;

    /// <summary>Number of arrays whose finalizer released their buffer (arrays that were never disposed).</summary>
    public static long FinalizedCount => Interlocked.Read(ref finalized);

    private static long finalized;

    public void Dispose()
    {
        if (Release() is { } size) UndisposedMemory.Released(size, epoch);
        Unguard();
    }

    /// <summary>Keeps the buffer for the life of the process (a cached constant): no finalizer will free it.</summary>
    public void KeepForever() => Unguard();

    private void Unguard() => Interlocked.Exchange(ref guard, null)?.Release();

    /// <summary>Called by the guard's finalizer: the array became garbage without being disposed.</summary>
    internal void Finalized()
    {
        Interlocked.Increment(ref finalized);
        try
        {
            Release();
        }
        catch (Exception)
        {
            // A finalizer must not throw: the backend may already be disposed at process exit.
        }
    }

    /// <summary>
    /// Gives the buffer up without freeing it: a launch that was donated the buffer now writes its result there, and
    /// the array that held it is spent (using it reports it disposed); the result's array counts the buffer anew.
    /// </summary>
    public DeviceBuffer Detach()
    {
        var b = Interlocked.Exchange(ref buffer, null) ?? throw Spent();
        donated = true;
        Unguard();
        Device.Memory.Gave(b.ByteSize);
        UndisposedMemory.Released(b.ByteSize, epoch);
        return b;
    }

    /// <summary>Frees the buffer; returns its size, or null when it was already released.</summary>
    private long? Release()
    {
        var b = Interlocked.Exchange(ref buffer, null);
        if (b is null) return null;
        Device.Backend.Free(b);
        Device.Memory.Gave(b.ByteSize);
        return b.ByteSize;
    }
}
