using ILGPU;
using ILGPU.Runtime;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Fusion;

/// <summary>A fused elementwise kernel loaded on one accelerator: one thread per point.</summary>
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
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, TStep> kernel;
    private readonly TStep step;

    public ElementwiseLauncher(Accelerator accelerator, object step, int registers)
    {
        this.step = (TStep)step;
        kernel = registers switch
        {
            RegisterFile.Small => KernelLoading.AutoGrouped<Slots, ArrayView<long>, TStep>(accelerator, RunSmall),
            RegisterFile.Medium => KernelLoading.AutoGrouped<Slots, ArrayView<long>, TStep>(accelerator, RunMedium),
            _ => KernelLoading.AutoGrouped<Slots, ArrayView<long>, TStep>(accelerator, RunLarge),
        };
    }

    public void Launch(AcceleratorStream stream, long points, Slots slots, ArrayView<long> meta)
    {
        if (points == 0) return;
        if (points > int.MaxValue) throw new NotSupportedException($"{points} points exceed one launch's index range");
        kernel(stream, (int)points, slots, meta, step);
    }

    private static void RunSmall(Index1D index, Slots slots, ArrayView<long> meta, TStep step)
    {
        var regs = default(ThreadRegisters);
        step.Run(slots, meta, ref regs, index);
    }

    private static void RunMedium(Index1D index, Slots slots, ArrayView<long> meta, TStep step)
    {
        var regs = new ThreadRegisters { Spill = LocalMemory.Allocate<long>(RegisterFile.Medium - RegisterFile.Small) };
        step.Run(slots, meta, ref regs, index);
    }

    private static void RunLarge(Index1D index, Slots slots, ArrayView<long> meta, TStep step)
    {
        var regs = new ThreadRegisters { Spill = LocalMemory.Allocate<long>(RegisterFile.Large - RegisterFile.Small) };
        step.Run(slots, meta, ref regs, index);
    }

    /// <summary>Creates the launcher for a step tree built by <see cref="StepBuilder"/>.</summary>
    public static IElementwiseLauncher Create(Accelerator accelerator, (Type Type, object Value) tree, int registers) =>
        (IElementwiseLauncher)Activator.CreateInstance(
            typeof(ElementwiseLauncher<>).MakeGenericType(tree.Type), accelerator, tree.Value, registers)!;
}
