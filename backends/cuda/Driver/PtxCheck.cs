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
internal static class PtxCheck
{
    // The contexts whose accelerators are checked (emulated backends), and one PTX backend for all of them: a
    // context of its own, since the emulated devices' contexts are CPU ones and PTX intrinsics are registered only
    // in a context configured for CUDA (which needs no driver to compile). Compiling is serialised on it.
    private static readonly ConditionalWeakTable<Context, string> Enabled = new();
    private static readonly Lazy<PTXBackend> Backend = new(() =>
        new PTXBackend(Context.Create(builder => builder.Cuda().Math(MathMode.Default)), CudaArchitecture.SM_90,
            CudaInstructionSet.ISA_80, null!));
    private static readonly Lock Gate = new();

    /// <summary>Turns the check on for every accelerator of <paramref name="context"/>.</summary>
    public static void Enable(Context context) => Enabled.AddOrUpdate(context, "sm_90");

    /// <summary>
    /// Compiles <paramref name="kernel"/> to PTX when the check is on for <paramref name="accelerator"/>'s context,
    /// and returns the PTX text (null when the check is off). Throws <see cref="NotSupportedException"/> naming
    /// the reason when the PTX backend cannot compile it.
    /// </summary>
    public static string? Verify(Accelerator accelerator, MethodInfo kernel, bool explicitlyGrouped)
    {
        if (!Enabled.TryGetValue(accelerator.Context, out _)) return null;
        var entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        var specialization = new KernelSpecialization();
        try
        {
            lock (Gate) return ((PTXCompiledKernel)Backend.Value.Compile(entry, specialization)).PTXAssembly;
        }
        catch (Exception e)
        {
            var cause = e.GetBaseException();
            throw new NotSupportedException($"does not compile to PTX for sm_90: {cause.GetType().Name}: {cause.Message}", e);
        }
    }
}
