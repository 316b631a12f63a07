using System.Reflection;
using JaxNet.Abstractions;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// ptxas assembles what the PTX check compiles, as the driver's JIT would on the GPU: a kernel it refuses fails
/// with its reason, an older ptxas still reads ILGPU's newer version header, and its figures are read back.
/// </summary>
public sealed class PtxasTests
{
    private const string Verbose = """
        ptxas info    : 0 bytes gmem
        ptxas info    : Compiling entry function 'Kernel_Run' for 'sm_90'
        ptxas info    : Function properties for Kernel_Run
            256 bytes stack frame, 8 bytes spill stores, 12 bytes spill loads
        ptxas info    : Used 38 registers, 1024 bytes smem, 560 bytes cmem[0]
        """;

    [Fact]
    public void The_verbose_report_is_read()
    {
        Assert.Equal(new PtxasReport(38, 256, 8, 12, 1024), PtxasReport.Parse(Verbose));
        Assert.Equal(new PtxasReport(10, 0, 0, 0, 0), PtxasReport.Parse("ptxas info    : Used 10 registers, 1176 bytes cmem[0]\n" +
            "    0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads"));
        Assert.Throws<FormatException>(() => PtxasReport.Parse("ptxas info    : 0 bytes gmem"));
    }

    [Fact]
    public void A_ptxas_setting_naming_a_missing_file_makes_the_plugin_unavailable()
    {
        var context = new PluginContext("cuda", AppContext.BaseDirectory,
            new Dictionary<string, string?> { ["emulate"] = "1", ["ptxas"] = "/nonexistent/ptxas" }, _ => { });
        var error = Assert.Throws<BackendUnavailableException>(() => new CudaPlugin().Create(context));
        Assert.Contains("/nonexistent/ptxas", error.Message);
        Assert.Null(Ptxas.Find("0"));
    }

    [PtxasFact]
    public void Ptx_that_ptxas_refuses_fails_with_its_reason()
    {
        var ptxas = Ptxas.Find(null)!;
        var broken = ScalePtx().Replace("mul.f64", "mul.nosuchtype");
        var error = Assert.Throws<NotSupportedException>(() => ptxas.Assemble(broken));
        Assert.Contains($"refuses it for {Ptxas.Architecture}", error.Message);
        Assert.Contains("kernel.ptx, line", error.Message);
    }

    [PtxasFact]
    public void A_newer_version_header_is_lowered_to_the_one_ptxas_reads()
    {
        var ptx = System.Text.RegularExpressions.Regex.Replace(ScalePtx(), @"\.version \d+\.\d+", ".version 99.9");
        var report = Ptxas.Find(null)!.Assemble(ptx);
        Assert.InRange(report.Registers, 1, 32);
        Assert.Equal(0, report.StackBytes);
    }

    [PtxasFact]
    public void The_emulated_plugin_assembles_each_kernel_it_loads_and_says_so()
    {
        using var backend = CudaPlugin.Emulated(0.1, 1, ptxCheck: true, Ptxas.Find(null));
        Assert.Contains("assembled for sm_90 by", backend.Device(0).Info.Attributes["ptx_check"]);
        var seen = new List<PtxasReport>();
        var accelerator = backend.Device(0).Accelerator;
        PtxCheck.Enable(accelerator.Context, Ptxas.Find(null), (_, report) => seen.Add(report));
        KernelLoading.AutoGrouped<ILGPU.ArrayView<double>, double>(accelerator, Scale);
        Assert.Single(seen);
    }

    private static void Scale(ILGPU.Index1D i, ILGPU.ArrayView<double> data, double factor) => data[i] *= factor;

    private static string ScalePtx() =>
        PtxOf.Method(typeof(PtxasTests).GetMethod(nameof(Scale), BindingFlags.NonPublic | BindingFlags.Static)!, explicitlyGrouped: false);
}
