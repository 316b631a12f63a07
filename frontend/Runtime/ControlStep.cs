using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet.Runtime;

/// <summary>A control-flow equation: its primitive runs the compiled programs of its bodies on the host.</summary>
internal sealed class ControlStep(JaxprEqn eqn, ControlFlowPrimitive primitive, HostProgram[] bodies, Operand[] inputs, int[] outputs)
    : ProgramStep
{
    /// <summary>The construct may return its inputs as they are (a loop that never runs): they are no longer the run's alone.</summary>
    public override void Run(Device device, ProgramFrame frame)
    {
        var args = new NDArray[inputs.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = frame.Read(inputs[i]);
            frame.Disown(inputs[i]);
        }
        var results = primitive.Run(bodies, args, eqn.Params, device);
        for (var i = 0; i < outputs.Length; i++) frame.Bind(outputs[i], results[i], ownedByRun: false);
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
