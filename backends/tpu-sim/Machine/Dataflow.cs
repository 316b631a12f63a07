namespace JaxNet.Backends.TpuSim.Machine;

/// <summary>
/// What a systolic array keeps in its cells while the other operand streams through (SCALE-Sim's dataflows), for
/// C[M,N] = A[M,K] x B[K,N].
/// </summary>
public enum Dataflow
{
    /// <summary>Weight stationary (the TPU's): K x N tiles of B sit in the array (K along rows, N along columns) and the M rows of A stream.</summary>
    WeightStationary,

    /// <summary>Output stationary: M x N tiles of C accumulate in place while K streams.</summary>
    OutputStationary,

    /// <summary>Input stationary: K x M tiles of A sit in the array and the N columns of B stream.</summary>
    InputStationary,
}

public static class DataflowNames
{
    /// <summary>SCALE-Sim's short name: ws, os or is.</summary>
    public static string ShortName(this Dataflow dataflow) => dataflow switch
    {
        Dataflow.WeightStationary => "ws",
        Dataflow.OutputStationary => "os",
        _ => "is",
    };

    public static Dataflow Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "ws" or "weightstationary" or "weight-stationary" => Dataflow.WeightStationary,
        "os" or "outputstationary" or "output-stationary" => Dataflow.OutputStationary,
        "is" or "inputstationary" or "input-stationary" => Dataflow.InputStationary,
        _ => throw new FormatException($"unknown dataflow '{name}' (ws, os or is)"),
    };
}
