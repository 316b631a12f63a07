using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Runtime;

/// <summary>A straight-line run of equations lowered as one kernel module.</summary>
/// <remarks><paramref name="dying"/> marks the inputs no later step reads and the program does not return.
/// <paramref name="inPlace"/>, when not null, is the same module with its results computed element by element from
/// dying inputs written over them: run when the run holds all those inputs (a loop's carry from its second step, a
/// donated argument), since for an input it shares the host would first have to copy it.</remarks>
internal sealed class SegmentStep(KernelModule module, KernelModule? inPlace, int[] inputs, int[] outputs, ShapedArray[] outAvals,
    bool[] dying) : ProgramStep
{
    private IExecutable? executable;
    private IExecutable? inPlaceExecutable;

    public static SegmentStep Lower(List<JaxprEqn> eqns, Dictionary<Var, int> lastUse, int end, Func<Var, int> slotOf, string name,
        LoweringTarget target)
    {
        var defined = new HashSet<Var>(eqns.SelectMany(e => e.Outputs));
        var inputs = eqns.SelectMany(e => e.Inputs).OfType<Var>().Where(v => !defined.Contains(v)).Distinct().ToArray();
        var outputs = eqns.SelectMany(e => e.Outputs).Where(v => lastUse.TryGetValue(v, out var last) && last > end).ToArray();
        var jaxpr = new Jaxpr([], inputs, eqns.ToArray(), outputs);
        var module = JaxprLowering.Lower(jaxpr, name, target);
        var dying = inputs.Select(v => lastUse.TryGetValue(v, out var last) && last <= end).ToArray();
        var dyingPositions = Enumerable.Range(0, inputs.Length).Where(i => dying[i]).ToHashSet();
        var inPlace = dyingPositions.Count == 0 ? null : JaxprLowering.Lower(jaxpr, name + "_in_place", target, dyingPositions);
        return new SegmentStep(module, inPlace?.Aliases.Count > module.Aliases.Count ? inPlace : null, inputs.Select(slotOf).ToArray(),
            outputs.Select(slotOf).ToArray(), outputs.Select(o => o.Aval).ToArray(), dying);
    }

    /// <summary>
    /// Launches the module, donating the arguments of its aliased results that the run holds and that die here (a
    /// value read again later, or bound to another live variable, keeps its buffer), and frees the arguments that die
    /// here and that the run made (stream-ordered: the launch that reads them runs first).
    /// </summary>
    public override void Run(Device device, ProgramFrame frame)
    {
        var (chosen, exe) = inPlace is not null && inPlace.Aliases.All(a => Donatable(a.Parameter, frame))
            ? (inPlace, inPlaceExecutable)
            : (module, executable);
        if (exe is null) throw new InvalidOperationException($"module {chosen.Name} was not compiled");
        var args = new NDArray[inputs.Length];
        for (var i = 0; i < args.Length; i++) args[i] = frame[inputs[i]];
        Span<bool> donated = args.Length <= 64 ? stackalloc bool[args.Length] : new bool[args.Length];
        foreach (var alias in chosen.Aliases) donated[alias.Parameter] = Donatable(alias.Parameter, frame);
        var results = Executor.Run(exe, device, args, outAvals, donated);
        for (var i = 0; i < args.Length; i++)
        {
            if (!dying[i]) continue;
            if (frame.Made(inputs[i])) frame.Free(inputs[i]);
            else frame.Disown(inputs[i]);
        }
        for (var i = 0; i < outputs.Length; i++) frame.Bind(outputs[i], results[i], Holding.Made);
    }

    /// <summary>The compiled in-place twin with the slots it reads and writes and its results' types, or null when the
    /// segment has none (for <see cref="RepeatedLaunch"/>).</summary>
    internal (IExecutable Executable, int[] Inputs, int[] Outputs, ShapedArray[] OutAvals)? InPlaceForm =>
        inPlace is not null && inPlaceExecutable is not null ? (inPlaceExecutable, inputs, outputs, outAvals) : null;

    /// <summary>Whether the run can give input <paramref name="p"/>'s buffer away: it dies here and the run holds it.</summary>
    private bool Donatable(int p, ProgramFrame frame) => dying[p] && frame.Owns(inputs[p]);

    /// <summary>The module; its in-place twin has the same kernels on other buffers, so it is not listed again.</summary>
    public override IEnumerable<KernelModule> Modules() => [module];

    public override IEnumerable<IExecutable> Executables() =>
        new[] { executable, inPlaceExecutable }.Where(e => e is not null).Select(e => e!);

    public override void Compile(IBackend backend)
    {
        executable ??= Executor.Compile(backend, module);
        if (inPlace is not null) inPlaceExecutable ??= Executor.Compile(backend, inPlace);
    }

    public override void Describe(StringBuilder s, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var line in module.ToText().Split('\n')) s.Append(pad).Append(line).Append('\n');
        if (inPlace is null) return;
        s.Append(pad).Append("when it holds its dying inputs: ").Append(string.Join(", ", inPlace.Aliases)).Append('\n');
    }
}
