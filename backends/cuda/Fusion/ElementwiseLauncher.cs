using ILGPU;
using ILGPU.Runtime;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Fusion;

/// <summary>A fused elementwise kernel loaded on one accelerator: one thread per point on a GPU, a strided share
/// of the points per thread in emulation (see <see cref="GridStride"/>).</summary>
internal interface IElementwiseLauncher
{
    void Launch(AcceleratorStream stream, long points, Slots slots, ArrayView<long> meta);
}

/// <summary>
/// Loads the ILGPU kernel for one step tree type. Instantiated with MakeGenericType, so the kernel method is
/// statically typed here and ILGPU compiles it (to PTX, or runs it on the CPU accelerator) once per tree type.
/// </summary>
internal sealed class ElementwiseLauncher<TStep> : IElementwiseLauncher where TStep : struct, IStep
{
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, TStep, GridStride> kernel;
    private readonly Accelerator accelerator;
    private readonly TStep step;

    public ElementwiseLauncher(Accelerator accelerator, object step, int registers)
    {
        this.accelerator = accelerator;
        this.step = (TStep)step;
        kernel = registers switch
        {
            RegisterFile.Small => KernelLoading.AutoGrouped<Slots, ArrayView<long>, TStep, GridStride>(accelerator, RunSmall),
            RegisterFile.Medium => KernelLoading.AutoGrouped<Slots, ArrayView<long>, TStep, GridStride>(accelerator, RunMedium),
            _ => KernelLoading.AutoGrouped<Slots, ArrayView<long>, TStep, GridStride>(accelerator, RunLarge),
        };
    }

    public void Launch(AcceleratorStream stream, long points, Slots slots, ArrayView<long> meta)
    {
        if (points == 0) return;
        if (points > int.MaxValue) throw new NotSupportedException($"{points} points exceed one launch's index range");
        var stride = GridStride.For(accelerator, points);
        kernel(stream, (int)stride.Threads, slots, meta, step, stride);
    }

    private static void RunSmall(Index1D index, Slots slots, ArrayView<long> meta, TStep step, GridStride stride)
    {
        for (long point = index; point < stride.Points; point += stride.Threads)
        {
            var regs = default(ThreadRegisters);
            step.Run(slots, meta, ref regs, point);
        }
    }

    private static void RunMedium(Index1D index, Slots slots, ArrayView<long> meta, TStep step, GridStride stride)
    {
        var spill = LocalMemory.Allocate<long>(RegisterFile.Medium - RegisterFile.Small);
        for (long point = index; point < stride.Points; point += stride.Threads)
        {
            var regs = new ThreadRegisters { Spill = spill };
            step.Run(slots, meta, ref regs, point);
        }
    }

    private static void RunLarge(Index1D index, Slots slots, ArrayView<long> meta, TStep step, GridStride stride)
    {
        var spill = LocalMemory.Allocate<long>(RegisterFile.Large - RegisterFile.Small);
        for (long point = index; point < stride.Points; point += stride.Threads)
        {
            var regs = new ThreadRegisters { Spill = spill };
            step.Run(slots, meta, ref regs, point);
        }
    }

    /// <summary>Creates the launcher for a step tree built by <see cref="StepBuilder"/>.</summary>
    public static IElementwiseLauncher Create(Accelerator accelerator, (Type Type, object Value) tree, int registers) =>
        (IElementwiseLauncher)Activator.CreateInstance(
            typeof(ElementwiseLauncher<>).MakeGenericType(tree.Type), accelerator, tree.Value, registers)!;
}
