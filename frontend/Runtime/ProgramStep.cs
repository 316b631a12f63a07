using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Runtime;

/// <summary>One step of a <see cref="HostProgram"/>: reads its inputs from the run's frame and binds its outputs.</summary>
internal abstract class ProgramStep
{
    public abstract void Run(Device device, ProgramFrame frame);

    public abstract IEnumerable<KernelModule> Modules();

    public abstract IEnumerable<IExecutable> Executables();

    public abstract void Compile(IBackend backend);

    public abstract void Describe(StringBuilder s, int indent);
}
