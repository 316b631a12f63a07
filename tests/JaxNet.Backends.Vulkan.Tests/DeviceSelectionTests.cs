using JaxNet.Abstractions;
using JaxNet.Backends.Vulkan.Driver;
using Silk.NET.Vulkan;
using Xunit;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>Device ordering and the "device" setting, on descriptions alone (no driver needed).</summary>
public sealed class DeviceSelectionTests
{
    private static PhysicalDeviceInfo Fake(string name, PhysicalDeviceType type) => new(default, name, type, Vk.Version13, "fake", 32, true,
        1 << 30, 0, true, true, true, true, true, true, true, true, true, 256, uint.MaxValue, 32768, 65535, 1024, FloatControls.None);

    private static readonly PhysicalDeviceInfo[] All =
    [
        Fake("llvmpipe", PhysicalDeviceType.Cpu),
        Fake("Intel UHD", PhysicalDeviceType.IntegratedGpu),
        Fake("NVIDIA H100", PhysicalDeviceType.DiscreteGpu),
    ];

    [Fact]
    public void OrdersDiscreteThenIntegratedThenCpu() =>
        Assert.Equal(["NVIDIA H100", "Intel UHD", "llvmpipe"], DeviceSelection.Select(All, null, _ => { }).Select(d => d.Name));

    [Fact]
    public void SelectsByIndexOrNameSubstring()
    {
        Assert.Equal("Intel UHD", Assert.Single(DeviceSelection.Select(All, "1", _ => { })).Name);
        Assert.Equal("llvmpipe", Assert.Single(DeviceSelection.Select(All, "LLVM", _ => { })).Name);
        Assert.Throws<BackendUnavailableException>(() => DeviceSelection.Select(All, "radeon", _ => { }));
        Assert.Throws<BackendUnavailableException>(() => DeviceSelection.Select(All, "5", _ => { }));
    }

    [Fact]
    public void SkipsDevicesWithoutVulkan12()
    {
        var log = new List<string>();
        var old = Fake("old", PhysicalDeviceType.DiscreteGpu) with { ApiVersion = Vk.Version11 };
        Assert.Empty(DeviceSelection.Select([old], null, log.Add));
        Assert.Contains(log, l => l.Contains("older than 1.2"));
    }
}
