using JaxNet.Abstractions;

namespace JaxNet.Backends.Vulkan.Driver;

/// <summary>
/// The most buffers one kernel may touch (<see cref="BackendCapabilities.MaxKernelBuffers"/>) on the selected devices.
/// Every buffer a shader reads or writes is one storage-buffer binding of its one descriptor set, so the device's
/// binding limit (<see cref="PhysicalDeviceInfo.MaxStorageBufferBindings"/>) bounds a kernel, less the bindings a pass
/// adds of its own (<see cref="ExtraBindings"/>). A lower limit may be asked for (setting <c>max_kernel_buffers</c>),
/// to run the host's splitting of wide fusions on a device whose own limit no test reaches (lavapipe's is in the
/// millions).
/// </summary>
internal static class KernelBufferLimit
{
    /// <summary>
    /// Bindings a pass may need beyond the kernel's buffers: a split reduction's partial values and indices (two scratch
    /// buffers); a scan's carries, a long sort's permutation and a scatter's second (word) view of its output add one.
    /// </summary>
    public const int ExtraBindings = 2;

    /// <summary>The limit to state: the devices' (the smallest), or <paramref name="requested"/> where that is lower.</summary>
    public static int Of(IEnumerable<PhysicalDeviceInfo> devices, int? requested)
    {
        if (requested < BackendCapabilities.MinKernelBuffers)
            throw new BackendUnavailableException(
                $"setting max_kernel_buffers must be at least {BackendCapabilities.MinKernelBuffers}, got {requested}");
        var bindings = devices.Min(d => d.MaxStorageBufferBindings);
        // The ABI's floor: a device under it (Vulkan allows 4 bindings) still takes what fits; ModuleCompiler refuses more.
        var own = (int)Math.Clamp((long)bindings - ExtraBindings, BackendCapabilities.MinKernelBuffers, int.MaxValue);
        return Math.Min(own, requested ?? int.MaxValue);
    }
}
