namespace JaxNet.Abstractions.Kernels;

/// <summary>The kernel kinds of IR v1. Append only.</summary>
public enum KernelKind
{
    Elementwise,
    Reduction,
    Contraction,
    Convolution,
    Gather,
    Scatter,
    Sort,
    Scan,
    Copy,

    /// <summary>IR 1.2: a discrete Fourier transform along the last axis (<see cref="FftKernel"/>); optional, a backend claims it in <see cref="BackendCapabilities.KernelKinds"/>.</summary>
    Fft,
}

/// <summary>
/// One kernel of a <see cref="KernelModule"/>: it reads some of the module's buffers and writes others.
/// Shapes are row-major and every buffer a kernel writes is written contiguously.
/// </summary>
public abstract record Kernel(string Name)
{
    public abstract KernelKind Kind { get; }

    /// <summary>The buffers it reads.</summary>
    public abstract IEnumerable<int> ReadBuffers();

    /// <summary>The buffers it writes.</summary>
    public abstract IEnumerable<int> WrittenBuffers();

    /// <summary>Every dtype it touches (for capability checks).</summary>
    public abstract IEnumerable<DType> DTypes();

    /// <summary>Its scalar programs: elementwise bodies, prologues and epilogues.</summary>
    public virtual IEnumerable<ScalarProgram> Programs() => [];

    /// <summary>The kernel's parameters after its name, as the IR text prints them.</summary>
    public abstract string Describe();

    internal static string Dims(IReadOnlyList<int> dims) => "[" + string.Join(",", dims) + "]";

    internal static string Dims(IReadOnlyList<long> dims) => "[" + string.Join(",", dims) + "]";
}

/// <summary>An input read through an index map (by elementwise kernels, prologues and epilogues).</summary>
public sealed record MappedInput(int Buffer, DType DType, IndexMap Map)
{
    public override string ToString() => $"b{Buffer}:{DType.ShortName()} {Map}";
}

/// <summary>A whole contiguous tensor held in a buffer.</summary>
public sealed record TensorRef(int Buffer, DType DType, int[] Shape)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public override string ToString() => $"b{Buffer}:{DType.ShortName()}{Kernel.Dims(Shape)}";
}

/// <summary>
/// Elementwise work fused after a contraction, convolution or reduction, at each point of its output. In
/// <see cref="Program"/>, input 0 is the kernel's own value (in its accumulator dtype) and input k &gt;= 1 reads
/// <see cref="Inputs"/>[k-1] through its index map over the output's index space (e.g. a bias).
/// The output dtype is the program's single result's dtype.
/// </summary>
public sealed record FusedEpilogue(ScalarProgram Program, IReadOnlyList<MappedInput> Inputs)
{
    public override string ToString() =>
        "epilogue(" + string.Join("; ", Inputs) + ") {\n" + Program + "\n  }";
}

/// <summary>Precision of a contraction, as in lax: Default may use faster, narrower arithmetic on some hardware.</summary>
public enum Precision
{
    Default,
    High,
    Highest,
}
