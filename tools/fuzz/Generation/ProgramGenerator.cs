using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Generation;

/// <summary>
/// Makes a random, well-typed program from a seed: one or two inputs, then up to <see cref="FuzzOptions.MaxOps"/>
/// ops drawn by weight, each on values already there (mostly the latest, so that elementwise chains fuse into
/// reductions, contractions and copies); it returns the last value and sometimes another. The same seed and options
/// give the same program and data on every machine.
/// </summary>
public static class ProgramGenerator
{
    /// <summary>The makers of ops, with their weights.</summary>
    internal static readonly (int Weight, Func<ProgramBuilder, int?> Make)[] Makers =
    [
        (16, OpGenerators.Unary), (18, OpGenerators.Binary), (5, OpGenerators.Select), (6, OpGenerators.Convert),
        (4, OpGenerators.Broadcast), (4, OpGenerators.Reshape), (4, OpGenerators.Transpose), (5, OpGenerators.Slice),
        (5, OpGenerators.Pad), (4, OpGenerators.Concatenate), (3, OpGenerators.Rev), (10, OpGenerators.Reduce),
        (3, OpGenerators.ArgReduce), (4, OpGenerators.Cumulative), (4, OpGenerators.Sort), (5, OpGenerators.DotGeneral),
        (4, OpGenerators.Gather), (3, OpGenerators.DynamicSlice), (2, OpGenerators.DynamicUpdateSlice),
        (2, OpGenerators.Softmax), (2, OpGenerators.DenseLayer), (1, OpGenerators.SignedZeroTwins),
        (4, OpGenerators.Cond), (4, OpGenerators.Loop), (4, OpGenerators.Scan), (3, OpGenerators.Scatter), (3, OpGenerators.Convolution),
        (3, OpGenerators.NumpyIndexGet), (3, OpGenerators.NumpyIndexUpdate),
    ];

    public static FuzzProgram Generate(int seed, FuzzOptions options) => Generate(seed, options, Makers, _ => true);

    /// <summary>A program of ops from <paramref name="makers"/> whose outputs are values of a type that <paramref name="output"/> accepts.</summary>
    internal static FuzzProgram Generate(int seed, FuzzOptions options, (int Weight, Func<ProgramBuilder, int?> Make)[] makers,
        Func<TensorType, bool> output)
    {
        var random = new Random(seed);
        var b = new ProgramBuilder(random, options) { Makers = makers };
        var dtype = random.Next(3) == 0 ? b.Choose(options.DTypes) : options.DTypes[0];
        b.Input(new TensorType(dtype, RandomShapes.Of(random, options.MaxElements)));
        if (b.Chance(0.3)) b.Input(new TensorType(b.Choose(options.DTypes), RandomShapes.Of(random, options.MaxElements)));
        MakeOps(b, makers, random.Next(1, options.MaxOps + 1));
        var fits = Enumerable.Range(0, b.Count).Where(s => output(b.TypeOf(s))).ToArray();
        var outputs = new List<int> { fits.Length > 0 ? fits[^1] : b.Input(new TensorType(options.DTypes[0], [])) };
        if (b.Count > 1 && b.Chance(0.3) && random.Next(b.Count - 1) is var other && output(b.TypeOf(other))) outputs.Add(other);
        return b.Build(outputs);
    }

    /// <summary>Adds up to <paramref name="wanted"/> ops drawn from <paramref name="makers"/> by weight.</summary>
    internal static void MakeOps(ProgramBuilder b, (int Weight, Func<ProgramBuilder, int?> Make)[] makers, int wanted)
    {
        var total = makers.Sum(m => m.Weight);
        var made = 0;
        for (var attempt = 0; made < wanted && attempt < wanted * 10; attempt++)
            if (Pick(b.Random, makers, total)(b) is not null) made++;
    }

    private static Func<ProgramBuilder, int?> Pick(Random random, (int Weight, Func<ProgramBuilder, int?> Make)[] makers, int total)
    {
        var roll = random.Next(total);
        foreach (var (weight, make) in makers)
        {
            if (roll < weight) return make;
            roll -= weight;
        }
        return makers[^1].Make;
    }
}
