using JaxNet.Backends.TpuSim.Machine;

namespace JaxNet.Backends.TpuSim.Timing;

/// <summary>A GEMM C[M,N] = A[M,K] x B[K,N].</summary>
public readonly record struct GemmProblem(int M, int K, int N)
{
    public long Macs => (long)M * K * N;
}

/// <summary>
/// One systolic array and how a GEMM maps onto it. <see cref="DoubleBufferedWeights"/> lets the stationary tile
/// of the next fold load into shadow registers during the current fold (the TPU's weight FIFO); without it each
/// fold first spends <see cref="Rows"/> cycles loading, as SCALE-Sim counts.
/// </summary>
public readonly record struct SystolicArray(int Rows, int Cols, Dataflow Dataflow, bool DoubleBufferedWeights = false)
{
    public bool HoldsOperand => Dataflow != Dataflow.OutputStationary;

    /// <summary>
    /// The GEMM dimensions along the array's rows and columns and the streamed one (SCALE-Sim's Sr, Sc, T):
    /// ws (K, N, M), is (K, M, N), os (M, N, K).
    /// </summary>
    public (int Sr, int Sc, int T) Map(GemmProblem p) => Dataflow switch
    {
        Dataflow.WeightStationary => (p.K, p.N, p.M),
        Dataflow.InputStationary => (p.K, p.M, p.N),
        _ => (p.M, p.N, p.K),
    };
}

/// <summary>
/// The cycle count of a GEMM on one array and SCALE-Sim's utilisation figures:
/// <see cref="MappingEfficiency"/> is the mean over folds of the mapped fraction of the array,
/// <see cref="ComputeUtilization"/> the mean over folds of MACs done / (array size x the fold's cycles as SCALE-Sim
/// counts them), and <see cref="OverallUtilization"/> MACs / (array size x total cycles).
/// </summary>
public sealed record SystolicRun(
    long Folds,
    long CyclesPerFold,
    long TotalCycles,
    long StallCycles,
    double MappingEfficiency,
    double ComputeUtilization,
    long Macs,
    int ArraySize)
{
    public double OverallUtilization => TotalCycles == 0 ? 0 : (double)Macs / ((double)TotalCycles * ArraySize);
}
