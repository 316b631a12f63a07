using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>The <c>profile</c> setting: each kernel's time in the executable's description, and bad values refused.</summary>
public sealed class KernelProfileTests
{
    private static IBackend Create(string profile) =>
        new CpuPlugin().Create(new PluginContext("cpu", AppContext.BaseDirectory,
            new Dictionary<string, string?> { ["profile"] = profile }, _ => { }));

    private static Kernel Negate(int input, int output)
    {
        var b = new ScalarProgramBuilder();
        return new ElementwiseKernel("negate", [4], [new MappedInput(input, DType.Float32, IndexMap.Identity([4]))],
            b.Build(b.Unary(UnaryOp.Neg, b.Load(0, DType.Float32))), [output]);
    }

    [Fact]
    public void A_profiled_executable_reports_each_kernels_time()
    {
        using var h = new ModuleHarness(Create("1"));
        var x = h.Input(new float[] { 1, 2, 3, 4 });
        var y = h.Output(16);
        Assert.Contains("negate: ", h.Backend.Compile(h.Module(Negate(x, y)), CompileOptions.Default).Describe());
        Assert.Contains("; not run yet", h.Backend.Compile(h.Module(Negate(x, y)), CompileOptions.Default).Describe());
        h.Run(Negate(x, y));
        Assert.Equal(new float[] { -1, -2, -3, -4 }, h.Result<float>(y));
        Assert.Matches(@"negate: .*; mean \d+\.\d us, best \d+\.\d us over \d+ launches", h.Executable!.Describe());
    }

    [Fact]
    public void Without_the_setting_nothing_is_timed()
    {
        using var h = new ModuleHarness(Create(""));
        var x = h.Input(new float[] { 1, 2, 3, 4 });
        var y = h.Output(16);
        h.Run(Negate(x, y));
        Assert.DoesNotContain("; mean", h.Executable!.Describe());
    }

    [Fact]
    public void A_bad_value_is_refused()
    {
        var e = Assert.Throws<BackendUnavailableException>(() => Create("sometimes"));
        Assert.Contains("'profile' must be 1 or 0", e.Message);
    }
}
