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
    private static readonly (int Weight, Func<ProgramBuilder, int?> Make)[] Makers =
    [
        (16, OpGenerators.Unary), (18, OpGenerators.Binary), (5, OpGenerators.Select), (6, OpGenerators.Convert),
        (4, OpGenerators.Broadcast), (4, OpGenerators.Reshape), (4, OpGenerators.Transpose), (5, OpGenerators.Slice),
        (5, OpGenerators.Pad), (4, OpGenerators.Concatenate), (3, OpGenerators.Rev), (10, OpGenerators.Reduce),
        (3, OpGenerators.ArgReduce), (4, OpGenerators.Cumulative), (4, OpGenerators.Sort), (5, OpGenerators.DotGeneral),
        (4, OpGenerators.Gather), (3, OpGenerators.DynamicSlice), (2, OpGenerators.DynamicUpdateSlice),
        (2, OpGenerators.Softmax), (2, OpGenerators.DenseLayer), (1, OpGenerators.SignedZeroTwins),
    ];

    private static readonly int TotalWeight = Makers.Sum(m => m.Weight);

    public static FuzzProgram Generate(int seed, FuzzOptions options)
    {
        var random = new Random(seed);
        var b = new ProgramBuilder(random, options);
        var dtype = random.Next(3) == 0 ? b.Choose(options.DTypes) : DType.Float32;
        b.Input(new TensorType(dtype, RandomShapes.Of(random, options.MaxElements)));
        if (b.Chance(0.3)) b.Input(new TensorType(b.Choose(options.DTypes), RandomShapes.Of(random, options.MaxElements)));
        var wanted = random.Next(1, options.MaxOps + 1);
        var made = 0;
        for (var attempt = 0; made < wanted && attempt < wanted * 10; attempt++)
            if (Pick(random)(b) is not null) made++;
        var outputs = new List<int> { b.Count - 1 };
        if (b.Count > 1 && b.Chance(0.3)) outputs.Add(random.Next(b.Count - 1));
        return b.Build(outputs);
    }

    private static Func<ProgramBuilder, int?> Pick(Random random)
    {
        var roll = random.Next(TotalWeight);
        foreach (var (weight, make) in Makers)
        {
            if (roll < weight) return make;
            roll -= weight;
        }
        return Makers[^1].Make;
    }
}
