namespace JaxNet.Fuzz.Generation;

/// <summary>
/// How large and how varied the generated programs are. <see cref="MaxElements"/> caps every value (inputs and
/// intermediates); sizes are drawn from classes up to it, so some programs pass the backends' parallel and tiling
/// thresholds (2^17 points on cpu) while most stay small.
/// </summary>
public sealed record FuzzOptions
{
    /// <summary>The most elements any value of a program may have.</summary>
    public int MaxElements { get; init; } = 70_000;

    /// <summary>The most operations in a program.</summary>
    public int MaxOps { get; init; } = 12;

    /// <summary>The most multiply-adds of a contraction (what the host interpreter can afford).</summary>
    public long MaxContractionWork { get; init; } = 4_000_000;

    /// <summary>The dtypes inputs may have.</summary>
    public IReadOnlyList<DType> DTypes { get; init; } =
        [DType.Float32, DType.Float64, DType.Float16, DType.BFloat16, DType.Int32, DType.Int64, DType.UInt32, DType.UInt8, DType.Bool];

    /// <summary>
    /// Inputs drawn only from smooth kinds (uniform, positive, unit-interval floats, no special values) and fills that
    /// are finite: what programs whose derivatives are compared with finite differences need.
    /// </summary>
    public bool Smooth { get; init; }

    /// <summary>How many levels of control flow (cond, switch, loops) may nest; 0 leaves them out.</summary>
    public int ControlFlowDepth { get; init; } = 1;

    /// <summary>Options suited to a backend: emulated CUDA runs each kernel thread by thread on the CPU, so it gets
    /// small arrays; the cpu backend gets arrays past its 2^17-point threshold for splitting loops across cores.</summary>
    public static FuzzOptions For(string platform) => platform switch
    {
        "cuda" => new FuzzOptions { MaxElements = 3_000, MaxContractionWork = 200_000 },
        "cpu" => new FuzzOptions { MaxElements = 300_000 },
        _ => new FuzzOptions(),
    };

    /// <summary>Options for derivative programs: values of one float dtype (float64, or float32 checked against its
    /// float64 twin), smooth data, small values (each is evaluated about a dozen times more for the finite
    /// differences).</summary>
    public static FuzzOptions Derivatives(DType dtype = DType.Float64) => new()
    {
        MaxElements = 2_000,
        MaxOps = 8,
        MaxContractionWork = 200_000,
        DTypes = [dtype],
        Smooth = true,
    };
}
