using JaxNet.Abstractions;
using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Elements;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// XLA's gather. For each batch point of the output (its dims not in offset_dims, matching the index array's
/// dims without index_vector_dim) the start vector is read, scattered into operand dims by start_index_map,
/// clamped (Clip) or checked (FillOrDrop: an out-of-bounds slice yields the fill value), and the slice is copied
/// to the output's offset dims. Elements are moved as raw bits of their width; window rows contiguous on both sides
/// (dynamic_slice, row takes) as blocks.
/// </summary>
internal static class CpuGather
{
    public static CompiledKernel Compile(GatherKernel k)
    {
        var d = k.Dimensions;
        var operand = k.Operand.Shape;
        var indices = k.Indices.Shape;
        if (k.Indices.DType is not (DType.Int32 or DType.Int64))
            throw new KernelCompilationException(k.Name, $"indices must be i32 or i64, not {k.Indices.DType.ShortName()}");
        if (k.SliceSizes.Length != operand.Length)
            throw new KernelCompilationException(k.Name, $"{k.SliceSizes.Length} slice sizes for an operand of rank {operand.Length}");
        for (var a = 0; a < operand.Length; a++)
            if (k.SliceSizes[a] < 0 || k.SliceSizes[a] > operand[a])
                throw new KernelCompilationException(k.Name, $"slice size {k.SliceSizes[a]} of dim {a} exceeds the operand's {operand[a]}");
        if (d.IndexVectorDim < 0 || d.IndexVectorDim > indices.Length)
            throw new KernelCompilationException(k.Name, $"index_vector_dim {d.IndexVectorDim} out of range");
        var vectorSize = d.IndexVectorDim < indices.Length ? indices[d.IndexVectorDim] : 1;
        if (vectorSize != d.StartIndexMap.Length)
            throw new KernelCompilationException(k.Name, $"index vectors have {vectorSize} entries for start_index_map {ShapeText.Dims(d.StartIndexMap)}");
        var inferred = GatherKernel.InferOutputShape(indices, d, k.SliceSizes);
        if (!inferred.SequenceEqual(k.OutputShape))
            throw new KernelCompilationException(k.Name, $"output shape {ShapeText.Dims(k.OutputShape)} is not the inferred {ShapeText.Dims(inferred)}");

        var indexStrides = IndexMap.RowMajorStrides(indices);
        var outStrides = IndexMap.RowMajorStrides(k.OutputShape);
        var batchOutDims = Enumerable.Range(0, k.OutputShape.Length).Where(a => !d.OffsetDims.Contains(a)).ToArray();
        var batchIndexDims = Enumerable.Range(0, indices.Length).Where(a => a != d.IndexVectorDim).ToArray();
        var windowOperandDims = Enumerable.Range(0, operand.Length).Where(a => !d.CollapsedSliceDims.Contains(a)).ToArray();
        var plan = new IndexedPlan(
            OperandShape: operand,
            OperandStrides: IndexMap.RowMajorStrides(operand),
            BatchShape: batchOutDims.Select(a => k.OutputShape[a]).ToArray(),
            BatchIndexStrides: batchIndexDims.Select(a => indexStrides[a]).ToArray(),
            BatchTargetStrides: batchOutDims.Select(a => outStrides[a]).ToArray(),
            VectorStride: d.IndexVectorDim < indices.Length ? indexStrides[d.IndexVectorDim] : 0,
            StartMap: d.StartIndexMap,
            WindowSizesPerOperandDim: k.SliceSizes,
            WindowShape: windowOperandDims.Select(a => k.SliceSizes[a]).ToArray(),
            WindowOperandStrides: windowOperandDims.Select(a => IndexMap.RowMajorStrides(operand)[a]).ToArray(),
            WindowTargetStrides: d.OffsetDims.Select(a => outStrides[a]).ToArray(),
            Clip: k.Mode == IndexMode.Clip);
        var fill = FillBits(k.Operand.DType, k.FillValue);
        var code = k.Indices.DType == DType.Int32
            ? Create<int>(k, plan, fill)
            : Create<long>(k, plan, fill);
        return new CompiledKernel(k, code, $"gather{(plan.CopiedRun() is null ? "" : " by block copies")} of {k.Operand.DType.SizeOf()}-byte elements by {k.Indices.DType.ShortName()} indices, mode {k.Mode}",
            k.OutputShape.Aggregate(1.0, (a, b) => a * b));
    }

    private static ICpuKernel Create<TIndex>(GatherKernel k, IndexedPlan plan, ulong fill)
        where TIndex : unmanaged, IBinaryInteger<TIndex> => k.Operand.DType.SizeOf() switch
        {
            1 => new Typed<TIndex, byte>(k, plan, (byte)fill),
            2 => new Typed<TIndex, ushort>(k, plan, (ushort)fill),
            4 => new Typed<TIndex, uint>(k, plan, (uint)fill),
            _ => new Typed<TIndex, ulong>(k, plan, fill),
        };

    /// <summary>The bits of <paramref name="value"/> stored as <paramref name="dtype"/> (saturating, Bool as != 0).</summary>
    private static ulong FillBits(DType dtype, double value) => ElementDispatch.Visit(dtype, new FillVisitor(value));

    private sealed class FillVisitor(double value) : IElementVisitor<ulong>
    {
        public unsafe ulong Visit<TS, TV, TC>() where TS : unmanaged where TV : unmanaged, INumber<TV> where TC : IElementCodec<TS, TV>
        {
            var stored = TC.Store(TV.CreateSaturating(value));
            ulong bits = 0;
            *(TS*)&bits = stored;
            return bits;
        }
    }

    private sealed unsafe class Typed<TIndex, TElement>(GatherKernel kernel, IndexedPlan plan, TElement fill) : ICpuKernel
        where TIndex : unmanaged, IBinaryInteger<TIndex> where TElement : unmanaged
    {
        private readonly (int FirstDimension, long Length)? copiedRun = plan.CopiedRun();

        public void Run(BufferTable buffers)
        {
            var operand = (TElement*)buffers[kernel.Operand.Buffer];
            var indices = (TIndex*)buffers[kernel.Indices.Buffer];
            var output = (TElement*)buffers[kernel.Output];
            var windowCount = plan.WindowCount;
            if (windowCount == 0) return;
            Span<long> start = stackalloc long[plan.OperandShape.Length];
            Span<int> window = stackalloc int[plan.WindowShape.Length];
            foreach (var point in plan.BatchPoints())
            {
                var inBounds = plan.Start(indices, point.IndexOffset, start);
                var target = output + point.TargetOffset;
                long source = 0;
                for (var a = 0; a < start.Length; a++) source += start[a] * plan.OperandStrides[a];
                if (inBounds && copiedRun is { } run)
                {
                    plan.CopyWindow((byte*)(operand + source), (byte*)target, sizeof(TElement), run, intoOperand: false);
                    continue;
                }
                window.Clear();
                long windowSource = 0, windowTarget = 0;
                for (long w = 0; w < windowCount; w++)
                {
                    target[windowTarget] = inBounds ? operand[source + windowSource] : fill;
                    plan.Step(window, ref windowSource, ref windowTarget);
                }
            }
        }
    }
}
