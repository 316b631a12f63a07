using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// The PTX check of emulated devices: a kernel ILGPU's PTX backend cannot compile must fail on the emulated device
/// as it would on a GPU, and a kernel it can compile must still load and run.
/// </summary>
public sealed class PtxCheckTests : IDisposable
{
    private readonly Context context = Context.Create(builder => builder.CPU(CPUDevice.Default).Math(MathMode.Default));
    private readonly Accelerator accelerator;

    public PtxCheckTests()
    {
        PtxCheck.Enable(context);
        accelerator = context.GetCPUDevice(0).CreateAccelerator(context);
    }

    [Fact]
    public void A_kernel_calling_Math_Exp_is_refused_with_the_PTX_backends_reason()
    {
        var error = Assert.Throws<NotSupportedException>(() => KernelLoading.AutoGrouped<ArrayView<double>, double>(accelerator, ExpKernel));
        Assert.Contains("does not compile to PTX for sm_90", error.Message);
        Assert.Contains("ExpF", error.Message);
    }

    [Fact]
    public void A_kernel_of_plain_arithmetic_passes_the_check_and_runs()
    {
        var kernel = KernelLoading.AutoGrouped<ArrayView<double>, double>(accelerator, ScaleKernel);
        using var buffer = accelerator.Allocate1D(new[] { 1.0, -2.0, 0.5 });
        kernel(accelerator.DefaultStream, (int)buffer.Length, buffer.View, 3.0);
        accelerator.Synchronize();
        Assert.Equal(new[] { 3.0, -6.0, 1.5 }, buffer.GetAsArray1D());
    }

    [Fact]
    public void Without_the_check_the_CPU_accelerator_runs_what_a_GPU_would_refuse()
    {
        using var plain = Context.Create(builder => builder.CPU(CPUDevice.Default).Math(MathMode.Default));
        using var cpu = plain.GetCPUDevice(0).CreateAccelerator(plain);
        var kernel = KernelLoading.AutoGrouped<ArrayView<double>, double>(cpu, ExpKernel);
        using var buffer = cpu.Allocate1D(new[] { 0.0, 1.0 });
        kernel(cpu.DefaultStream, 2, buffer.View, 0);
        cpu.Synchronize();
        Assert.Equal(new[] { 1.0, Math.E }, buffer.GetAsArray1D());
    }

    private static void ExpKernel(Index1D i, ArrayView<double> data, double unused) => data[i] = Math.Exp(data[i]) + unused;

    private static void ScaleKernel(Index1D i, ArrayView<double> data, double factor) => data[i] *= factor;

    public void Dispose()
    {
        accelerator.Dispose();
        context.Dispose();
    }
}
