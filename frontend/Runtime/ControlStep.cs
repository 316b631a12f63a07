using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet.Runtime;

/// <summary>A control-flow equation: its primitive runs the compiled programs of its bodies on the host.</summary>
/// <remarks><paramref name="dying"/> marks the inputs no later step reads, that the program does not return and that
/// the equation reads once; <paramref name="unread"/> the outputs nothing reads (a fori_loop's final index).</remarks>
internal sealed class ControlStep(JaxprEqn eqn, ControlFlowPrimitive primitive, HostProgram[] bodies, Operand[] inputs, int[] outputs,
    bool[] dying, bool[] unread) : ProgramStep
{
    /// <summary>
    /// Gives the construct the dying inputs the run holds alone (a nested loop updates them in place) and takes back
    /// the results it says it holds alone: an array it made is the run's to free, an input returned as it was (a loop
    /// that never runs) is held as it was before. The dying inputs the run made and did not get back are freed.
    /// </summary>
    public override void Run(Device device, ProgramFrame frame)
    {
        var args = new NDArray[inputs.Length];
        var donated = new bool[inputs.Length];
        var held = new Holding[inputs.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = frame.Read(inputs[i]);
            held[i] = frame.HowHeld(inputs[i]);
            donated[i] = dying[i] && held[i] != Holding.Shared;
            frame.Disown(inputs[i]);
        }
        var results = primitive.Run(bodies, args, donated, eqn.Params, device, out var owned);
        var tracked = primitive.ResultsAreFreshOrInputs;
        for (var i = 0; i < outputs.Length; i++)
        {
            var how = HoldingOf(results[i], owned[i], args, donated, held, tracked);
            frame.Bind(outputs[i], results[i], how);
            if (unread[i] && how == Holding.Made && HostProgram.OccursOnce(results, i)) frame.Free(outputs[i]);
        }
        if (!tracked) return;
        for (var i = 0; i < args.Length; i++)
            if (dying[i] && held[i] == Holding.Made && Array.IndexOf(results, args[i]) < 0) args[i].Dispose();
    }

    /// <summary>How the run holds a result the construct returned: an input it returned as it was is held as before
    /// (if it was given up), an array it made is the run's own.</summary>
    private static Holding HoldingOf(NDArray result, bool owned, NDArray[] args, bool[] donated, Holding[] held, bool tracked)
    {
        if (!owned) return Holding.Shared;
        var input = Array.IndexOf(args, result);
        if (input >= 0) return donated[input] ? held[input] : Holding.Shared;
        return tracked ? Holding.Made : Holding.GivenUp;
    }

    public override IEnumerable<KernelModule> Modules() => bodies.SelectMany(b => b.Modules());

    public override IEnumerable<IExecutable> Executables() => bodies.SelectMany(b => b.Executables());

    public override void Compile(IBackend backend)
    {
        foreach (var body in bodies) body.Compile(backend);
    }

    public override void Describe(StringBuilder s, int indent)
    {
        s.Append(new string(' ', indent)).Append(primitive.Name).Append(' ').Append(primitive.DescribeStatic(eqn.Params)).Append(" {\n");
        foreach (var body in bodies) body.Describe(s, indent + 2);
        s.Append(new string(' ', indent)).Append("}\n");
    }
}
