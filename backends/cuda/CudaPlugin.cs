using System.Globalization;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using JaxNet.Abstractions;
using JaxNet.Backends.Cuda.Collectives;
using JaxNet.Backends.Cuda.Driver;
using CudaDevice = JaxNet.Backends.Cuda.Driver.CudaDevice;

[assembly: JaxNet.Abstractions.BackendPlugin("cuda", typeof(JaxNet.Backends.Cuda.CudaPlugin))]

namespace JaxNet.Backends.Cuda;

/// <summary>
/// The cuda plugin's entry point. Settings (jaxnet.json <c>backends:cuda</c> or <c>JAXNET_CUDA_*</c>):
/// <c>emulate</c> = 1 runs the plugin's kernels on ILGPU's CPU accelerator (no GPU needed; slow; for CI);
/// <c>memory_fraction</c> = share of each device's memory the caching allocator may hold (default 0.75);
/// <c>devices</c> = how many emulated devices (default 1); <c>cublas</c> = 0 makes float contractions use the
/// ILGPU GEMM instead of cuBLAS on a GPU; <c>ptx_check</c> = 0 skips compiling each emulated kernel to PTX too
/// (on by default, see <see cref="PtxCheck"/>); <c>ptxas</c> = the ptxas the PTX check assembles with (default:
/// ptxas on PATH when there is one; 0 for none); <c>profile</c> = 1 times each kernel (the stream is synchronised
/// around it, so the program runs slower) and lists the times in the executable's description. Without a driver or device it reports itself unavailable with the
/// reason.
/// </summary>
public sealed class CudaPlugin : IBackendPlugin
{
    public IBackend Create(PluginContext context)
    {
        var fraction = MemoryFraction(context);
        var emulate = context.Setting("emulate") is "1" or "true" or "yes";
        var useBlas = context.Setting("cublas") is not ("0" or "false" or "no");
        var ptxCheck = context.Setting("ptx_check") is not ("0" or "false" or "no");
        var useNccl = context.Setting("nccl") is not ("0" or "false" or "no");
        var profile = Profile(context);
        var backend = emulate
            ? Emulated(fraction, context.IntSetting("devices", 1), ptxCheck, ptxCheck ? Assembler(context) : null)
            : Native(fraction, DriverLibrary, useBlas, useNccl, context.Log);
        backend.Profile = profile;
        return backend;
    }

    private static bool Profile(PluginContext context) => context.Setting("profile") switch
    {
        null or "" or "0" or "false" or "no" => false,
        "1" or "true" or "yes" => true,
        var text => throw new BackendUnavailableException($"cuda: setting 'profile' must be 1 or 0, got '{text}'"),
    };

    private static Ptxas? Assembler(PluginContext context)
    {
        try
        {
            return Ptxas.Find(context.Setting("ptxas"));
        }
        catch (FileNotFoundException e)
        {
            throw new BackendUnavailableException($"cuda: {e.Message}", e);
        }
    }

    /// <summary>The CUDA driver library the plugin needs (overridable for the unavailable-path test).</summary>
    internal static string DriverLibrary { get; set; } = "libcuda.so.1";

    private static double MemoryFraction(PluginContext context)
    {
        var text = context.Setting("memory_fraction");
        if (text is null) return 0.75;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && f <= 1
            ? f
            : throw new BackendUnavailableException($"setting 'memory_fraction' must be a number in (0, 1], got '{text}'");
    }

    internal static CudaBackend Native(double fraction, string driverLibrary, bool useBlas = true, bool useNccl = true,
        Action<string>? log = null)
    {
        if (!NativeLibrary.TryLoad(driverLibrary, out var handle))
            throw new BackendUnavailableException($"no CUDA driver: {driverLibrary} not found (set JAXNET_CUDA_EMULATE=1 to run the kernels on ILGPU's CPU accelerator)");
        NativeLibrary.Free(handle);
        Context context;
        try
        {
            context = Context.Create(builder => builder.Cuda().Math(MathMode.Default));
        }
        catch (Exception e)
        {
            throw new BackendUnavailableException($"CUDA driver found but ILGPU could not initialise it: {e.Message}", e);
        }
        var cudaDevices = context.GetCudaDevices();
        if (cudaDevices.Count == 0)
        {
            context.Dispose();
            throw new BackendUnavailableException("CUDA driver found but no CUDA device");
        }
        var blas = useBlas ? CuBlas.TryLoad() : null;
        var nccl = useNccl ? NcclLibrary.TryLoad() : null;
        var devices = new CudaDevice[cudaDevices.Count];
        for (var i = 0; i < devices.Length; i++)
        {
            var device = cudaDevices[i];
            var info = new DeviceInfo(i, "gpu", device.MemorySize, new Dictionary<string, string>
            {
                ["name"] = device.Name,
                ["compute_capability"] = device.Architecture is { } a ? $"{a.Major}.{a.Minor}" : "unknown",
                ["multiprocessors"] = device.NumMultiprocessors.ToString(CultureInfo.InvariantCulture),
                ["driver"] = device.DriverVersion.ToString(),
                ["emulated"] = "false",
                ["cublas"] = blas?.Library ?? (useBlas ? "not found (ILGPU GEMM)" : "disabled (ILGPU GEMM)"),
                ["collectives"] = CudaCollectives.Describe(nccl, emulated: false),
            });
            devices[i] = new CudaDevice(i, device.CreateAccelerator(context), (long)(device.MemorySize * fraction), info) { Blas = blas };
        }
        var names = string.Join(", ", devices.Select(d => d.Info.Attributes["name"]));
        return new CudaBackend(context, devices, $"CUDA through ILGPU 1.5.3 (PTX): {names}", nccl, log);
    }

    internal static CudaBackend Emulated(double fraction, int count, bool ptxCheck = true, Ptxas? assembler = null)
    {
        if (count < 1) throw new BackendUnavailableException($"setting 'devices' must be at least 1, got {count}");
        // 16-thread warps, 4 warps a group: groups of 64 threads (the reduction and GEMM group sizes), on one simulated
        // multiprocessor. Its 64 threads are OS threads, so a group still runs on every core; but every thread of
        // every multiprocessor passes two barriers at each launch, so with a multiprocessor per core (as before
        // 2026-11-30) a launch of any size cost 128 thread switches on two cores. One also makes emulation the same
        // on every machine.
        var simulated = new CPUDevice(16, 4, 1);
        var context = Context.Create(builder => builder.CPU(simulated).Math(MathMode.Default));
        if (ptxCheck) PtxCheck.Enable(context, assembler);
        var cpu = context.GetCPUDevice(0);
        // The CPU accelerator reports long.MaxValue bytes; an emulated device has the host's memory.
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var devices = new CudaDevice[count];
        for (var i = 0; i < count; i++)
        {
            var accelerator = cpu.CreateAccelerator(context);
            var info = new DeviceInfo(i, "gpu", memory, new Dictionary<string, string>
            {
                ["name"] = "ILGPU CPU accelerator (emulated CUDA device)",
                ["compute_capability"] = "emulated",
                ["warp_size"] = accelerator.WarpSize.ToString(CultureInfo.InvariantCulture),
                ["emulated"] = "true",
                ["collectives"] = CudaCollectives.Describe(null, emulated: true),
                ["ptx_check"] = !ptxCheck ? "off" : assembler is null
                    ? $"each kernel compiled to PTX for {Ptxas.Architecture} (no ptxas found to assemble it)"
                    : $"each kernel compiled to PTX and assembled for {Ptxas.Architecture} by {assembler.Path}",
            });
            devices[i] = new CudaDevice(i, accelerator, (long)(memory * fraction), info);
        }
        return new CudaBackend(context, devices,
            $"CUDA kernels EMULATED on ILGPU 1.5.3's CPU accelerator ({count} device(s); JAXNET_CUDA_EMULATE=1): correct, not fast");
    }
}
