using System.Globalization;
using System.Text.Json;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Machine;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>Describe() reports, the Chrome trace, settings and machine descriptions, and the gemm command.</summary>
public class ReportAndPluginTests
{
    private static ContractionKernel MatMul(int m, int k, int n) =>
        new("mm", new TensorRef(0, DType.Float32, [m, k]), new TensorRef(1, DType.Float32, [k, n]),
            DotDimensions.MatMul, Precision.Default, DType.Float32, null, 2);

    private static Dictionary<string, string> Fields(string line) =>
        line.Split(' ').Where(p => p.Contains('=')).ToDictionary(p => p[..p.IndexOf('=')], p => p[(p.IndexOf('=') + 1)..]);

    [Fact]
    public void DescribeReportsEveryKernelAndTheTotalInAParseableForm()
    {
        var backend = Backend();
        var exe = backend.Compile(Module(MatMul(128, 784, 512), [4 * 128 * 784, 4 * 784 * 512], [4 * 128 * 512]), CompileOptions.Default);
        var lines = exe.Describe().Split('\n');
        var kernel = Fields(lines.Single(l => l.StartsWith("tpu-sim kernel ", StringComparison.Ordinal)));
        var total = Fields(lines.Single(l => l.StartsWith("tpu-sim total ", StringComparison.Ordinal)));
        Assert.Equal("mm", kernel["name"]);
        Assert.Equal("mxu", kernel["unit"]);
        // WS on 4 MXUs of 128x128: K=784 -> 7 row folds, N=512 -> 4 col folds, 28 folds, 7 per MXU of 128 + 128 + 128 - 2 cycles.
        Assert.Equal("28", kernel["folds"]);
        Assert.Equal(128 + 7 * 382, long.Parse(kernel["compute_cycles"]));
        Assert.Equal(4L * (128 * 784 + 784 * 512 + 128 * 512), long.Parse(kernel["hbm_bytes"]));
        var util = double.Parse(kernel["mxu_util"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(util, 0.01, 1.0);
        Assert.Equal(kernel["cycles"], total["cycles"]);
    }

    [Fact]
    public void MemoryBoundKernelsStall()
    {
        // A big elementwise copy-like kernel does one op per register but moves many bytes.
        int[] shape = [1 << 20];
        var kernel = new ElementwiseKernel("neg", shape, [Input(0, DType.Float32, shape)],
            new ScalarProgramBuilder().Let(b => b.Build(b.Unary(UnaryOp.Neg, b.Load(0, DType.Float32)))), [1]);
        var timing = new Timing.KernelCostModel(TpuMachine.V4).Estimate(kernel);
        Assert.True(timing.StallCycles > 0);
        Assert.Equal(8L << 20, timing.HbmBytes);
        var exp = kernel with { Program = new ScalarProgramBuilder().Let(b => b.Build(b.Unary(UnaryOp.Exp, b.Load(0, DType.Float32)))) };
        Assert.True(new Timing.KernelCostModel(TpuMachine.V4).Estimate(exp).ComputeCycles > timing.ComputeCycles);
    }

    [Fact]
    public void LaunchesWriteAChromeTraceOfSimulatedTime()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tpusim-trace-{Guid.NewGuid():N}.json");
        try
        {
            var backend = Backend(trace: path);
            Run(MatMul(4, 4, 4), [new byte[64], new byte[64]], [64], backend);
            Run(MatMul(4, 4, 4), [new byte[64], new byte[64]], [64], backend);
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var events = json.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
            Assert.Equal(2, events.Length);
            Assert.Equal("X", events[0].GetProperty("ph").GetString());
            Assert.Equal(events[0].GetProperty("dur").GetDouble(), events[1].GetProperty("ts").GetDouble(), 9);
            Assert.True(backend.SimulatedCycles(0) > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static PluginContext Context(params (string Key, string Value)[] settings) =>
        new("tpu-sim", AppContext.BaseDirectory, settings.ToDictionary(s => s.Key, s => (string?)s.Value), _ => { });

    [Fact]
    public void PresetsAndJsonDescriptionsConfigureTheMachine()
    {
        var plugin = new TpuSimPlugin();
        var v1 = (TpuSimBackend)plugin.Create(Context(("preset", "v1")));
        Assert.Equal(256, v1.Machine.Mxu.Rows);
        Assert.Equal(700, v1.Machine.ClockMHz);
        var path = Path.Combine(Path.GetTempPath(), $"tpusim-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, """{ "preset": "v4", "name": "tiny", "mxu": { "count": 1, "rows": 8, "cols": 8, "dataflow": "OutputStationary" } }""");
            var tiny = (TpuSimBackend)plugin.Create(Context(("config", path)));
            Assert.Equal("tiny", tiny.Machine.Name);
            Assert.Equal(8, tiny.Machine.Mxu.Cols);
            Assert.Equal(Dataflow.OutputStationary, tiny.Machine.Mxu.Dataflow);
            Assert.Equal(1050, tiny.Machine.ClockMHz);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Throws<BackendUnavailableException>(() => plugin.Create(Context(("preset", "v9"))));
    }

    [Fact]
    public void GemmCommandPrintsScaleSimFigures()
    {
        var plugin = new TpuSimPlugin();
        var output = new StringWriter();
        var code = plugin.RunCommand(["gemm", "--rows", "8", "--cols", "8", "--dataflow", "ws", "--m", "20", "--k", "12", "--n", "10", "--json"],
            output, Context());
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(167, json.RootElement.GetProperty("total_cycles").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("stall_cycles").GetInt64());
        Assert.Equal(22.45508982035928, json.RootElement.GetProperty("overall_util_pct").GetDouble(), 5);
        Assert.Equal(46.875, json.RootElement.GetProperty("mapping_eff_pct").GetDouble(), 5);
        Assert.Equal(19.13265306122449, json.RootElement.GetProperty("compute_util_pct").GetDouble(), 5);

        var stepped = new StringWriter();
        plugin.RunCommand(["gemm", "--rows", "8", "--cols", "8", "--dataflow", "ws", "--m", "20", "--k", "12", "--n", "10", "--model", "stepped", "--json"],
            stepped, Context());
        Assert.Equal(output.ToString(), stepped.ToString());

        var limited = new StringWriter();
        plugin.RunCommand(["gemm", "--rows", "8", "--cols", "8", "--dataflow", "os", "--m", "64", "--k", "64", "--n", "64", "--sram", "1,1,1", "--bandwidth", "1"],
            limited, Context());
        Assert.DoesNotContain("stall cycles:        0\n", limited.ToString());
        Assert.Equal(2, plugin.RunCommand(["gemm", "--rows", "8"], new StringWriter(), Context()));
        Assert.Equal(2, plugin.RunCommand(["nonsense"], new StringWriter(), Context()));
    }

    [Fact]
    public void CollectiveCommandComparesTheRingWithThePerDimensionAlgorithm()
    {
        var plugin = new TpuSimPlugin();
        var output = new StringWriter();
        Assert.Equal(0, plugin.RunCommand(["collective", "--torus", "2x2x2", "--bytes", "256M"], output, Context()));
        var rows = output.ToString().Split('\n').Where(l => l.Contains("268,435,456")).ToArray();
        Assert.Equal(2, rows.Length);
        // On v4's 50 GB/s links a ring's bus bandwidth is two links' (about 100 GB/s); three dimensions give three times that.
        double BusBandwidth(string row) => double.Parse(row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
        Assert.InRange(BusBandwidth(rows[0]), 95, 100);
        Assert.InRange(BusBandwidth(rows[1]), 285, 300);

        var line = new StringWriter();
        Assert.Equal(0, plugin.RunCommand(["collective", "--torus", "8", "--op", "all-gather", "--bytes", "1M"], line, Context()));
        Assert.DoesNotContain("per-dimension", line.ToString());
        Assert.Equal(2, plugin.RunCommand(["collective", "--torus", "2x2", "--bytes", "0"], new StringWriter(), Context()));
        Assert.Equal(2, plugin.RunCommand(["collective", "--torus", "2x2", "--op", "scan"], new StringWriter(), Context()));
        Assert.Equal(2, plugin.RunCommand(["collective", "--torus", "2xq"], new StringWriter(), Context()));
        Assert.Equal(2, plugin.RunCommand(["collective"], new StringWriter(), Context()));
    }

    [Fact]
    public void TheAssemblyDeclaresThePlugin()
    {
        var attribute = typeof(TpuSimPlugin).Assembly.GetCustomAttributes(typeof(BackendPluginAttribute), false)
            .Cast<BackendPluginAttribute>().Single();
        Assert.Equal("tpu-sim", attribute.Platform);
        Assert.Equal(typeof(TpuSimPlugin), attribute.EntryType);
        Assert.Equal(AbiVersion.Current, attribute.AbiVersion);
    }
}

internal static class BuilderExtensions
{
    /// <summary>Runs <paramref name="build"/> on the builder: lets a program be written inline.</summary>
    public static ScalarProgram Let(this ScalarProgramBuilder builder, Func<ScalarProgramBuilder, ScalarProgram> build) => build(builder);
}
