using JaxNet.Abstractions.Kernels;

namespace JaxNet.Conformance.Cases;

/// <summary>Builds the small modules of the catalogue: typed parameters, results and temporaries, then kernels.</summary>
public sealed class ModuleBuilder(string name)
{
    private readonly List<BufferDecl> buffers = [];
    private readonly List<int> parameters = [];
    private readonly List<int> results = [];
    private readonly List<Kernel> kernels = [];
    private readonly List<TensorSpec> parameterSpecs = [];
    private readonly List<TensorSpec> resultSpecs = [];

    public IReadOnlyList<TensorSpec> ParameterSpecs => parameterSpecs;

    public IReadOnlyList<TensorSpec> ResultSpecs => resultSpecs;

    public int Parameter(DType dtype, params int[] shape)
    {
        var spec = new TensorSpec(dtype, shape);
        parameterSpecs.Add(spec);
        parameters.Add(Declare(BufferRole.Parameter, spec.ByteSize));
        return parameters[^1];
    }

    public int Result(DType dtype, params int[] shape)
    {
        var spec = new TensorSpec(dtype, shape);
        resultSpecs.Add(spec);
        results.Add(Declare(BufferRole.Result, spec.ByteSize));
        return results[^1];
    }

    public int Temporary(DType dtype, params int[] shape) => Declare(BufferRole.Temporary, new TensorSpec(dtype, shape).ByteSize);

    public ModuleBuilder Add(Kernel kernel)
    {
        kernels.Add(kernel);
        return this;
    }

    public KernelModule Build()
    {
        var module = new KernelModule(name, buffers.ToArray(), kernels.ToArray(), parameters.ToArray(), results.ToArray());
        module.Validate();
        return module;
    }

    private int Declare(BufferRole role, long bytes)
    {
        buffers.Add(new BufferDecl(buffers.Count, role, bytes));
        return buffers.Count - 1;
    }
}
