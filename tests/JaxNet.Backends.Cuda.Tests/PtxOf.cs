using System.Reflection;
using JaxNet.Backends.Cuda.Driver;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>The PTX (sm_90) of one kernel method, compiled by the PTX check on a fresh emulated device.</summary>
internal static class PtxOf
{
    public static string Method(MethodInfo kernel, bool explicitlyGrouped)
    {
        using var backend = CudaPlugin.Emulated(0.1, 1);
        var accelerator = backend.Device(0).Accelerator;
        PtxCheck.Enable(accelerator.Context);
        return PtxCheck.Verify(accelerator, kernel, explicitlyGrouped)!.Ptx;
    }
}
