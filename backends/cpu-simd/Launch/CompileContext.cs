using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>
/// What kernel compilers may ask of the executable they are compiled into: scratch buffers, allocated for each
/// launch next to the module's temporaries and addressed by ids at or past the module's buffer count.
/// </summary>
internal sealed class CompileContext(KernelModule module)
{
    private readonly List<long> scratch = [];

    public KernelModule Module { get; } = module;

    public IReadOnlyList<long> ScratchSizes => scratch;

    /// <summary>Reserves a scratch buffer of <paramref name="byteSize"/> bytes; returns its id in the BufferTable.</summary>
    public int RequestScratch(long byteSize)
    {
        scratch.Add(byteSize);
        return Module.Buffers.Count + scratch.Count - 1;
    }
}

/// <summary>A kernel compiled for the CPU, what was chosen for it (for Describe), and its rough cost in flops.</summary>
internal sealed record CompiledKernel(Kernel Source, ICpuKernel Code, string Implementation, double Cost);
