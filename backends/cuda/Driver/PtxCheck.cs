using System.Reflection;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace JaxNet.Backends.Cuda.Driver;

/// <summary>
/// Compiles a kernel to PTX for a Hopper GPU (sm_90) without a GPU, so that emulation catches what only the GPU
/// would reject. ILGPU's CPU accelerator runs kernels as .NET code, where every <see cref="Math"/> function exists;
/// its PTX backend has no software exp, log or trig, and refuses such a kernel only when a GPU loads it. The first
/// GPU run of this backend failed 278 conformance cases that emulation had passed, all for that reason. With the
/// check on (the default in emulation), every kernel the emulated device loads is also compiled here, and a kernel
/// the PTX backend cannot compile fails in CI as it would on the GPU.
/// </summary>
internal sealed class PtxCheck
{
    private static readonly ConditionalWeakTable<Context, PtxCheck> Enabled = new();
    private readonly Lock gate = new();
    private readonly Context ptxContext;
    private readonly PTXBackend backend;

    private PtxCheck()
    {
        // A context of its own: the emulated devices' context is a CPU one, and PTX intrinsics are registered
        // only in a context configured for CUDA (which needs no driver to compile).
        ptxContext = Context.Create(builder => builder.Cuda().Math(MathMode.Default));
        backend = new PTXBackend(ptxContext, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
    }

    /// <summary>Turns the check on for every accelerator of <paramref name="context"/>.</summary>
    public static void Enable(Context context) => Enabled.GetValue(context, _ => new PtxCheck());

    /// <summary>
    /// Compiles <paramref name="kernel"/> to PTX when the check is on for <paramref name="accelerator"/>'s context,
    /// and returns the PTX text (null when the check is off). Throws <see cref="NotSupportedException"/> naming
    /// the reason when the PTX backend cannot compile it.
    /// </summary>
    public static string? Verify(Accelerator accelerator, MethodInfo kernel, bool explicitlyGrouped)
    {
        if (!Enabled.TryGetValue(accelerator.Context, out var check)) return null;
        return check.Compile(kernel, explicitlyGrouped);
    }

    private string Compile(MethodInfo kernel, bool explicitlyGrouped)
    {
        var entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        var specialization = new KernelSpecialization();
        try
        {
            lock (gate) return ((PTXCompiledKernel)backend.Compile(entry, specialization)).PTXAssembly;
        }
        catch (Exception e)
        {
            var cause = e.GetBaseException();
            throw new NotSupportedException($"does not compile to PTX for sm_90: {cause.GetType().Name}: {cause.Message}", e);
        }
    }
}
