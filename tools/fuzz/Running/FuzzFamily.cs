using JaxNet.Fuzz.Derivatives;
using JaxNet.Fuzz.Generation;
using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Running;

/// <summary>A kind of random test: how its programs are made from a seed (with options suited to a platform), checked
/// on a target, and shown as C#.</summary>
public sealed record FuzzFamily(string Name, Func<int, FuzzOptions, FuzzProgram> Generate, Func<FuzzProgram, Target, CheckResult> Check,
    Func<FuzzProgram, string> Render, Func<string, FuzzOptions> Options)
{
    /// <summary>Programs run under Jit, Jit(Vmap) and eagerly, against the host interpreter.</summary>
    public static FuzzFamily Programs { get; } = new("programs", ProgramGenerator.Generate, FuzzCheck.Run, p => p.Render(), FuzzOptions.For);

    /// <summary>Programs' JVPs, VJPs and gradients (under the same modes) against finite differences.</summary>
    public static FuzzFamily Derivatives { get; } =
        new("derivatives", DerivativeGenerator.Generate, DerivativeCheck.Run, p => new DerivativeFunction(p).Render(), _ => FuzzOptions.Derivatives());

    /// <summary>The derivatives of float32 programs, against finite differences of their float64 twins.</summary>
    public static FuzzFamily Derivatives32 { get; } = Derivatives with { Name = "derivatives-f32", Options = _ => FuzzOptions.Derivatives(DType.Float32) };

    /// <summary>The derivatives of float16 programs, against finite differences of their float64 twins (bounds as
    /// coarse as float16's rounding).</summary>
    public static FuzzFamily Derivatives16 { get; } = Derivatives with { Name = "derivatives-f16", Options = _ => FuzzOptions.Derivatives(DType.Float16) };

    /// <summary>The derivatives of bfloat16 programs, likewise.</summary>
    public static FuzzFamily DerivativesBf16 { get; } = Derivatives with { Name = "derivatives-bf16", Options = _ => FuzzOptions.Derivatives(DType.BFloat16) };

    /// <summary>Programs heavy in NumPy indexing and <c>x.At[idx]</c> updates, checked as <see cref="Programs"/> are.</summary>
    public static FuzzFamily Indexing { get; } = new("indexing", IndexingGenerator.Generate, FuzzCheck.Run, p => p.Render(), FuzzOptions.For);

    /// <summary>Programs over complex64 and complex128 values, checked as <see cref="Programs"/> are.</summary>
    public static FuzzFamily Complex { get; } = new("complex", ComplexGenerator.Generate, FuzzCheck.Run, p => p.Render(), ComplexGenerator.Options);

    public static FuzzFamily Parse(string name) => name switch
    {
        "programs" => Programs,
        "derivatives" => Derivatives,
        "derivatives-f32" => Derivatives32,
        "derivatives-f16" => Derivatives16,
        "derivatives-bf16" => DerivativesBf16,
        "indexing" => Indexing,
        "complex" => Complex,
        _ => throw new ArgumentException($"fuzz: unknown family '{name}' (programs, indexing, complex, derivatives, derivatives-f32, derivatives-f16 or derivatives-bf16)"),
    };

    public override string ToString() => Name;
}
