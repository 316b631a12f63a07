using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Vulkan.Driver;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>
/// The buffer limit the backend states (<see cref="BackendCapabilities.MaxKernelBuffers"/>): the devices' storage-buffer
/// bindings less what a pass binds of its own, or the lower limit asked for with the setting max_kernel_buffers; a
/// kernel beyond it is refused at compile time, naming the limit.
/// </summary>
public sealed class KernelBufferLimitTests
{
    [VulkanFact]
    public void The_stated_limit_is_the_devices_bindings_less_the_passes_own()
    {
        var backend = VulkanAvailability.Backend;
        var bindings = backend.Devices.Min(d => long.Parse(d.Attributes["max_storage_buffers"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(bindings >= 4, $"Vulkan guarantees 4 storage buffers per stage, the device states {bindings}");
        Assert.Equal((int?)Math.Clamp(bindings - KernelBufferLimit.ExtraBindings, BackendCapabilities.MinKernelBuffers, int.MaxValue),
            backend.Capabilities.MaxKernelBuffers);
    }

    [VulkanFact]
    public void A_lower_limit_may_be_asked_for_and_a_higher_one_is_the_devices()
    {
        using (var limited = Create("8")) Assert.Equal(8, limited.Capabilities.MaxKernelBuffers);
        using var unbounded = Create(int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(VulkanAvailability.Backend.Capabilities.MaxKernelBuffers, unbounded.Capabilities.MaxKernelBuffers);
    }

    [VulkanFact]
    public void A_limit_under_the_abis_floor_or_not_a_number_is_refused()
    {
        Assert.Contains("at least 4", Assert.Throws<BackendUnavailableException>(() => Create("3")).Message);
        Assert.Contains("integer", Assert.Throws<BackendUnavailableException>(() => Create("many")).Message);
    }

    [VulkanFact]
    public void A_kernel_over_the_limit_is_refused_and_one_at_it_runs()
    {
        using var backend = Create("8");
        var error = Assert.Throws<KernelCompilationException>(() => backend.Compile(SumModule(8), CompileOptions.Default));
        Assert.Contains("touches 9 buffers, more than the 8", error.Message);
        using var exe = backend.Compile(SumModule(7), CompileOptions.Default);
        Assert.NotNull(exe);
    }

    /// <summary>A module of one kernel that sums <paramref name="inputs"/> vectors of 3 floats into one more buffer.</summary>
    private static KernelModule SumModule(int inputs)
    {
        int[] shape = [3];
        var p = new ScalarProgramBuilder();
        var sum = Enumerable.Range(1, inputs - 1).Aggregate(p.Load(0, DType.Float32), (acc, i) => p.Binary(BinaryOp.Add, acc, p.Load(i, DType.Float32)));
        var kernel = new ElementwiseKernel("wide_sum", shape, Enumerable.Range(0, inputs).Select(i => Contiguous(i, DType.Float32, shape)).ToArray(),
            p.Build(sum), [inputs]);
        var decls = Enumerable.Range(0, inputs + 1).Select(i => new BufferDecl(i, i < inputs ? BufferRole.Parameter : BufferRole.Result, 12)).ToList();
        return new KernelModule("wide_sum", decls, [kernel], Enumerable.Range(0, inputs).ToArray(), [inputs]);
    }

    private static IBackend Create(string maxKernelBuffers)
    {
        var settings = new Dictionary<string, string?>
        {
            ["cache"] = Path.Combine(Path.GetTempPath(), "jaxnet-vulkan-tests-cache"),
            ["max_kernel_buffers"] = maxKernelBuffers,
        };
        return new VulkanPlugin().Create(new PluginContext("vulkan", AppContext.BaseDirectory, settings, _ => { }));
    }
}
