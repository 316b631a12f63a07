using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// Emulated devices of one context compile a kernel once between them (<see cref="EmulatedKernelCache"/>), each
/// running it with launchers of its own, and the PTX check compiles a kernel method to PTX once.
/// </summary>
public sealed class EmulatedKernelCacheTests : IDisposable
{
    private readonly Context context = Context.Create(builder => builder.CPU(new CPUDevice(16, 4, 1)).Math(MathMode.Default));
    private readonly Accelerator first;
    private readonly Accelerator second;

    public EmulatedKernelCacheTests()
    {
        first = context.GetCPUDevice(0).CreateAccelerator(context);
        second = context.GetCPUDevice(0).CreateAccelerator(context);
    }

    [Fact]
    public void Two_devices_compile_a_kernel_once_and_each_runs_it_on_its_own_memory()
    {
        var onFirst = KernelLoading.AutoGrouped<ArrayView<double>, double>(first, ScaleKernel);
        Assert.Equal(1, EmulatedKernelCache.CompiledMethods(context));
        var onSecond = KernelLoading.AutoGrouped<ArrayView<double>, double>(second, ScaleKernel);
        Assert.Equal(1, EmulatedKernelCache.CompiledMethods(context));

        using var a = first.Allocate1D(new[] { 1.0, -2.0, double.NaN, double.PositiveInfinity });
        using var b = second.Allocate1D(new[] { 0.5, 4.0, -0.0 });
        onFirst(first.DefaultStream, (int)a.Length, a.View, 3.0);
        onSecond(second.DefaultStream, (int)b.Length, b.View, -2.0);
        first.Synchronize();
        second.Synchronize();
        Assert.Equal(new[] { 3.0, -6.0, double.NaN, double.PositiveInfinity }, a.GetAsArray1D());
        Assert.Equal(new[] { -1.0, -8.0, 0.0 }, b.GetAsArray1D());
    }

    [Fact]
    public void An_explicitly_grouped_kernel_shared_between_devices_keeps_its_groups()
    {
        var onFirst = KernelLoading.Explicit<ArrayView<int>, ArrayView<int>>(first, GroupIndexKernel);
        var onSecond = KernelLoading.Explicit<ArrayView<int>, ArrayView<int>>(second, GroupIndexKernel);
        Assert.Equal(1, EmulatedKernelCache.CompiledMethods(context));
        foreach (var (device, launch) in new[] { (first, onFirst), (second, onSecond) })
        {
            using var groups = device.Allocate1D<int>(3 * 8);
            using var threads = device.Allocate1D<int>(3 * 8);
            launch(device.DefaultStream, new KernelConfig(3, 8), groups.View, threads.View);
            device.Synchronize();
            Assert.Equal(Enumerable.Range(0, 24).Select(i => i / 8), groups.GetAsArray1D());
            Assert.Equal(Enumerable.Range(0, 24).Select(i => i % 8), threads.GetAsArray1D());
        }
    }

    [Fact]
    public void A_kernel_that_does_not_compile_fails_on_every_device()
    {
        Assert.ThrowsAny<Exception>(() => KernelLoading.AutoGrouped<ArrayView<int>, int>(first, ManagedAllocationKernel));
        Assert.ThrowsAny<Exception>(() => KernelLoading.AutoGrouped<ArrayView<int>, int>(second, ManagedAllocationKernel));
    }

    [Fact]
    public void A_context_that_compiled_nothing_holds_nothing()
    {
        using var other = Context.Create(builder => builder.CPU(CPUDevice.Default));
        Assert.Equal(0, EmulatedKernelCache.CompiledMethods(other));
    }

    [Fact]
    public void The_PTX_check_compiles_a_method_once_and_refuses_a_bad_one_every_time()
    {
        using var checkedContext = Context.Create(builder => builder.CPU(CPUDevice.Default).Math(MathMode.Default));
        PtxCheck.Enable(checkedContext);
        using var device = checkedContext.GetCPUDevice(0).CreateAccelerator(checkedContext);
        var method = ((Action<Index1D, ArrayView<double>, double>)ScaleKernel).Method;
        var once = PtxCheck.Verify(device, method, explicitlyGrouped: false);
        var again = PtxCheck.Verify(device, method, explicitlyGrouped: false);
        Assert.NotNull(once);
        Assert.Contains(".entry", once.Ptx);
        Assert.Same(once.Ptx, again!.Ptx);
        var exp = ((Action<Index1D, ArrayView<double>, double>)ExpKernel).Method;
        Assert.Throws<NotSupportedException>(() => PtxCheck.Verify(device, exp, explicitlyGrouped: false));
        Assert.Throws<NotSupportedException>(() => PtxCheck.Verify(device, exp, explicitlyGrouped: false));
    }

    private static void ScaleKernel(Index1D i, ArrayView<double> data, double factor) => data[i] *= factor;

    private static void ExpKernel(Index1D i, ArrayView<double> data, double unused) => data[i] = Math.Exp(data[i]) + unused;

    private static void GroupIndexKernel(ArrayView<int> groups, ArrayView<int> threads)
    {
        var at = Grid.IdxX * Group.DimX + Group.IdxX;
        Group.Barrier();
        groups[at] = Grid.IdxX;
        threads[at] = Group.IdxX;
    }

    private static void ManagedAllocationKernel(Index1D i, ArrayView<int> data, int length) => data[i] = length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

    public void Dispose()
    {
        second.Dispose();
        first.Dispose();
        context.Dispose();
    }
}
