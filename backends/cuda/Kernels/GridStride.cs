using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// How a launch's threads cover its points: thread t computes points t, t + Threads, t + 2·Threads, ... below
/// Points. On a GPU there is a thread per point (Threads = Points), so each runs its loop once. In emulation the
/// launch has only as many threads as the CPU accelerator runs at once: ILGPU's CPU accelerator runs each group of
/// a launch as its threads in turn, with a barrier of every thread of the group between groups, so a launch of a
/// million points cost a million thread switches (23 s of a 95 s conformance run at a load average of 60, for the
/// int32 fused multiply-add over 2^20 points), where a strided share costs one switch per thread. The fused
/// elementwise kernels and the merge sort's passes take their points this way.
/// </summary>
internal struct GridStride
{
    public long Points;
    public long Threads;

    /// <summary>The stride for <paramref name="points"/> on <paramref name="accelerator"/>.</summary>
    public static GridStride For(Accelerator accelerator, long points) => new()
    {
        Points = points,
        Threads = ThreadsFor(accelerator, points),
    };

    /// <summary>How many threads a launch over <paramref name="points"/> has on <paramref name="accelerator"/>.</summary>
    public static int ThreadsFor(Accelerator accelerator, long points) =>
        (int)(accelerator is CPUAccelerator ? Math.Min(points, accelerator.MaxNumThreads) : Math.Min(points, int.MaxValue));
}
