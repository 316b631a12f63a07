using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

/// <summary>
/// An immutable n-dimensional array. A concrete array owns a buffer on a device and the event of the launch that
/// produces it (work is asynchronous; reading waits). Inside a transformation an NDArray wraps a tracer, so user
/// functions are written once against NDArray. A C# scalar literal is a weakly typed host scalar until a kernel
/// needs it on a device. Dispose releases the device buffer at once; a finalizer is the safety net.
/// </summary>
public sealed partial class NDArray : IDisposable
{
    private readonly ShapedArray aval;
    private DeviceArray? data;
    private readonly bool ownsData;

    private NDArray(ShapedArray aval, DeviceArray? data, Tracer? tracer, Scalar? literal, bool ownsData)
    {
        this.aval = aval;
        this.data = data;
        Tracer = tracer;
        LiteralValue = literal;
        this.ownsData = ownsData;
    }

    internal static NDArray FromDevice(DeviceArray data, ShapedArray aval) => LiveArrayRegistry.Track(new(aval, data, null, null, true));

    /// <summary>The same buffer under another shape of as many elements (buffers are dense and row-major), or null
    /// for a tracer or host scalar. The view does not own the buffer: disposing it frees nothing, and the buffer
    /// lives while either array does.</summary>
    internal NDArray? ReshapedView(int[] shape)
    {
        var viewed = aval.WithShape(shape);
        return Tracer is not null || viewed.Size != aval.Size || Stacked() is not { } stacked
            ? null
            : new(viewed, stacked, null, null, false) { committed = Committed };
    }

    internal static NDArray FromTracer(Tracer tracer) => new(tracer.Aval, null, tracer, null, false);

    /// <summary>A host scalar (from a C# literal when <paramref name="weak"/>); uploaded when a kernel needs it.</summary>
    internal static NDArray FromScalar(Scalar value, bool weak) => new(new ShapedArray([], value.DType, weak), null, null, value, false);

    internal ShapedArray Aval => aval;

    internal Tracer? Tracer { get; }

    internal Scalar? LiteralValue { get; }

    /// <summary>The device holding the data, or null for host scalars and tracers (they follow the other operands).</summary>
    internal Device? ResidentDevice => shards is not null ? shards[0].ResidentDevice : data?.Device;

    private bool committed;

    /// <summary>
    /// True when the array was placed on its device explicitly (Jax.DevicePut with a device, a sharded array, or a result
    /// of a computation with such an argument), as in JAX: computations run where their committed arguments are and
    /// move the uncommitted ones there. An uncommitted array lives on the default device and follows the others.
    /// </summary>
    public bool Committed => shards is not null || (committed && Tracer is null);

    /// <summary>Marks a freshly made array committed to its device (a result of a committed computation).</summary>
    internal NDArray Commit()
    {
        committed = true;
        return this;
    }

    /// <summary>True when the array holds a value (not a tracer).</summary>
    public bool IsConcrete => Tracer is null;

    public int[] Shape => (int[])aval.Shape.Clone();

    public DType DType => aval.DType;

    /// <summary>True for weakly typed values (from C# scalar literals), which adopt the other operand's dtype.</summary>
    public bool WeakType => aval.Weak;

    public int Ndim => aval.Rank;

    public long Size => aval.Size;

    /// <summary>The device holding the array (the default device for host scalars).</summary>
    public Device Device => ResidentDevice ?? (Tracer is null ? Device.Default : throw Concretization("Device"));

    /// <summary>Waits until the array's value has been computed; rethrows a device-side failure.</summary>
    public NDArray BlockUntilReady()
    {
        if (Tracer is not null) return this;
        if (shards is not null)
            foreach (var row in shards) row.BlockUntilReady();
        else data?.Ready.Wait();
        return this;
    }

    /// <summary>The device data on <paramref name="device"/>, uploading a host scalar when needed.</summary>
    internal DeviceArray DataOn(Device device)
    {
        if (Tracer is not null) throw Concretization("a kernel launch");
        if (LiteralValue is null && Stacked() is { } stacked)
        {
            if (stacked.IsDisposed) throw stacked.Spent();
            return stacked;
        }
        var scalar = LiteralValue!.Value;
        if (data is { IsDisposed: false } last && last.Device.Equals(device)) return last;
        var cached = device.CachedConstant(scalar);
        if (cached is not null) return cached;
        var bytes = new byte[scalar.DType.SizeOf()];
        HostData.Write(bytes, 0, scalar);
        return data = device.Upload(bytes);
    }

    /// <summary>
    /// True when the array alone owns one buffer on <paramref name="device"/>, so a launch may take that buffer over
    /// (donation): not a view, a host scalar, a sharded array or a tracer.
    /// </summary>
    internal bool Donatable(Device device) =>
        ownsData && shards is null && Tracer is null && LiteralValue is null && data is { IsDisposed: false } d && d.Device.Equals(device);

    /// <summary>Hands the buffer to a launch that writes a result into it; this array is spent afterwards.</summary>
    internal void Donate() => data!.Detach();

    /// <summary>Releases the device buffer now (stream-ordered: pending work that uses it finishes first).</summary>
    public void Dispose()
    {
        if (ownsData || LiteralValue is not null) data?.Dispose();
        if (ownsData && shards is not null)
            foreach (var row in shards) row.Dispose();
    }

    /// <summary>The concretization error for using a traced value where a concrete one is needed.</summary>
    internal Exception Concretization(string what)
    {
        var tracer = Tracer!;
        var main = tracer.Trace.Main;
        if (!main.IsActive) return TraceStack.Leak(tracer, null);
        var function = main.Function is null ? "the transformed function" : $"function {main.Function}";
        return new ConcretizationTypeError(
            $"Abstract tracer value encountered where a concrete value is expected ({what}): a {aval.Str()} value traced by " +
            $"{main.Transformation} of {function}. Its value depends on the function's arguments and is unknown while tracing. " +
            "For control flow on traced values use Jax.Lax.Cond, Jax.Lax.WhileLoop or Jnp.Where; or mark the argument static " +
            "(staticArgnums) so that it is a concrete value when tracing.");
    }

    /// <summary>The concrete array behind this value (a tracer that knows its value gives it), or a concretization error.</summary>
    internal NDArray Concrete(string what)
    {
        if (Tracer is null) return this;
        return Tracer.TryConcrete() ?? throw Concretization(what);
    }
}
