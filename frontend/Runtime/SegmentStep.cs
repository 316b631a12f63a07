using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Runtime;

/// <summary>A straight-line run of equations lowered as one kernel module.</summary>
/// <remarks><paramref name="dying"/> marks the inputs no later step reads and the program does not return.</remarks>
internal sealed class SegmentStep(KernelModule module, int[] inputs, int[] outputs, ShapedArray[] outAvals, bool[] dying) : ProgramStep
{
    private IExecutable? executable;

    public static SegmentStep Lower(List<JaxprEqn> eqns, Dictionary<Var, int> lastUse, int end, Func<Var, int> slotOf, string name,
        int maxBuffers)
    {
        var defined = new HashSet<Var>(eqns.SelectMany(e => e.Outputs));
        var inputs = eqns.SelectMany(e => e.Inputs).OfType<Var>().Where(v => !defined.Contains(v)).Distinct().ToArray();
        var outputs = eqns.SelectMany(e => e.Outputs).Where(v => lastUse.TryGetValue(v, out var last) && last > end).ToArray();
        var module = JaxprLowering.Lower(new Jaxpr([], inputs, eqns.ToArray(), outputs), name, maxBuffers);
        var dying = inputs.Select(v => lastUse.TryGetValue(v, out var last) && last <= end).ToArray();
        return new SegmentStep(module, inputs.Select(slotOf).ToArray(), outputs.Select(slotOf).ToArray(),
            outputs.Select(o => o.Aval).ToArray(), dying);
    }

    /// <summary>
    /// Launches the module, donating the arguments of its aliased results that the run holds and that die here (a
    /// value read again later, or bound to another live variable, keeps its buffer), and frees the arguments that die
    /// here and that the run made (stream-ordered: the launch that reads them runs first).
    /// </summary>
    public override void Run(Device device, ProgramFrame frame)
    {
        var exe = executable ?? throw new InvalidOperationException($"module {module.Name} was not compiled");
        var args = new NDArray[inputs.Length];
        for (var i = 0; i < args.Length; i++) args[i] = frame[inputs[i]];
        Span<bool> donated = args.Length <= 64 ? stackalloc bool[args.Length] : new bool[args.Length];
        foreach (var alias in module.Aliases)
        {
            var p = alias.Parameter;
            donated[p] = dying[p] && frame.Owns(inputs[p]);
        }
        var results = Executor.Run(exe, device, args, outAvals, donated);
        for (var i = 0; i < args.Length; i++)
        {
            if (!dying[i]) continue;
            if (frame.Made(inputs[i])) frame.Free(inputs[i]);
            else frame.Disown(inputs[i]);
        }
        for (var i = 0; i < outputs.Length; i++) frame.Bind(outputs[i], results[i], Holding.Made);
    }

    public override IEnumerable<KernelModule> Modules() => [module];

    public override IEnumerable<IExecutable> Executables() => executable is null ? [] : [executable];

    public override void Compile(IBackend backend) => executable ??= Executor.Compile(backend, module);

    public override void Describe(StringBuilder s, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var line in module.ToText().Split('\n')) s.Append(pad).Append(line).Append('\n');
    }
}
