using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using JaxNet.Abstractions;
using JaxNet.Backends.Cuda.Collectives;

namespace JaxNet.Backends.Cuda.Tests.Collectives;

/// <summary>
/// The collectives' fold compiles to PTX for sm_90 for every dtype: emulation runs kernels as .NET code, which
/// would hide a call the PTX backend lacks (the first GPU run failed that way), so each is compiled here too.
/// </summary>
public sealed class FoldKernelPtxTests : IDisposable
{
    private readonly Context context = Context.Create(builder => builder.Cuda().Math(MathMode.Default));

    [Theory]
    [MemberData(nameof(DTypes))]
    public void TheFoldCompilesToPtx(DType dtype)
    {
        var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(FoldKernel.Kernel(dtype));
        var compiled = (PTXCompiledKernel)backend.Compile(entry, new KernelSpecialization());
        Assert.Contains(".entry", compiled.PTXAssembly);
    }

    public static IEnumerable<object[]> DTypes() => DTypeInfo.InAbi(new AbiVersion(1, 4)).Select(d => new object[] { d });

    public void Dispose() => context.Dispose();
}
