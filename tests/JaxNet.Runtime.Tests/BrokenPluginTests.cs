using JaxNet.Abstractions;

namespace JaxNet.Runtime.Tests;

/// <summary>Each broken plugin is reported with its reason and skipped; the host goes on.</summary>
public sealed class BrokenPluginTests
{
    private static PluginReport LoadOne(string folder, string platform)
    {
        using var registry = BackendRegistry.Create(TestPaths.Config(), [TestPaths.BrokenPlugin(folder)]);
        registry.LoadAll();
        var report = Assert.Single(registry.Plugins);
        Assert.Equal(PluginState.Failed, report.State);
        Assert.Null(report.Backend);
        Assert.Null(registry.TryGet(platform, out var reason));
        Assert.Equal(report.Reason, reason);
        return report;
    }

    [Fact]
    public void A_plugin_that_throws_is_reported_with_the_exception()
    {
        var report = LoadOne("ThrowingPlugin", "throwing");
        Assert.Equal("throwing", report.Platform);
        Assert.Contains("InvalidOperationException", report.Reason);
        Assert.Contains("always fails", report.Reason);
    }

    [Fact]
    public void A_plugin_without_its_native_library_is_reported_as_such()
    {
        var report = LoadOne("MissingNativePlugin", "missing-native");
        Assert.StartsWith("missing native library", report.Reason);
        Assert.Contains("libjaxnet_test_driver_that_does_not_exist", report.Reason);
    }

    [Fact]
    public void A_plugin_of_another_major_abi_is_refused_naming_both_versions_before_its_code_runs()
    {
        var report = LoadOne("WrongAbiPlugin", "wrong-abi");
        Assert.Equal(new AbiVersion(2, 0), report.Abi);
        Assert.Contains("2.0", report.Reason);
        Assert.Contains(AbiVersion.Current.ToString(), report.Reason);
        Assert.DoesNotContain("instantiated", report.Reason);
    }

    [Fact]
    public void A_plugin_newer_than_the_host_is_refused()
    {
        var report = LoadOne("NewerMinorPlugin", "newer-minor");
        Assert.Contains("newer than the host", report.Reason);
        Assert.Contains("1.99", report.Reason);
    }

    [Fact]
    public void An_assembly_without_the_plugin_attribute_is_reported()
    {
        using var registry = BackendRegistry.Create(TestPaths.Config(), [TestPaths.BrokenPlugin("NoAttributePlugin")]);
        var report = Assert.Single(registry.Plugins);
        Assert.Equal(PluginState.Failed, report.State);
        Assert.Contains("no [assembly: BackendPlugin] attribute", report.Reason);
    }

    [Fact]
    public void A_plugin_without_a_device_gives_its_own_reason()
    {
        var report = LoadOne("NoDevicePlugin", "no-device");
        Assert.Equal("no test device found (this plugin never finds one)", report.Reason);
    }

    [Fact]
    public void A_folder_without_its_assembly_is_reported()
    {
        var root = Directory.CreateTempSubdirectory("jaxnet-empty-plugin-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "ghost"));
            using var registry = BackendRegistry.Create(TestPaths.Config(), [root.FullName]);
            var report = Assert.Single(registry.Plugins);
            Assert.Contains("no ghost.dll", report.Reason);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_corrupt_assembly_is_reported_not_thrown()
    {
        var root = Directory.CreateTempSubdirectory("jaxnet-corrupt-plugin-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root.FullName, "corrupt"));
            File.WriteAllText(Path.Combine(folder.FullName, "corrupt.dll"), "this is not a PE file");
            using var registry = BackendRegistry.Create(TestPaths.Config(), [root.FullName]);
            var report = Assert.Single(registry.Plugins);
            Assert.Equal(PluginState.Failed, report.State);
            Assert.Contains("not a loadable .NET assembly", report.Reason);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_broken_plugin_together_leaves_the_cpu_backend_as_default()
    {
        var config = TestPaths.Config(("JAXNET_PLATFORMS", "throwing,wrong-abi,missing-native,no-device,cpu"),
            ("JAXNET_PLUGIN_PATH", TestPaths.BrokenPlugins));
        using var registry = BackendRegistry.Create(config, [TestPaths.Plugins]);
        var all = registry.LoadAll();
        Assert.Equal(8, all.Count);   // cpu, cuda and the six broken ones
        Assert.Contains(all, r => r.Platform == "cpu" && r.IsLoaded);
        Assert.All(all.Where(r => r.Folder.StartsWith(TestPaths.BrokenPlugins, StringComparison.Ordinal)), r => Assert.False(r.IsLoaded));
        Assert.Equal("cpu", registry.DefaultBackend.Platform);
        Assert.Contains(RuntimeLog.RecentLines(), l => l.Contains("platform 'throwing' skipped"));
    }

    [Fact]
    public void No_loadable_platform_is_a_clear_error()
    {
        var config = TestPaths.Config(("JAXNET_PLATFORMS", "throwing,nonexistent"));
        using var registry = BackendRegistry.Create(config, [TestPaths.BrokenPlugins]);
        var error = Assert.Throws<BackendUnavailableException>(() => registry.DefaultBackend);
        Assert.Contains("'throwing' skipped", error.Message);
        Assert.Contains("no plugin for platform 'nonexistent'", error.Message);
    }
}
