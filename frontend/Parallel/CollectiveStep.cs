using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet.Parallel;

/// <summary>A collective equation in a compiled pmapped program (at its top level or in a loop or branch body): the
/// member running the program meets the others there (<see cref="SpmdMember"/>) and continues with its results.</summary>
/// <remarks>The members exchange arrays, so the run holds none of its values alone after it.</remarks>
internal sealed class CollectiveStep(JaxprEqn eqn, Operand[] inputs, int[] outputs) : ProgramStep
{
    public override void Run(Device device, ProgramFrame frame)
    {
        var args = new NDArray[inputs.Length];
        for (var i = 0; i < args.Length; i++) args[i] = frame.Read(inputs[i]);
        frame.DisownAll();
        var results = SpmdMember.Current.Collective(eqn, args);
        for (var i = 0; i < outputs.Length; i++) frame.Bind(outputs[i], results[i], Holding.Shared);
    }

    public override IEnumerable<KernelModule> Modules() => [];

    public override IEnumerable<IExecutable> Executables() => [];

    public override void Compile(IBackend backend)
    {
    }

    public override void Describe(StringBuilder s, int indent) =>
        s.Append(new string(' ', indent)).Append(eqn.Primitive.Name).Append(' ').Append(eqn.Params).Append(" (across the axis's members)\n");
}
