using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Generation;

/// <summary>
/// Programs to differentiate: float64 values from smooth data, ops that are differentiable where they are applied
/// (domains kept by construction) or piecewise so (max, min, abs, sort, select, gathers with clamped indices), the
/// structure ops, reductions, scans, contractions and patterns of <see cref="ProgramGenerator"/>, and control flow
/// JAX can differentiate in reverse mode (cond, switch, fori_loop with static bounds). Outputs are float values.
/// Kinks and jumps are not avoided: the finite differences find them and leave those elements unknown.
/// </summary>
public static class DerivativeGenerator
{
    private static readonly (int Weight, Func<ProgramBuilder, int?> Make)[] Makers =
    [
        (18, OpGenerators.SmoothUnary), (18, OpGenerators.SmoothBinary), (3, OpGenerators.Select),
        (4, OpGenerators.Broadcast), (4, OpGenerators.Reshape), (4, OpGenerators.Transpose), (5, OpGenerators.Slice),
        (4, OpGenerators.Pad), (4, OpGenerators.Concatenate), (3, OpGenerators.Rev), (10, OpGenerators.Reduce),
        (4, OpGenerators.Cumulative), (3, OpGenerators.Sort), (6, OpGenerators.DotGeneral),
        (4, OpGenerators.Gather), (3, OpGenerators.DynamicSlice), (2, OpGenerators.DynamicUpdateSlice),
        (3, OpGenerators.Softmax), (2, OpGenerators.DenseLayer), (4, OpGenerators.Cond), (4, OpGenerators.Loop), (4, OpGenerators.Scan),
        (3, OpGenerators.Scatter), (3, OpGenerators.Convolution), (3, OpGenerators.NumpyIndexGet), (3, OpGenerators.NumpyIndexUpdate),
    ];

    public static FuzzProgram Generate(int seed, FuzzOptions options) =>
        ProgramGenerator.Generate(seed, options, Makers, t => t.DType.IsFloat());
}
