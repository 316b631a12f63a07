using ILGPU;
using ILGPU.Runtime;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Memory;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>One IR kernel compiled for one device; <see cref="Issue"/> enqueues its ILGPU launches.</summary>
internal interface ICompiledKernel : IDisposable
{
    void Issue(LaunchFrame frame);
}

/// <summary>What a launch of a module gives its kernels: the device and a view per module buffer id, and
/// scratch memory (from the caching allocator, returned when the launch has been issued).</summary>
internal sealed class LaunchFrame(CudaDevice device, ArrayView<byte>[] buffers) : IDisposable
{
    // Made on first use: most kernels need neither, and a frame is made for every kernel of every launch.
    private List<CudaBuffer>? scratch;
    private Dictionary<int, ArrayView<byte>>? locals;

    public CudaDevice Device { get; } = device;

    public AcceleratorStream Stream => Device.Stream;

    /// <summary>A module buffer (id &gt;= 0) or a kernel's local scratch buffer (id &lt; 0, see <see cref="Bind"/>).</summary>
    public ArrayView<byte> Buffer(int id) => id >= 0 ? buffers[id]
        : locals is not null && locals.TryGetValue(id, out var view) ? view
        : throw new InvalidOperationException($"scratch buffer {id} was not bound in this frame");

    /// <summary>Gives a negative id to a scratch view, so that the launches of one IR kernel can pass
    /// intermediates to each other through slots.</summary>
    public void Bind(int id, ArrayView<byte> view) => (locals ??= [])[id] = view;

    public ArrayView<byte> Scratch(long bytes)
    {
        var block = new CudaBuffer(Device.Id, bytes, Device.Allocator.Allocate(bytes));
        (scratch ??= []).Add(block);
        return block.View;
    }

    /// <summary>Slots holding the given module buffers, in order.</summary>
    public Slots SlotsOf(IReadOnlyList<int> bufferIds)
    {
        var slots = default(Slots);
        for (var i = 0; i < bufferIds.Count; i++) slots.Set(i, Buffer(bufferIds[i]));
        return slots;
    }

    public void Dispose()
    {
        if (scratch is null) return;
        foreach (var block in scratch) Device.Allocator.Free(block.Block);
    }
}

/// <summary>Assigns slots to the distinct module buffers a kernel touches (at most <see cref="Slots.Count"/>).</summary>
internal sealed class SlotMap(string kernel)
{
    private readonly List<int> buffers = [];

    public IReadOnlyList<int> Buffers => buffers;

    public int Of(int buffer)
    {
        var slot = buffers.IndexOf(buffer);
        if (slot >= 0) return slot;
        if (buffers.Count == Slots.Count)
            throw new NotSupportedException($"kernel '{kernel}' touches more than {Slots.Count} buffers");
        buffers.Add(buffer);
        return buffers.Count - 1;
    }
}
