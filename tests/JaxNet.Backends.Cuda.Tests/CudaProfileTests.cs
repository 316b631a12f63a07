using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>The <c>profile</c> setting: each kernel's time in the executable's description, and bad values refused.</summary>
public sealed class CudaProfileTests
{
    private static IBackend Create(string profile) =>
        new CudaPlugin().Create(new PluginContext("cuda", AppContext.BaseDirectory,
            new Dictionary<string, string?> { ["emulate"] = "1", ["ptx_check"] = "0", ["profile"] = profile }, _ => { }));

    private static KernelModule Negate()
    {
        var b = new ScalarProgramBuilder();
        var kernel = new ElementwiseKernel("negate", [4], [new MappedInput(0, DType.Float32, IndexMap.Identity([4]))],
            b.Build(b.Unary(UnaryOp.Neg, b.Load(0, DType.Float32))), [1]);
        return new KernelModule("m", [new BufferDecl(0, BufferRole.Parameter, 16), new BufferDecl(1, BufferRole.Result, 16)],
            [kernel], [0], [1]);
    }

    private static string RunTwice(IBackend backend)
    {
        using var exe = backend.Compile(Negate(), CompileOptions.Default);
        var input = backend.Allocate(0, 16);
        var output = backend.Allocate(0, 16);
        backend.CopyToDevice(Emulated.Bytes(1f, 2f, 3f, 4f), input, 0).Wait();
        var before = exe.Describe();
        for (var i = 0; i < 2; i++) backend.Launch(exe, 0, [input], [output]).Wait();
        var bytes = new byte[16];
        backend.CopyToHost(output, 0, bytes).Wait();
        Assert.Equal(new[] { -1f, -2f, -3f, -4f }, Emulated.Values<float>(bytes));
        backend.Free(input);
        backend.Free(output);
        return before + "\n--\n" + exe.Describe();
    }

    [Fact]
    public void A_profiled_executable_reports_each_kernels_time()
    {
        using var backend = Create("1");
        var text = RunTwice(backend).Split("\n--\n");
        Assert.Contains("elementwise negate; not run yet", text[0]);
        Assert.Matches(@"elementwise negate; mean \d+\.\d us, best \d+\.\d us over 2 launches", text[1]);
    }

    [Fact]
    public void Without_the_setting_nothing_is_timed()
    {
        using var backend = Create("");
        Assert.DoesNotContain("cuda profile", RunTwice(backend));
    }

    [Fact]
    public void A_bad_value_is_refused()
    {
        var e = Assert.Throws<BackendUnavailableException>(() => Create("sometimes"));
        Assert.Contains("'profile' must be 1 or 0", e.Message);
    }
}
