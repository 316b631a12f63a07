using JaxNet.Abstractions;
using JaxNet.Cli.Commands;

namespace JaxNet.Runtime.Tests;

/// <summary>The jaxnet tool's commands, run in process on the plugins the build placed beside the tests.</summary>
public sealed class CliTests
{
    [Fact]
    public void Backends_lists_cpu_loaded_and_each_broken_plugin_with_its_reason()
    {
        var config = TestPaths.Config(("JAXNET_PLUGIN_PATH", TestPaths.BrokenPlugins), ("JAXNET_CPU_DEVICES", "2"));
        using var registry = BackendRegistry.Create(config, [TestPaths.Plugins]);
        var output = new StringWriter();
        Assert.Equal(0, BackendsCommand.Run(registry, output));
        var text = output.ToString();
        Assert.Contains($"cpu: loaded, ABI {AbiVersion.Current}", text);
        Assert.Contains("device 1: cpu", text);
        Assert.Contains("wrong-abi: not loaded, ABI 2.0", text);
        Assert.Contains($"reason: plugin ABI 2.0 has another major version than the host's ABI {AbiVersion.Current}", text);
        Assert.Contains("reason: missing native library: libjaxnet_test_driver_that_does_not_exist", text);
        Assert.Contains("throwing: not loaded", text);
        Assert.Contains("no-device: not loaded", text);
        Assert.Contains("NoAttributePlugin: not loaded", text);
        Assert.Contains("default backend: cpu", text);
    }

    [Fact]
    public void Backends_without_any_plugin_says_so_and_fails()
    {
        using var registry = BackendRegistry.Create(TestPaths.Config(), ["/nonexistent/jaxnet"]);
        var output = new StringWriter();
        Assert.Equal(1, BackendsCommand.Run(registry, output));
        Assert.Contains("no plugins found", output.ToString());
        Assert.Contains("default backend: none", output.ToString());
    }

    [Theory]
    [InlineData("--backend")]
    [InlineData("--nope", "x")]
    [InlineData("stray")]
    public void Bad_options_are_usage_errors(params string[] args)
    {
        Assert.Throws<CommandLineException>(() => CommandLine.Parse(args, ["backend"]));
    }

    [Fact]
    public void Options_take_a_separate_or_an_attached_value()
    {
        var options = CommandLine.Parse(["--backend", "cpu", "--report=out.json"], ["backend", "report"]);
        Assert.Equal("cpu", options["backend"]);
        Assert.Equal("out.json", options["report"]);
        Assert.Null(options["filter"]);
    }
}
