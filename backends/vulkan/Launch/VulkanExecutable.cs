using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Vulkan.Codegen;

namespace JaxNet.Backends.Vulkan.Launch;

/// <summary>
/// A compiled module: for each kernel, its passes (SPIR-V shaders and buffer copies), plus the sizes of the
/// scratch buffers and constant tables the passes need beyond the module's temporaries. Pipelines are created per device on first
/// launch and cached by the device.
/// </summary>
internal sealed class VulkanExecutable(KernelModule module, IReadOnlyList<(Kernel Kernel, IReadOnlyList<CompiledPass> Passes)> kernels,
    IReadOnlyList<ScratchBuffer> scratch) : IExecutable
{
    public KernelModule Module { get; } = module;

    public IReadOnlyList<(Kernel Kernel, IReadOnlyList<CompiledPass> Passes)> Kernels { get; } = kernels;

    /// <summary>Scratch buffers (some with constant contents); their ids follow the module's buffers.</summary>
    public IReadOnlyList<ScratchBuffer> Scratch { get; } = scratch;

    /// <summary>The scratch entries with contents, uploaded once per device and kept while the executable lives.</summary>
    public ResidentConstants Constants { get; } = new(scratch);

    public IEnumerable<CompiledPass> Passes => Kernels.SelectMany(k => k.Passes);

    public string Describe()
    {
        var s = new StringBuilder();
        s.Append("vulkan module ").Append(Module.Name).Append('\n');
        foreach (var (kernel, passes) in Kernels)
        {
            s.Append("kernel ").Append(kernel.Name).Append(" (").Append(kernel.Kind).Append("): ").Append(passes.Count).Append(" pass(es)\n");
            foreach (var pass in passes)
            {
                switch (pass)
                {
                    case CompiledShader shader:
                        s.Append("// shader ").Append(shader.Key[..16]).Append(", ").Append(shader.Pass.Groups).Append(" workgroup(s), bindings ")
                            .Append(string.Join(",", shader.Pass.Bindings.Select(b => "b" + b))).Append('\n').Append(shader.Pass.Glsl);
                        break;
                    case CompiledCopy copy:
                        s.Append("// copy b").Append(copy.Pass.Source).Append('@').Append(copy.Pass.SourceOffset).Append(" -> b")
                            .Append(copy.Pass.Destination).Append('@').Append(copy.Pass.DestinationOffset).Append(", ").Append(copy.Pass.Bytes).Append(" bytes\n");
                        break;
                }
            }
        }
        return s.ToString();
    }

    public void Dispose()
    {
        // Pipelines belong to the devices (shared between executables with equal shaders); the tables are its own.
        Constants.Dispose();
    }
}
