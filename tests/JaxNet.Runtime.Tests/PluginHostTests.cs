using JaxNet.Abstractions;

namespace JaxNet.Runtime.Tests;

public sealed class PluginHostTests
{
    [Fact]
    public void The_cpu_plugin_is_found_in_the_apps_plugins_folder_and_loads_with_a_device()
    {
        using var registry = BackendRegistry.Create(TestPaths.Config());
        var cpu = registry.Get("cpu");
        Assert.Equal("cpu", cpu.Platform);
        Assert.NotEmpty(cpu.Devices);
        Assert.Equal(AbiVersion.Current, registry.Plugins.Single(p => p.Platform == "cpu").Abi);
        Assert.Equal("cpu", registry.DefaultBackend.Platform);
    }

    [Fact]
    public void The_abstractions_assembly_is_shared_with_the_plugin()
    {
        using var registry = BackendRegistry.Create(TestPaths.Config());
        var cpu = registry.Get("cpu");
        Assert.IsAssignableFrom<IBackend>(cpu);
        Assert.Same(typeof(IBackend).Assembly, cpu.GetType().GetInterfaces().Single(i => i.Name == nameof(IBackend)).Assembly);
        Assert.NotSame(typeof(BackendRegistry).Assembly, cpu.GetType().Assembly);
    }

    [Fact]
    public void Backend_settings_reach_the_plugin()
    {
        using var registry = BackendRegistry.Create(TestPaths.Config(("JAXNET_CPU_DEVICES", "3")));
        Assert.Equal(3, registry.Get("cpu").Devices.Count);
    }

    [Fact]
    public void A_bad_setting_is_reported_as_the_plugins_reason()
    {
        using var registry = BackendRegistry.Create(TestPaths.Config(("JAXNET_CPU_DEVICES", "many")));
        Assert.Null(registry.TryGet("cpu", out var reason));
        Assert.Contains("devices", reason);
    }

    [Fact]
    public void The_platform_list_picks_the_first_that_loads()
    {
        var config = TestPaths.Config(("JAXNET_PLATFORMS", "no-device,cpu"), ("JAXNET_PLUGIN_PATH", TestPaths.BrokenPlugins));
        using var registry = BackendRegistry.Create(config);
        Assert.Equal("cpu", registry.DefaultBackend.Platform);
    }

    [Fact]
    public void A_missing_plugin_folder_is_not_an_error()
    {
        var config = TestPaths.Config(("JAXNET_PLUGIN_PATH", "/nonexistent/jaxnet/plugins"));
        using var registry = BackendRegistry.Create(config);
        Assert.Contains(registry.Plugins, p => p.Platform == "cpu");
    }

    [Fact]
    public void A_platform_provided_twice_keeps_the_first()
    {
        using var registry = BackendRegistry.Create(TestPaths.Config(), [TestPaths.Plugins, TestPaths.Plugins]);
        var cpus = registry.Plugins.Where(p => p.Platform == "cpu").ToArray();
        Assert.Equal(2, cpus.Length);
        Assert.Equal(PluginState.Failed, cpus[1].State);
        Assert.Contains("already provided", cpus[1].Reason);
        Assert.NotNull(registry.Get("cpu"));
    }

    [Fact]
    public void Without_a_driver_cuda_is_reported_and_cpu_is_the_default()
    {
        using var registry = BackendRegistry.Create(TestPaths.Config());
        var cuda = registry.LoadAll().Single(p => p.Platform == "cuda");
        if (cuda.IsLoaded) return;   // a machine with an NVIDIA driver: nothing to check here
        Assert.Contains("libcuda.so.1", cuda.Reason);
        Assert.Equal("cpu", registry.DefaultBackend.Platform);
    }

    [Fact]
    public void Emulated_devices_are_never_the_default_but_load_by_name()
    {
        using var registry = BackendRegistry.Create(TestPaths.Config(("JAXNET_CUDA_EMULATE", "1")));
        Assert.Equal("cpu", registry.DefaultBackend.Platform);
        Assert.Contains(RuntimeLog.RecentLines(), l => l.Contains("platform 'cuda' skipped: its devices are emulated"));
        Assert.Equal("true", registry.Get("cuda").Devices[0].Attributes["emulated"]);
    }
}
