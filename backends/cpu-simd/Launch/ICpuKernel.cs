namespace JaxNet.Backends.CpuSimd;

/// <summary>
/// One kernel of a module compiled for the CPU. <see cref="Run"/> executes it against a launch's buffers;
/// everything that depends only on the kernel (shapes, strides, the generated code) was decided at compile time.
/// </summary>
internal interface ICpuKernel
{
    void Run(BufferTable buffers);
}

/// <summary>
/// Base addresses of a launch's buffers (64-byte-aligned native memory), indexed by the module's buffer id.
/// Ids at or past the module's buffer count are scratch buffers a kernel implementation asked for.
/// </summary>
internal readonly struct BufferTable(nint[] addresses)
{
    public nint this[int id] => addresses[id];

    public int Count => addresses.Length;
}
