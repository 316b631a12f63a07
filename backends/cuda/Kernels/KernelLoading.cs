using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using JaxNet.Backends.Cuda.Driver;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// The one way this backend loads ILGPU kernels: ILGPU's loaders, preceded by the PTX check of emulated devices
/// (<see cref="PtxCheck"/>), so that no kernel reaches a device without it. On a GPU, a kernel the driver refuses
/// ("a PTX JIT compilation failed", which carries no log) has its PTX written to the folder named by
/// <c>JAXNET_CUDA_PTX_DUMP</c>, where <c>ptxas</c> can say why. In emulation the same setting keeps the PTX of every
/// kernel the check compiled, so its code (local memory, 64-bit arithmetic) can be read without a GPU. Emulated
/// devices share their compiled kernels (<see cref="EmulatedKernelCache"/>).
/// </summary>
internal static class KernelLoading
{
    private static int dumped;

    private static T Load<T>(Accelerator accelerator, MethodInfo method, bool explicitlyGrouped, Func<T> load)
        where T : Delegate
    {
        if (EmulatedKernelCache.Serves(accelerator)) return EmulatedKernelCache.Load<T>(accelerator, method, explicitlyGrouped);
        try
        {
            return load();
        }
        catch (Exception) when (accelerator is CudaAccelerator && Environment.GetEnvironmentVariable("JAXNET_CUDA_PTX_DUMP") is { Length: > 0 } folder)
        {
            DumpPtx(accelerator, method, explicitlyGrouped, folder);
            throw;
        }
    }

    private static void DumpPtx(Accelerator accelerator, MethodInfo method, bool explicitlyGrouped, string folder)
    {
        var entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(method)
            : EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var specialization = new KernelSpecialization();
        var cuda = (CudaAccelerator)accelerator;
        var backend = new PTXBackend(accelerator.Context, cuda.Architecture, cuda.InstructionSet, null!);
        if (backend.Compile(entry, specialization) is not PTXCompiledKernel compiled) return;
        Write(method, compiled.PTXAssembly, folder);
    }

    private static void Write(MethodInfo method, string ptx, string folder)
    {
        Directory.CreateDirectory(folder);
        var name = $"{Interlocked.Increment(ref dumped):D3}-{method.DeclaringType?.Name.Split('`')[0]}.{method.Name}.ptx";
        File.WriteAllText(Path.Combine(folder, name), ptx);
    }

    private static void Check(Accelerator accelerator, MethodInfo method, bool explicitlyGrouped)
    {
        var check = PtxCheck.Verify(accelerator, method, explicitlyGrouped);
        if (check is not null && Environment.GetEnvironmentVariable("JAXNET_CUDA_PTX_DUMP") is { Length: > 0 } folder)
        {
            // ptxas's figures go first, as a PTX comment, so the dumped file still assembles.
            var header = check.Assembly is { } report ? $"// ptxas {Ptxas.Architecture}: {report}\n" : "";
            Write(method, header + check.Ptx, folder);
        }
    }

    public static Action<AcceleratorStream, Index1D, T1, T2> AutoGrouped<T1, T2>(Accelerator accelerator,
        Action<Index1D, T1, T2> kernel)
        where T1 : struct
        where T2 : struct
    {
        Check(accelerator, kernel.Method, false);
        return Load(accelerator, kernel.Method, false, () => accelerator.LoadAutoGroupedKernel(kernel));
    }

    public static Action<AcceleratorStream, Index1D, T1, T2, T3> AutoGrouped<T1, T2, T3>(Accelerator accelerator,
        Action<Index1D, T1, T2, T3> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
    {
        Check(accelerator, kernel.Method, false);
        return Load(accelerator, kernel.Method, false, () => accelerator.LoadAutoGroupedKernel(kernel));
    }

    public static Action<AcceleratorStream, Index1D, T1, T2, T3, T4> AutoGrouped<T1, T2, T3, T4>(Accelerator accelerator,
        Action<Index1D, T1, T2, T3, T4> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
    {
        Check(accelerator, kernel.Method, false);
        return Load(accelerator, kernel.Method, false, () => accelerator.LoadAutoGroupedKernel(kernel));
    }

    public static Action<AcceleratorStream, KernelConfig, T1, T2> Explicit<T1, T2>(Accelerator accelerator,
        Action<T1, T2> kernel)
        where T1 : struct
        where T2 : struct
    {
        Check(accelerator, kernel.Method, true);
        return Load(accelerator, kernel.Method, true, () => accelerator.LoadKernel(kernel));
    }

    public static Action<AcceleratorStream, KernelConfig, T1, T2, T3, T4, T5> Explicit<T1, T2, T3, T4, T5>(
        Accelerator accelerator, Action<T1, T2, T3, T4, T5> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
    {
        Check(accelerator, kernel.Method, true);
        return Load(accelerator, kernel.Method, true, () => accelerator.LoadKernel(kernel));
    }
}
