using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// Geometry shared by gather and scatter, as positions in the launch metadata. The "walk" tensor is the one a
/// thread steps through (gather: the output; scatter: the updates); each of its dimensions either indexes the
/// operand's window (kind &gt;= 0: that operand dimension) or selects an index vector (kind &lt; 0: indices
/// dimension -kind-1).
/// </summary>
internal struct IndexedParams
{
    public int WalkRank;
    public int WalkShapeAt;
    public int WalkKindAt;
    public int OperandRank;
    public int OperandShapeAt;
    public int OperandStridesAt;
    public int WindowAt;
    public int IndicesStridesAt;
    public int IndexVectorDim;
    public int IndicesRank;
    public int StartCount;
    public int StartMapAt;
    public IndexMode Mode;
    public long Fill;
    public DType DType;
    public DType IndexDType;
    public ScatterCombiner Combiner;
    public long Walk;

    public static (IndexedParams, long[]) Build(int[] walkShape, int[] walkKind, int[] operandShape, int[] window,
        int[] indicesShape, int indexVectorDim, int[] startMap)
    {
        var meta = new List<long>();
        int Add(IEnumerable<long> values)
        {
            var at = meta.Count;
            meta.AddRange(values);
            return at;
        }
        var p = new IndexedParams
        {
            WalkRank = walkShape.Length,
            WalkShapeAt = Add(walkShape.Select(x => (long)x)),
            WalkKindAt = Add(walkKind.Select(x => (long)x)),
            OperandRank = operandShape.Length,
            OperandShapeAt = Add(operandShape.Select(x => (long)x)),
            OperandStridesAt = Add(IndexMap.RowMajorStrides(operandShape)),
            WindowAt = Add(window.Select(x => (long)x)),
            IndicesStridesAt = Add(IndexMap.RowMajorStrides(indicesShape)),
            IndexVectorDim = indexVectorDim,
            IndicesRank = indicesShape.Length,
            StartCount = startMap.Length,
            StartMapAt = Add(startMap.Select(x => (long)x)),
            Walk = walkShape.Aggregate(1L, (a, b) => a * b),
        };
        meta.Add(0);
        return (p, meta.ToArray());
    }

    /// <summary>The operand element the walk point reaches, or false when its window start is out of bounds
    /// under FillOrDrop. Slot 1 holds the indices. The element's offset is linear in the window offsets and in the
    /// starts, so each term is added as it is found: no per-dimension arrays, which would live in local memory (a
    /// 256-byte stack frame per thread, ptxas said, when they were there).</summary>
    public readonly bool Locate(Slots slots, ArrayView<long> meta, long linear, out long element)
    {
        element = 0;
        long indexBase = 0;
        var rest = linear;
        for (var w = WalkRank - 1; w >= 0; w--)
        {
            var extent = meta[WalkShapeAt + w];
            var quotient = IndexMath.Divide(rest, extent);
            var c = rest - quotient * extent;
            rest = quotient;
            var kind = meta[WalkKindAt + w];
            if (kind >= 0) element += c * meta[OperandStridesAt + (int)kind];
            else indexBase += c * meta[IndicesStridesAt + (int)(-kind - 1)];
        }
        // Dimensions outside the start map start at 0, which is always in bounds (a window fits its operand).
        var valid = true;
        for (var k = 0; k < StartCount; k++)
        {
            var at = indexBase + (IndexVectorDim < IndicesRank ? k * meta[IndicesStridesAt + IndexVectorDim] : 0);
            var d = (int)meta[StartMapAt + k];
            var s = slots.Load(1, at, IndexDType);
            var max = meta[OperandShapeAt + d] - meta[WindowAt + d];
            if (Mode == IndexMode.Clip) s = Math.Max(0, Math.Min(s, max));
            else if (s < 0 || s > max) valid = false;
            element += s * meta[OperandStridesAt + d];
        }
        return valid;
    }
}

/// <summary>XLA gather: one thread per output element (slot 0 operand, 1 indices, 2 output).</summary>
internal sealed class GatherElements : ICompiledKernel
{
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, IndexedParams> kernel;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> meta;
    private readonly IndexedParams p;
    private readonly int[] buffers;

    public GatherElements(Accelerator accelerator, GatherKernel gather)
    {
        var d = gather.Dimensions;
        var operandRank = gather.Operand.Shape.Length;
        var windowDims = Enumerable.Range(0, operandRank).Where(x => !d.CollapsedSliceDims.Contains(x)).ToArray();
        var batchDims = Enumerable.Range(0, gather.Indices.Shape.Length).Where(x => x != d.IndexVectorDim).ToArray();
        int offsetSeen = 0, batchSeen = 0;
        var kinds = Enumerable.Range(0, gather.OutputShape.Length)
            .Select(o => d.OffsetDims.Contains(o) ? windowDims[offsetSeen++] : -batchDims[batchSeen++] - 1).ToArray();
        (p, var metaArray) = IndexedParams.Build(gather.OutputShape, kinds, gather.Operand.Shape, gather.SliceSizes,
            gather.Indices.Shape, d.IndexVectorDim, d.StartIndexMap);
        p.Mode = gather.Mode;
        p.DType = gather.Operand.DType;
        p.IndexDType = gather.Indices.DType;
        p.Fill = Registers.FromDouble(gather.FillValue, gather.Operand.DType);
        IndexMath.CheckIndexSpace(p.Walk, $"gather '{gather.Name}'");
        meta = accelerator.Allocate1D(metaArray);
        kernel = KernelLoading.AutoGrouped<Slots, ArrayView<long>, IndexedParams>(accelerator, Run);
        buffers = [gather.Operand.Buffer, gather.Indices.Buffer, gather.Output];
    }

    private static void Run(Index1D index, Slots slots, ArrayView<long> meta, IndexedParams p)
    {
        var valid = p.Locate(slots, meta, index, out var element);
        slots.Store(2, index, p.DType, valid ? slots.Load(0, element, p.DType) : p.Fill);
    }

    public void Issue(LaunchFrame frame)
    {
        if (p.Walk > 0) kernel(frame.Stream, (int)p.Walk, frame.SlotsOf(buffers), meta.View, p);
    }

    public void Dispose() => meta.Dispose();
}

/// <summary>
/// XLA scatter: the output starts as a copy of the operand, then the updates apply in order, so repeated indices
/// all apply, in the same order as one thread walking the updates, without atomics. When every operand dimension
/// the indices select has a window of one (a row scatter, an embedding's gradient), two updates with different
/// window offsets never reach the same element: one thread per window offset walks the scatter points in order,
/// so the work spreads over the window. Otherwise (scalar updates, overlapping windows, windows too narrow to
/// fill a GPU) the updates are sorted by the element they reach (<see cref="SortedScatter"/>), and each element's
/// updates apply in their original order on one thread: the same result, spread over the elements reached.
/// Slots: 0 output, 1 indices, 2 updates (the sorted path adds 3 targets, 4 and 5 positions).
/// </summary>
internal sealed class ScatterByWindow : ICompiledKernel
{
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, IndexedParams, ScatterWalk> kernel;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> meta;
    private readonly FusedElementwise? copy;
    private readonly IndexedParams p;
    private readonly ScatterWalk walk;
    private readonly SortedScatter? sorted;
    private readonly int[] buffers;

    public ScatterByWindow(Accelerator accelerator, ScatterKernel scatter)
    {
        var d = scatter.Dimensions;
        var operandRank = scatter.Operand.Shape.Length;
        var windowOperandDims = Enumerable.Range(0, operandRank).Where(x => !d.InsertedWindowDims.Contains(x)).ToArray();
        var scatterDims = Enumerable.Range(0, scatter.Indices.Shape.Length).Where(x => x != d.IndexVectorDim).ToArray();
        int windowSeen = 0, scatterSeen = 0;
        var kinds = Enumerable.Range(0, scatter.Updates.Shape.Length)
            .Select(u => d.UpdateWindowDims.Contains(u) ? windowOperandDims[windowSeen++] : -scatterDims[scatterSeen++] - 1).ToArray();
        var window = Enumerable.Repeat(1, operandRank).ToArray();
        for (var i = 0; i < d.UpdateWindowDims.Length; i++) window[windowOperandDims[i]] = scatter.Updates.Shape[d.UpdateWindowDims[i]];
        (p, var metaArray) = IndexedParams.Build(scatter.Updates.Shape, kinds, scatter.Operand.Shape, window,
            scatter.Indices.Shape, d.IndexVectorDim, d.ScatterDimsToOperandDims);
        p.Mode = scatter.Mode;
        p.DType = scatter.Operand.DType;
        p.IndexDType = scatter.Indices.DType;
        p.Combiner = scatter.Combiner;
        var byWindow = d.ScatterDimsToOperandDims.All(x => window[x] == 1);
        (walk, var walkMeta) = ScatterWalk.Build(scatter.Updates.Shape, kinds.Select(k => byWindow && k >= 0).ToArray(), metaArray.Length);
        meta = accelerator.Allocate1D([.. metaArray, .. walkMeta]);
        kernel = KernelLoading.AutoGrouped(accelerator, typeof(ScatterKernels<>).MakeGenericType(Tags.Of(p.DType))
            .GetMethod(nameof(ScatterKernels<DFloat32>.ByWindow))!.CreateDelegate<Action<Index1D, Slots, ArrayView<long>, IndexedParams, ScatterWalk>>());
        if (scatter.Operand.Buffer != scatter.Output)
        {
            var source = new MappedInput(scatter.Operand.Buffer, scatter.Operand.DType, IndexMap.Identity(scatter.Operand.Shape));
            copy = FusedElementwise.From(accelerator, new CopyKernel(scatter.Name + "/copy", source, scatter.Operand.Shape, scatter.Output));
        }
        buffers = [scatter.Output, scatter.Indices.Buffer, scatter.Updates.Buffer];
        IndexMath.CheckIndexSpace(p.Walk, $"scatter '{scatter.Name}'");
        // A GPU needs thousands of threads: a window narrower than that over more than a few scatter points is
        // better sorted (log2(updates) passes over every update, all parallel) than walked by few threads.
        if (p.Walk > 1 && p.Walk <= int.MaxValue && (walk.Threads == 1 || (walk.Threads < 4096 && walk.Steps > 64)))
            sorted = new SortedScatter(accelerator, p, buffers);
    }

    /// <summary>The threads the updates spread over by window (1 when windows may overlap).</summary>
    internal long Threads => walk.Threads;

    /// <summary>Whether the updates are sorted by target instead.</summary>
    internal bool Sorted => sorted is not null;

    public void Issue(LaunchFrame frame)
    {
        copy?.Issue(frame);
        if (p.Walk == 0) return;
        if (sorted is not null) sorted.Issue(frame, meta.View);
        else kernel(frame.Stream, (int)walk.Threads, frame.SlotsOf(buffers), meta.View, p, walk);
    }

    public void Dispose()
    {
        meta.Dispose();
        copy?.Dispose();
    }
}

/// <summary>
/// How a scatter's threads split the updates: the update dimensions marked parallel are spread over threads
/// (thread t takes one point of them), the others are walked in row-major order by each thread. An update's linear
/// index is the sum of the two parts. Meta at <c>ParallelAt</c>: <c>[n, extents(n), strides(n)]</c>, and the same
/// for the sequential dimensions at <c>SequentialAt</c>.
/// </summary>
internal struct ScatterWalk
{
    public int ParallelAt;
    public int SequentialAt;
    public long Threads;
    public long Steps;

    public static (ScatterWalk, long[]) Build(int[] updatesShape, bool[] parallel, int metaOffset)
    {
        var strides = IndexMap.RowMajorStrides(updatesShape);
        var meta = new List<long>();
        int Part(bool wanted)
        {
            var dims = Enumerable.Range(0, updatesShape.Length).Where(d => parallel[d] == wanted).ToArray();
            var at = metaOffset + meta.Count;
            meta.Add(dims.Length);
            meta.AddRange(dims.Select(d => (long)updatesShape[d]));
            meta.AddRange(dims.Select(d => strides[d]));
            return at;
        }
        long Count(bool wanted) => Enumerable.Range(0, updatesShape.Length).Where(d => parallel[d] == wanted)
            .Aggregate(1L, (a, d) => a * updatesShape[d]);
        var walk = new ScatterWalk { ParallelAt = Part(true), SequentialAt = Part(false), Threads = Count(true), Steps = Count(false) };
        if (walk.Threads > int.MaxValue) throw new NotSupportedException($"a scatter window of {walk.Threads} points exceeds one launch");
        return (walk, meta.ToArray());
    }

    /// <summary>The linear update index of point <paramref name="t"/> of the parallel dimensions.</summary>
    public readonly long Parallel(ArrayView<long> meta, long t) => StridedOffset.Of(meta, ParallelAt, t);

    /// <summary>The linear update index of step <paramref name="s"/> of the sequential dimensions.</summary>
    public readonly long Sequential(ArrayView<long> meta, long s) => StridedOffset.Of(meta, SequentialAt, s);
}
