using JaxNet.Abstractions;

namespace JaxNet.Backends.CpuSimd.Tests;

public sealed class BackendTests
{
    [Fact]
    public void DevicesFollowTheSetting()
    {
        using var one = TestBackend.Create();
        using var eight = TestBackend.Create(8);
        Assert.Single(one.Devices);
        Assert.Equal(8, eight.Devices.Count);
        Assert.Equal(Enumerable.Range(0, 8), eight.Devices.Select(d => d.Id));
        Assert.All(eight.Devices, d => Assert.Equal("cpu", d.Kind));
        Assert.All(eight.Devices, d => Assert.True(d.MemoryBytes > 0));
        Assert.Contains(one.Devices[0].Attributes["isa"], new[] { "avx512", "avx2", "scalar" });
        Assert.Equal(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), one.Devices[0].Attributes["cores"]);
        Assert.Equal("cpu", one.Platform);
        Assert.Contains(one.Devices[0].Attributes["isa"], one.Description);
    }

    [Fact]
    public void DefaultsToOneDevice()
    {
        using var backend = new CpuPlugin().Create(new PluginContext("cpu", ".", new Dictionary<string, string?>(), _ => { }));
        Assert.Single(backend.Devices);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public void RejectsBadDeviceCounts(string setting)
    {
        var context = new PluginContext("cpu", ".", new Dictionary<string, string?> { ["devices"] = setting }, _ => { });
        var error = Assert.Throws<BackendUnavailableException>(() => new CpuPlugin().Create(context));
        Assert.Contains("devices", error.Message);
    }

    [Fact]
    public void CapabilitiesCoverEveryDTypeAndKind()
    {
        using var backend = TestBackend.Create();
        Assert.Equal(DTypeInfo.All.ToHashSet(), backend.Capabilities.DTypes);
        Assert.Equal(Enum.GetValues<JaxNet.Abstractions.Kernels.KernelKind>().ToHashSet(), backend.Capabilities.KernelKinds);
        Assert.Equal(Enum.GetValues<CollectiveKind>().ToHashSet(), backend.Capabilities.Collectives);
        Assert.True(backend.Capabilities.MaxRank >= 8);
        Assert.NotNull(backend.Collectives);
    }

    [Fact]
    public void PluginAttributeNamesTheCpuPlatform()
    {
        var attribute = typeof(CpuPlugin).Assembly.GetCustomAttributes(typeof(BackendPluginAttribute), false)
            .Cast<BackendPluginAttribute>().Single();
        Assert.Equal("cpu", attribute.Platform);
        Assert.Equal(typeof(CpuPlugin), attribute.EntryType);
    }
}
