using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Generation;

/// <summary>
/// Programs over complex64 and complex128 values (float32 and float64 ones mixed in, promoted as JAX does): the
/// complex arithmetic and functions, complex construction and conversion, select, the views, concatenation,
/// reductions, dot_general and jnp.fft's fft and ifft, all of which the frontend's complex expansion rewrites into planar real kernels.
/// </summary>
public static class ComplexGenerator
{
    private static readonly (int Weight, Func<ProgramBuilder, int?> Make)[] Makers =
    [
        (20, OpGenerators.ComplexUnary), (20, OpGenerators.ComplexBinary), (4, OpGenerators.ComplexFromParts),
        (4, OpGenerators.ToComplex), (4, OpGenerators.ComplexSelect), (8, OpGenerators.ComplexReduce), (5, OpGenerators.DotGeneral),
        (3, OpGenerators.Broadcast), (3, OpGenerators.Reshape), (3, OpGenerators.Transpose), (4, OpGenerators.Slice),
        (3, OpGenerators.Concatenate), (2, OpGenerators.Rev), (4, OpGenerators.Fft),
    ];

    /// <summary>Options for complex programs: the cpu backend's sizes (or the platform's), complex and float dtypes.</summary>
    public static FuzzOptions Options(string platform) =>
        FuzzOptions.For(platform) with { DTypes = [DType.Complex64, DType.Complex128, DType.Float32, DType.Float64], ControlFlowDepth = 0 };

    public static FuzzProgram Generate(int seed, FuzzOptions options)
    {
        var random = new Random(seed);
        var b = new ProgramBuilder(random, options) { Makers = Makers };
        b.Input(new TensorType(random.Next(2) == 0 ? DType.Complex64 : DType.Complex128, RandomShapes.Of(random, options.MaxElements)));
        if (b.Chance(0.3)) b.Input(new TensorType(b.Choose(options.DTypes), RandomShapes.Of(random, options.MaxElements)));
        ProgramGenerator.MakeOps(b, Makers, random.Next(1, options.MaxOps + 1));
        var outputs = new List<int> { b.Count - 1 };
        if (b.Count > 1 && b.Chance(0.3)) outputs.Add(random.Next(b.Count - 1));
        return b.Build(outputs);
    }
}
