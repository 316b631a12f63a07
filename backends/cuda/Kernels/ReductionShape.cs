using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// How a device shapes a reduction's launches: the group size for a row of a given length and how many groups share
/// one output. The kernel code is the same everywhere; only these sizes differ. A GPU wants threads: a warp per short
/// row doubling up to 256 for long ones (enough loads in flight to hide memory latency), and about a thousand groups
/// in flight before splitting an output stops paying. ILGPU's CPU accelerator pays for threads instead: every thread
/// of a group is switched to at each barrier and warp shuffle (a group's combine passes about ten of them), so in
/// emulation a thread folds at least <see cref="PointsPerThread"/> points serially before the group grows, and a
/// split stops at <see cref="TargetGroups"/> groups. With the emulator's 16-thread warps, rows of up to 256 points
/// run as one warp (shuffles; the cross-warp combine has nothing to add), up to 512 as two warps and longer ones as
/// the full 64-thread group (shuffles and the shared-memory combine of four warps), and full sums still split into
/// partials and a second launch.
/// </summary>
internal readonly record struct ReductionShape(int WarpSize, int LargestGroup, int PointsPerThread, long TargetGroups)
{
    /// <summary>Threads per group at most (long rows, on a GPU). A group's threads are what keeps loads in flight: at
    /// 64 threads and 1024 groups an H100 multiprocessor would have about 6 KB of loads outstanding, well short of
    /// what hides HBM's latency; at 256 about four times that.</summary>
    public const int MaxGroupSize = 256;

    /// <summary>Groups a GPU wants in flight (an H100 has 132 multiprocessors) before splitting stops paying.</summary>
    public const long GpuTargetGroups = 1024;

    /// <summary>Points each emulated thread folds before its group doubles.</summary>
    public const int EmulatedPointsPerThread = 16;

    /// <summary>Groups an emulated split stops at. A constant, not the host's core count, so that a split sum adds
    /// in the same order on every machine.</summary>
    public const long EmulatedTargetGroups = 128;

    /// <summary>Reduced points one group of a split reduction takes at least (8 per thread of a GPU's 256).</summary>
    public const long MinimumShare = 2048;

    /// <summary>A GPU with <paramref name="warpSize"/>-thread warps and groups of up to
    /// <paramref name="maxGroup"/> threads.</summary>
    public static ReductionShape Gpu(int warpSize, int maxGroup) =>
        new(warpSize, Math.Min(MaxGroupSize, maxGroup), 1, GpuTargetGroups);

    /// <summary>The shape for <paramref name="accelerator"/>: the emulated one on ILGPU's CPU accelerator.</summary>
    public static ReductionShape For(Accelerator accelerator) => accelerator is CPUAccelerator
        ? new(accelerator.WarpSize, Math.Min(MaxGroupSize, accelerator.MaxNumThreadsPerGroup), EmulatedPointsPerThread, EmulatedTargetGroups)
        : Gpu(accelerator.WarpSize, accelerator.MaxNumThreadsPerGroup);

    /// <summary>Threads per group for <paramref name="points"/> reduced points each: a warp, doubled while the
    /// threads would each fold more than <see cref="PointsPerThread"/> points, up to the largest group. Rows of ten
    /// (a softmax over ten classes) take one warp, not 256 threads of which 246 would idle.</summary>
    public int GroupFor(long points)
    {
        var size = WarpSize;
        while (size < LargestGroup && (long)size * PointsPerThread < points) size *= 2;
        return size;
    }

    /// <summary>How many groups share each output: 1 (no split) when the outputs alone fill the device or each
    /// output's reduction is short.</summary>
    public int SplitsFor(long outputs, long reduced)
    {
        if (outputs == 0 || outputs >= TargetGroups / 4) return 1;
        var byLength = (reduced + MinimumShare - 1) / MinimumShare;
        return (int)Math.Max(1, Math.Min(byLength, TargetGroups / outputs));
    }
}
