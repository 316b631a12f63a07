using JaxNet.Abstractions;

namespace JaxNet.Runtime;

/// <summary>
/// A device buffer owned by one array: freed by <see cref="Dispose"/> or, as a safety net, by the finalizer of an
/// array nobody disposed. <see cref="Ready"/> is the event of the work that writes it; reading waits on it.
/// Freeing is stream-ordered in the backend, so disposing while work is pending is safe.
/// </summary>
internal sealed class DeviceArray : IDisposable
{
    /// <summary>
    /// Buffers at least this large are reported to the GC as memory pressure, so that a loop that never disposes
    /// its results (a training loop written as in JAX) makes the GC run and the finalizers free device memory, instead
    /// of native memory piling up behind small managed objects. Smaller ones are not worth the call.
    /// </summary>
    private const long PressureThreshold = 64 * 1024;

    private DeviceBuffer? buffer;

    /// <param name="donated">True when <paramref name="buffer"/> was <see cref="Detach"/>ed from a donated array: its
    /// memory pressure was not removed there, and is not added again here.</param>
    public DeviceArray(Device device, DeviceBuffer buffer, DeviceEvent ready, bool donated = false)
    {
        Device = device;
        this.buffer = buffer;
        Ready = ready;
        if (!donated && buffer.ByteSize >= PressureThreshold) GC.AddMemoryPressure(buffer.ByteSize);
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
        Release();
        GC.SuppressFinalize(this);
    }

    ~DeviceArray()
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
    /// the array that held it is spent (using it reports it disposed). The buffer's memory pressure stays with the GC
    /// for the result's array to take over: removing and adding it again at every step of a loop that updates a large
    /// carry in place made the GC collect every generation a few hundred steps apart.
    /// </summary>
    public DeviceBuffer Detach()
    {
        var b = Interlocked.Exchange(ref buffer, null) ?? throw Spent();
        donated = true;
        GC.SuppressFinalize(this);
        return b;
    }

    private void Release()
    {
        var b = Interlocked.Exchange(ref buffer, null);
        if (b is null) return;
        Device.Backend.Free(b);
        if (b.ByteSize >= PressureThreshold) GC.RemoveMemoryPressure(b.ByteSize);
    }
}
