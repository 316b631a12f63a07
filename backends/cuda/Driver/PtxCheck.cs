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
/// the PTX backend cannot compile fails in CI as it would on the GPU. Where the machine has ptxas
/// (<see cref="Ptxas"/>), the PTX is also assembled for sm_90, as the driver's JIT would assemble it, and what
/// ptxas reports (registers, local memory) comes back with it.
/// </summary>
internal static class PtxCheck
{
    // The contexts whose accelerators are checked (emulated backends), and one PTX backend for all of them: a
    // context of its own, since the emulated devices' contexts are CPU ones and PTX intrinsics are registered only
    // in a context configured for CUDA (which needs no driver to compile). Compiling is serialised on it.
    private static readonly ConditionalWeakTable<Context, Settings> Enabled = new();
    private static readonly Lazy<PTXBackend> Backend = new(() =>
        new PTXBackend(Context.Create(builder => builder.Cuda().Math(MathMode.Default)), CudaArchitecture.SM_90,
            CudaInstructionSet.ISA_80, null!));
    private static readonly Lock Gate = new();

    // ptxas's report of each kernel method already assembled: a method's PTX differs between compilations only in
    // its parameters' generated names, and the check compiles a method each time a kernel of it is built.
    private static readonly ConditionalWeakTable<MethodInfo, PtxasReport> Assembled = new();

    // For the same reason each method is compiled to PTX once: the emulated devices of a backend, and the backends a
    // test run creates, load the same kernel methods again, and each compilation took about a CPU second.
    private static readonly ConditionalWeakTable<MethodInfo, string> Compiled = new();

    private sealed record Settings(Ptxas? Assembler, Action<MethodInfo, PtxasReport>? Observe);

    /// <summary>Turns the check on for every accelerator of <paramref name="context"/>, assembling with
    /// <paramref name="assembler"/> too when it is given, and telling <paramref name="observe"/> each kernel's report.</summary>
    public static void Enable(Context context, Ptxas? assembler = null, Action<MethodInfo, PtxasReport>? observe = null) =>
        Enabled.AddOrUpdate(context, new Settings(assembler, observe));

    /// <summary>
    /// Compiles <paramref name="kernel"/> to PTX when the check is on for <paramref name="accelerator"/>'s context,
    /// and assembles it when the check has ptxas; null when the check is off. Throws
    /// <see cref="NotSupportedException"/> naming the reason when the PTX backend cannot compile it or ptxas refuses it.
    /// </summary>
    public static CheckedPtx? Verify(Accelerator accelerator, MethodInfo kernel, bool explicitlyGrouped)
    {
        if (!Enabled.TryGetValue(accelerator.Context, out var settings)) return null;
        var ptx = Ptx(kernel, explicitlyGrouped);
        if (settings.Assembler is not { } assembler) return new CheckedPtx(ptx, null);
        if (!Assembled.TryGetValue(kernel, out var report))
        {
            var start = EmulationCost.Start();
            report = assembler.Assemble(ptx);
            EmulationCost.Stop("ptxas", start);
            Assembled.AddOrUpdate(kernel, report);
        }
        else EmulationCost.Count("ptxas (cached)");
        settings.Observe?.Invoke(kernel, report);
        return new CheckedPtx(ptx, report);
    }

    private static string Ptx(MethodInfo kernel, bool explicitlyGrouped)
    {
        if (Compiled.TryGetValue(kernel, out var cached))
        {
            EmulationCost.Count("ptx codegen (cached)");
            return cached;
        }
        var start = EmulationCost.Start();
        var entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        var specialization = new KernelSpecialization();
        string ptx;
        try
        {
            lock (Gate) ptx = ((PTXCompiledKernel)Backend.Value.Compile(entry, specialization)).PTXAssembly;
        }
        catch (Exception e)
        {
            var cause = e.GetBaseException();
            throw new NotSupportedException($"does not compile to PTX for sm_90: {cause.GetType().Name}: {cause.Message}", e);
        }
        EmulationCost.Stop("ptx codegen", start);
        Compiled.AddOrUpdate(kernel, ptx);
        return ptx;
    }
}

/// <summary>A kernel's PTX, and what ptxas said of it where the check has ptxas.</summary>
internal sealed record CheckedPtx(string Ptx, PtxasReport? Assembly);
