using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet.Parallel;

/// <summary>A collective equation in a compiled pmapped program (at its top level or in a loop or branch body): the
/// member running the program meets the others there (<see cref="SpmdMember"/>) and continues with its results.</summary>
internal sealed class CollectiveStep(JaxprEqn eqn) : ProgramStep
{
    public override void Run(Device device, Dictionary<Var, NDArray> env)
    {
        var inputs = eqn.Inputs.Select(a => HostProgram.Read(env, a)).ToArray();
        var results = SpmdMember.Current.Collective(eqn, inputs);
        for (var i = 0; i < eqn.Outputs.Length; i++) env[eqn.Outputs[i]] = results[i];
    }

    public override IEnumerable<KernelModule> Modules() => [];

    public override IEnumerable<IExecutable> Executables() => [];

    public override void Compile(IBackend backend)
    {
    }

    public override void Describe(StringBuilder s, int indent) =>
        s.Append(new string(' ', indent)).Append(eqn.Primitive.Name).Append(' ').Append(eqn.Params).Append(" (across the axis's members)\n");
}
