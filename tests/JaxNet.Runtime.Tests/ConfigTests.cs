namespace JaxNet.Runtime.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Json_then_environment_with_environment_winning()
    {
        var dir = Directory.CreateTempSubdirectory("jaxnet-config-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "jaxnet.json"),
                """{ "platforms": "vulkan, CPU", "pluginPath": "/a", "backends": { "cpu": { "devices": 4, "threads": 2 } } }""");
            var fromFile = JaxNetConfig.FromSources(Path.Combine(dir.FullName, "jaxnet.json"), new Dictionary<string, string>());
            Assert.Equal(["vulkan", "cpu"], fromFile.Platforms);
            Assert.Equal(["/a"], fromFile.PluginPaths);
            Assert.Equal("4", fromFile.BackendSettings("cpu")["devices"]);
            Assert.Equal("2", fromFile.BackendSettings("cpu")["threads"]);

            var both = JaxNetConfig.FromSources(Path.Combine(dir.FullName, "jaxnet.json"),
                new Dictionary<string, string> { ["JAXNET_PLATFORMS"] = "cpu", ["JAXNET_CPU_DEVICES"] = "8" });
            Assert.Equal(["cpu"], both.Platforms);
            Assert.Equal("8", both.BackendSettings("cpu")["devices"]);
            Assert.Equal("2", both.BackendSettings("cpu")["threads"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Platform_names_with_dashes_map_to_underscored_variables()
    {
        var config = TestPaths.Config(("JAXNET_TPU_SIM_PRESET", "v1"), ("JAXNET_BACKENDS__CPU__DEVICES", "2"));
        Assert.Equal("v1", config.BackendSettings("tpu-sim")["preset"]);
        Assert.Equal("2", config.BackendSettings("cpu")["devices"]);
        Assert.Empty(config.BackendSettings("vulkan"));
    }

    [Fact]
    public void The_plugin_path_splits_on_the_path_separator()
    {
        var config = TestPaths.Config(("JAXNET_PLUGIN_PATH", $"/x{Path.PathSeparator}/y"));
        Assert.Equal(["/x", "/y"], config.PluginPaths);
        Assert.Null(config.Platforms);
    }

    [Fact]
    public void Invalid_json_is_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory("jaxnet-config-");
        try
        {
            var path = Path.Combine(dir.FullName, "jaxnet.json");
            File.WriteAllText(path, "{ platforms: ");
            var error = Assert.Throws<JaxNetConfigException>(() => JaxNetConfig.FromSources(path, new Dictionary<string, string>()));
            Assert.Contains("jaxnet.json is not valid JSON", error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
