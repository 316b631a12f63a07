using JaxNet.Abstractions.Kernels;

namespace JaxNet.Abstractions;

/// <summary>
/// What a backend can do. The host asks these, not the version, before it hands a backend a kernel: what a
/// backend lacks is decomposed or run on the reference CPU backend.
/// </summary>
public sealed record BackendCapabilities(
    IReadOnlySet<DType> DTypes,
    IReadOnlySet<KernelKind> KernelKinds,
    IReadOnlySet<UnaryOp> UnaryOps,
    IReadOnlySet<BinaryOp> BinaryOps,
    IReadOnlySet<CollectiveKind> Collectives,
    int MaxRank)
{
    /// <summary>Free-form facts for people and tools (ISA, driver version, subgroup size, ...).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Unary ops a backend cannot compile on one operand dtype although it supports both separately (GLSL has
    /// float64 arithmetic but no float64 exp).
    /// </summary>
    public IReadOnlySet<(UnaryOp Op, DType DType)> UnsupportedUnaryOnDType { get; init; } = new HashSet<(UnaryOp, DType)>();

    /// <summary>Binary ops a backend cannot compile on one operand dtype although it supports both separately.</summary>
    public IReadOnlySet<(BinaryOp Op, DType DType)> UnsupportedBinaryOnDType { get; init; } = new HashSet<(BinaryOp, DType)>();

    /// <summary>
    /// True when the backend's scatter may write in place (its operand buffer is its output, ABI 1.1). The host
    /// gives a backend without it a fresh output and a copy back instead.
    /// </summary>
    public bool InPlaceScatter { get; init; }

    /// <summary>
    /// True when the backend's <see cref="KernelKind.Fft"/> kernel reads and writes complex values interleaved, S x 2
    /// (<see cref="FftKernel.InterleavedOperand"/>, <see cref="FftKernel.InterleavedResult"/>; ABI 1.3). The host
    /// then hands it complex arrays as they are stored; a backend without it gets the parts as separate buffers.
    /// </summary>
    public bool InterleavedFft { get; init; }

    /// <summary>
    /// Most distinct buffers (read and written) one kernel may touch, or null for no limit of the backend's own
    /// (ABI 1.1). GPU APIs bound a kernel's arguments (CUDA's parameter space, Vulkan's storage-buffer bindings per
    /// stage), so the host's fusion never forms a kernel beyond this: it splits fusion groups and writes parts of
    /// wider expressions to memory first. At least <see cref="MinKernelBuffers"/>.
    /// </summary>
    public int? MaxKernelBuffers
    {
        get => maxKernelBuffers;
        init => maxKernelBuffers = value is null || value >= MinKernelBuffers ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxKernelBuffers), value,
                $"a backend must take kernels of at least {MinKernelBuffers} buffers (a select of three operands and its output)");
    }

    /// <summary>The smallest <see cref="MaxKernelBuffers"/> a backend may state.</summary>
    public const int MinKernelBuffers = 4;

    private readonly int? maxKernelBuffers;

    /// <summary>
    /// Kinds added in later minor versions, which a backend claims by adding them to <see cref="KernelKinds"/> itself
    /// (<see cref="Everything"/> leaves them out, so a plugin built on it is never handed a kind it has no code for).
    /// </summary>
    public static IReadOnlySet<KernelKind> OptionalKinds { get; } = new HashSet<KernelKind> { KernelKind.Fft };

    /// <summary>Every op and collective of ABI v1, and every kernel kind but <see cref="OptionalKinds"/>, over the given dtypes.</summary>
    public static BackendCapabilities Everything(IEnumerable<DType> dtypes, int maxRank) => new(
        dtypes.ToHashSet(),
        Enum.GetValues<KernelKind>().Where(k => !OptionalKinds.Contains(k)).ToHashSet(),
        Enum.GetValues<UnaryOp>().ToHashSet(),
        Enum.GetValues<BinaryOp>().ToHashSet(),
        Enum.GetValues<CollectiveKind>().ToHashSet(),
        maxRank);

    /// <summary>Null when every dtype, kind and op the kernel uses is supported, else the first thing missing.</summary>
    public string? Unsupported(Kernel kernel)
    {
        if (!KernelKinds.Contains(kernel.Kind)) return $"kernel kind {kernel.Kind}";
        if (kernel is FftKernel { InterleavedOperand: true } or FftKernel { InterleavedResult: true } && !InterleavedFft)
            return "fft of interleaved complex values";
        foreach (var dtype in kernel.DTypes())
            if (!DTypes.Contains(dtype)) return $"dtype {dtype.ShortName()}";
        foreach (var program in kernel.Programs())
        {
            foreach (var node in program.Nodes)
            {
                if (node is UnaryNode u)
                {
                    if (!UnaryOps.Contains(u.Op)) return $"unary op {u.Op}";
                    var operand = program.Nodes[u.X].DType;
                    if (UnsupportedUnaryOnDType.Contains((u.Op, operand))) return $"unary op {u.Op} on {operand.ShortName()}";
                }
                if (node is BinaryNode b)
                {
                    if (!BinaryOps.Contains(b.Op)) return $"binary op {b.Op}";
                    var operand = program.Nodes[b.A].DType;
                    if (UnsupportedBinaryOnDType.Contains((b.Op, operand))) return $"binary op {b.Op} on {operand.ShortName()}";
                }
                if (!DTypes.Contains(node.DType)) return $"dtype {node.DType.ShortName()}";
            }
        }
        return null;
    }
}
