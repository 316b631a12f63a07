using JaxNet.Fuzz.Derivatives;
using JaxNet.Fuzz.Generation;
using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Running;

/// <summary>A kind of random test: how its programs are made from a seed, checked on a target, and shown as C#.</summary>
public sealed record FuzzFamily(string Name, Func<int, FuzzOptions, FuzzProgram> Generate, Func<FuzzProgram, Target, CheckResult> Check,
    Func<FuzzProgram, string> Render)
{
    /// <summary>Programs run under Jit, Jit(Vmap) and eagerly, against the host interpreter.</summary>
    public static FuzzFamily Programs { get; } = new("programs", ProgramGenerator.Generate, FuzzCheck.Run, p => p.Render());

    /// <summary>Programs' JVPs, VJPs and gradients (under the same modes) against finite differences.</summary>
    public static FuzzFamily Derivatives { get; } =
        new("derivatives", DerivativeGenerator.Generate, DerivativeCheck.Run, p => new DerivativeFunction(p).Render());

    public static FuzzFamily Parse(string name) => name switch
    {
        "programs" => Programs,
        "derivatives" => Derivatives,
        _ => throw new ArgumentException($"fuzz: unknown family '{name}' (programs or derivatives)"),
    };

    public override string ToString() => Name;
}
