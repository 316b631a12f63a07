using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using JaxNet.Backends.Cuda.Driver;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// The emulated devices of one backend compile each kernel once between them. ILGPU caches compiled kernels per
/// accelerator, so a backend of eight emulated devices compiled a kernel eight times (IL to IR and back to IL: about a
/// CPU second for a fused kernel, the bulk of what emulation costs) when a collective or a sharded program ran it on
/// every device. The devices are identical CPU accelerators of one context (<see cref="CudaPlugin.Emulated"/>), so the
/// kernel compiled for the first loads on the others as it is; each device still makes its own launcher, as ILGPU's
/// own loaders do. GPUs keep ILGPU's per-accelerator path: two GPUs may differ in architecture.
/// </summary>
internal static class EmulatedKernelCache
{
    private static readonly ConditionalWeakTable<Context, ConcurrentDictionary<MethodInfo, Lazy<CompiledKernel>>> Compiled = new();

    /// <summary>Whether <paramref name="accelerator"/> is an emulated device this cache serves.</summary>
    public static bool Serves(Accelerator accelerator) => accelerator is CPUAccelerator;

    /// <summary>
    /// <paramref name="method"/> as a launcher on <paramref name="accelerator"/>: explicitly grouped, or auto-grouped
    /// (ILGPU picks the group size), compiled only if no device of the same context has compiled it yet. A method that
    /// does not compile fails the same way on every device.
    /// </summary>
    public static TDelegate Load<TDelegate>(Accelerator accelerator, MethodInfo method, bool explicitlyGrouped)
        where TDelegate : Delegate
    {
        var kernels = Compiled.GetValue(accelerator.Context, _ => new ConcurrentDictionary<MethodInfo, Lazy<CompiledKernel>>());
        var compiled = kernels.GetOrAdd(method, m => new Lazy<CompiledKernel>(() => Compile(accelerator, m, explicitlyGrouped))).Value;
        var start = EmulationCost.Start();
        var kernel = explicitlyGrouped ? accelerator.LoadKernel(compiled) : accelerator.LoadAutoGroupedKernel(compiled);
        var launcher = kernel.CreateLauncherDelegate<TDelegate>();
        EmulationCost.Stop("ilgpu load", start);
        return launcher;
    }

    private static CompiledKernel Compile(Accelerator accelerator, MethodInfo method, bool explicitlyGrouped)
    {
        var start = EmulationCost.Start();
        var compiled = accelerator.CompileKernel(Entry(method, explicitlyGrouped), KernelSpecialization.Empty);
        EmulationCost.Stop("ilgpu cpu compile", start);
        return compiled;
    }

    /// <summary>How many kernel methods the devices of <paramref name="context"/> have compiled between them.</summary>
    public static int CompiledMethods(Context context) => Compiled.TryGetValue(context, out var kernels) ? kernels.Count : 0;

    private static EntryPointDescription Entry(MethodInfo method, bool explicitlyGrouped) => explicitlyGrouped
        ? EntryPointDescription.FromExplicitlyGroupedKernel(method)
        : EntryPointDescription.FromImplicitlyGroupedKernel(method);
}
