using JaxNet.Abstractions;
using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Elements;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// XLA's scatter: the output starts as a copy of the operand; for each scatter point of the updates (their dims
/// not in update_window_dims) the start vector is read, scattered into operand dims by scatter_dims_to_operand_dims,
/// clamped (Clip) or checked (FillOrDrop: a window not wholly in bounds is dropped), and the window of updates is
/// combined into it, point after point in row-major order, so repeated indices all apply. A replacing scatter whose
/// window rows are contiguous on both sides (dynamic_update_slice, a row update) copies them as blocks.
/// </summary>
internal static class CpuScatter
{
    public static CompiledKernel Compile(ScatterKernel k)
    {
        var d = k.Dimensions;
        var operand = k.Operand.Shape;
        var indices = k.Indices.Shape;
        var updates = k.Updates.Shape;
        if (k.Indices.DType is not (DType.Int32 or DType.Int64))
            throw new KernelCompilationException(k.Name, $"indices must be i32 or i64, not {k.Indices.DType.ShortName()}");
        if (d.IndexVectorDim < 0 || d.IndexVectorDim > indices.Length)
            throw new KernelCompilationException(k.Name, $"index_vector_dim {d.IndexVectorDim} out of range");
        var vectorSize = d.IndexVectorDim < indices.Length ? indices[d.IndexVectorDim] : 1;
        if (vectorSize != d.ScatterDimsToOperandDims.Length)
            throw new KernelCompilationException(k.Name, $"index vectors have {vectorSize} entries for {ShapeText.Dims(d.ScatterDimsToOperandDims)}");
        var windowOperandDims = Enumerable.Range(0, operand.Length).Where(a => !d.InsertedWindowDims.Contains(a)).ToArray();
        if (windowOperandDims.Length != d.UpdateWindowDims.Length)
            throw new KernelCompilationException(k.Name, $"{d.UpdateWindowDims.Length} window dims for {windowOperandDims.Length} operand dims not inserted");
        var scatterUpdateDims = Enumerable.Range(0, updates.Length).Where(a => !d.UpdateWindowDims.Contains(a)).ToArray();
        var batchIndexDims = Enumerable.Range(0, indices.Length).Where(a => a != d.IndexVectorDim).ToArray();
        if (scatterUpdateDims.Length != batchIndexDims.Length ||
            scatterUpdateDims.Where((a, i) => updates[a] != indices[batchIndexDims[i]]).Any())
            throw new KernelCompilationException(k.Name, $"updates {ShapeText.Dims(updates)} do not match indices {ShapeText.Dims(indices)}");
        var windowSizes = new int[operand.Length];
        Array.Fill(windowSizes, 1);
        for (var w = 0; w < windowOperandDims.Length; w++)
        {
            windowSizes[windowOperandDims[w]] = updates[d.UpdateWindowDims[w]];
            if (windowSizes[windowOperandDims[w]] > operand[windowOperandDims[w]])
                throw new KernelCompilationException(k.Name, $"update window {ShapeText.Dims(updates)} is larger than the operand {ShapeText.Dims(operand)}");
        }
        var operandStrides = IndexMap.RowMajorStrides(operand);
        var indexStrides = IndexMap.RowMajorStrides(indices);
        var updateStrides = IndexMap.RowMajorStrides(updates);
        var plan = new IndexedPlan(
            OperandShape: operand,
            OperandStrides: operandStrides,
            BatchShape: scatterUpdateDims.Select(a => updates[a]).ToArray(),
            BatchIndexStrides: batchIndexDims.Select(a => indexStrides[a]).ToArray(),
            BatchTargetStrides: scatterUpdateDims.Select(a => updateStrides[a]).ToArray(),
            VectorStride: d.IndexVectorDim < indices.Length ? indexStrides[d.IndexVectorDim] : 0,
            StartMap: d.ScatterDimsToOperandDims,
            WindowSizesPerOperandDim: windowSizes,
            WindowShape: d.UpdateWindowDims.Select(a => updates[a]).ToArray(),
            WindowOperandStrides: windowOperandDims.Select(a => operandStrides[a]).ToArray(),
            WindowTargetStrides: d.UpdateWindowDims.Select(a => updateStrides[a]).ToArray(),
            Clip: k.Mode == IndexMode.Clip);
        var updateConverter = k.Updates.DType == k.Operand.DType ? null : StridedConverter.Create(k.Updates.DType, k.Operand.DType);
        var code = ElementDispatch.Visit(k.Operand.DType, new Factory(k, plan, updateConverter));
        return new CompiledKernel(k, code,
            $"sequential {k.Combiner.ToString().ToLowerInvariant()} scatter{(CopiedRun(k, plan) is null ? "" : " by block copies")} of {k.Operand.DType.ShortName()} by {k.Indices.DType.ShortName()} indices, mode {k.Mode}",
            k.Updates.ElementCount);
    }

    /// <summary>The run of the window a replacing scatter copies as a block, or null when it goes element by element.</summary>
    private static (int FirstDimension, long Length)? CopiedRun(ScatterKernel kernel, IndexedPlan plan) =>
        kernel.Combiner == ScatterCombiner.Replace ? plan.CopiedRun() : null;

    private sealed class Factory(ScatterKernel kernel, IndexedPlan plan, StridedConverter? updateConverter) : IElementVisitor<ICpuKernel>
    {
        public ICpuKernel Visit<TS, TV, TC>() where TS : unmanaged where TV : unmanaged, INumber<TV> where TC : IElementCodec<TS, TV> =>
            CombinerDispatch.Visit(kernel.Combiner, new CombinerFactory<TS, TV, TC>(kernel, plan, updateConverter));
    }

    private sealed class CombinerFactory<TS, TV, TC>(ScatterKernel kernel, IndexedPlan plan, StridedConverter? updateConverter)
        : ICombinerVisitor<TV, ICpuKernel>
        where TS : unmanaged where TV : unmanaged, INumber<TV> where TC : IElementCodec<TS, TV>
    {
        public ICpuKernel Visit<TCombiner>() where TCombiner : ICombiner<TV> =>
            kernel.Indices.DType == DType.Int32
                ? new Typed<int, TS, TV, TC, TCombiner>(kernel, plan, updateConverter)
                : new Typed<long, TS, TV, TC, TCombiner>(kernel, plan, updateConverter);
    }

    private sealed unsafe class Typed<TIndex, TS, TV, TC, TCombiner>(ScatterKernel kernel, IndexedPlan plan, StridedConverter? updateConverter) : ICpuKernel
        where TIndex : unmanaged, IBinaryInteger<TIndex>
        where TS : unmanaged where TV : unmanaged, INumber<TV> where TC : IElementCodec<TS, TV>
        where TCombiner : ICombiner<TV>
    {
        private readonly (int FirstDimension, long Length)? copiedRun = CopiedRun(kernel, plan);

        public void Run(BufferTable buffers)
        {
            var output = (TS*)buffers[kernel.Output];
            var operand = (TS*)buffers[kernel.Operand.Buffer];
            var bytes = kernel.Operand.ElementCount * sizeof(TS);
            if (output != operand) Buffer.MemoryCopy(operand, output, bytes, bytes);
            nint converted = 0;
            try
            {
                var updates = (TS*)buffers[kernel.Updates.Buffer];
                if (updateConverter is not null)
                {
                    converted = NativeBlock.Allocate(kernel.Updates.ElementCount * sizeof(TS));
                    updateConverter.Run((nint)updates, 0, [1], [checked((int)kernel.Updates.ElementCount)], converted);
                    updates = (TS*)converted;
                }
                Apply((TIndex*)buffers[kernel.Indices.Buffer], updates, output);
            }
            finally
            {
                if (converted != 0) NativeBlock.Free(converted);
            }
        }

        private void Apply(TIndex* indices, TS* updates, TS* output)
        {
            var windowCount = plan.WindowCount;
            if (windowCount == 0) return;
            Span<long> start = stackalloc long[plan.OperandShape.Length];
            Span<int> window = stackalloc int[plan.WindowShape.Length];
            foreach (var point in plan.BatchPoints())
            {
                if (!plan.Start(indices, point.IndexOffset, start)) continue;
                long origin = 0;
                for (var a = 0; a < start.Length; a++) origin += start[a] * plan.OperandStrides[a];
                var target = output + origin;
                var source = updates + point.TargetOffset;
                if (copiedRun is { } run)
                {
                    // Replacing stores each update's bits unchanged (the element path decodes and re-encodes them).
                    plan.CopyWindow((byte*)target, (byte*)source, sizeof(TS), run, intoOperand: true);
                    continue;
                }
                window.Clear();
                long windowTarget = 0, windowSource = 0;
                for (long w = 0; w < windowCount; w++)
                {
                    target[windowTarget] = TC.Store(TCombiner.Combine(TC.Load(target[windowTarget]), TC.Load(source[windowSource])));
                    plan.Step(window, ref windowTarget, ref windowSource);
                }
            }
        }
    }
}
