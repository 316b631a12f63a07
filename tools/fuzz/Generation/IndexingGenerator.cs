using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Generation;

/// <summary>
/// Programs of <see cref="ProgramGenerator"/> with NumPy indexing (<c>x[idx]</c>, <c>x.At[idx].Set/Add/...</c>) ten
/// times as likely: most programs then hold several, chained with each other and with the ops around them.
/// </summary>
public static class IndexingGenerator
{
    private static readonly (int Weight, Func<ProgramBuilder, int?> Make)[] Makers =
        [.. ProgramGenerator.Makers, (27, OpGenerators.NumpyIndexGet), (27, OpGenerators.NumpyIndexUpdate)];

    public static FuzzProgram Generate(int seed, FuzzOptions options) => ProgramGenerator.Generate(seed, options, Makers, _ => true);
}
