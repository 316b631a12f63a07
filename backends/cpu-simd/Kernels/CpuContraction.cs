using JaxNet.Abstractions;
using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Elements;
using JaxNet.Backends.CpuSimd.Kernels.Gemm;
using JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// dot_general on the CPU: each operand is seen as [batch, m, k] and [batch, k, n] (read in place when its
/// layout allows, else converted), every batch runs through <see cref="GemmRunner"/> in the compute type of the
/// accumulator dtype, the result is stored in the accumulator dtype, and the fused epilogue (if any) runs on it:
/// inlined into the GEMM (on each tile as it is finished) where <see cref="InlineEpilogue"/> can express it, else as a generated
/// elementwise pass over a scratch copy of the product. Precision is ignored: the CPU always computes at full precision.
/// </summary>
internal static class CpuContraction
{
    public static CompiledKernel Compile(ContractionKernel kernel, CompileContext context)
    {
        var d = kernel.Dimensions;
        var lhsRank = kernel.Lhs.Shape.Length;
        var rhsRank = kernel.Rhs.Shape.Length;
        var lhsFree = Enumerable.Range(0, lhsRank).Where(a => !d.LhsBatch.Contains(a) && !d.LhsContracting.Contains(a)).ToArray();
        var rhsFree = Enumerable.Range(0, rhsRank).Where(a => !d.RhsBatch.Contains(a) && !d.RhsContracting.Contains(a)).ToArray();
        var compute = ElementDispatch.ComputeDType(kernel.AccumulatorDType);
        var lhs = new OperandLayout(kernel.Lhs, d.LhsBatch, lhsFree, d.LhsContracting, compute);
        var rhs = new OperandLayout(kernel.Rhs, d.RhsBatch, d.RhsContracting, rhsFree, compute);
        if (lhs.Rows > int.MaxValue || lhs.Cols > int.MaxValue || rhs.Cols > int.MaxValue)
            throw new KernelCompilationException(kernel.Name, "a matrix dimension exceeds 2^31 elements");

        var outputShape = kernel.OutputShape;
        var result = kernel.Output;
        ICpuKernel? epilogue = null;
        InlineEpilogue? inlined = null;
        var epilogueText = "";
        if (kernel.Epilogue is not null)
        {
            inlined = InlineEpilogue.TryCreate(kernel, compute, d.LhsBatch.Length, lhsFree.Length, out var reason);
            if (inlined is null)
                (result, epilogue) = EpilogueBuilder.Build(kernel.Name, kernel.Epilogue, kernel.AccumulatorDType, outputShape, kernel.Output, context);
            epilogueText = inlined is null ? $"; epilogue: generated elementwise kernel ({reason})" : "; epilogue: inlined into the GEMM's tiles";
        }
        var store = kernel.AccumulatorDType == compute ? null : StridedConverter.Create(compute, kernel.AccumulatorDType);
        var plan = new Plan(lhs, rhs, kernel.Lhs.Buffer, kernel.Rhs.Buffer, result, compute, store, epilogue, inlined);
        var code = ComputeDispatch.Visit(compute, new Factory(plan));
        var flops = 2.0 * lhs.BatchCount * lhs.Rows * lhs.Cols * rhs.Cols;
        var description = $"{GemmRunner.Describe(compute)}; batch {lhs.BatchCount}, m {lhs.Rows}, k {lhs.Cols}, n {rhs.Cols}; " +
                          $"lhs {lhs.Describe()}, rhs {rhs.Describe()}" +
                          (store is null ? "" : $"; stored as {kernel.AccumulatorDType.ShortName()}") +
                          epilogueText;
        return new CompiledKernel(kernel, code, description, flops);
    }

    private sealed record Plan(OperandLayout Lhs, OperandLayout Rhs, int LhsBuffer, int RhsBuffer, int Result,
        DType Compute, StridedConverter? Store, ICpuKernel? Epilogue, InlineEpilogue? Inlined);

    private sealed class Factory(Plan plan) : IComputeVisitor<ICpuKernel>
    {
        public ICpuKernel Visit<T>() where T : unmanaged, INumber<T> => new Typed<T>(plan);
    }

    private sealed unsafe class Typed<T>(Plan plan) : ICpuKernel where T : unmanaged, INumber<T>
    {
        private readonly GemmRunner.Entry gemm = GemmRunner.EntryFor(typeof(T), plan.Inlined?.Expression ?? typeof(NoEpilogue));

        public void Run(BufferTable buffers)
        {
            var lhs = plan.Lhs;
            var rhs = plan.Rhs;
            var (m, k, n) = ((int)lhs.Rows, (int)lhs.Cols, (int)rhs.Cols);
            var batches = lhs.BatchCount;
            var outCount = batches * m * n;
            nint lhsTemp = 0, rhsTemp = 0, outTemp = 0;
            try
            {
                var a = Prepare(lhs, buffers[plan.LhsBuffer], ref lhsTemp);
                var b = Prepare(rhs, buffers[plan.RhsBuffer], ref rhsTemp);
                var resultAddress = buffers[plan.Result];
                var c = plan.Store is null ? resultAddress : outTemp = NativeBlock.Allocate(outCount * sizeof(T));
                var flopsEach = 2.0 * m * n * k;
                void Batch(long index, bool parallel)
                {
                    TileOperands operands = default;
                    plan.Inlined?.Fill(&operands, buffers, index);
                    gemm(new GemmArgs(m, n, k,
                        a + (nint)(lhs.BatchOffsets[index] * sizeof(T)), lhs.RowStride, lhs.ColStride,
                        b + (nint)(rhs.BatchOffsets[index] * sizeof(T)), rhs.RowStride, rhs.ColStride,
                        c + (nint)(index * m * n * sizeof(T)), n)
                    { Epilogue = (nint)(&operands) }, parallel);
                }
                if (batches > 1 && flopsEach < GemmRunner.ParallelThreshold
                                && flopsEach * batches >= GemmRunner.ParallelThreshold)
                    CpuParallel.For(batches, i => Batch(i, parallel: false));
                else
                    for (long i = 0; i < batches; i++) Batch(i, parallel: true);
                plan.Store?.Run(c, 0, [1], [checked((int)outCount)], resultAddress);
                plan.Epilogue?.Run(buffers);
            }
            finally
            {
                if (lhsTemp != 0) NativeBlock.Free(lhsTemp);
                if (rhsTemp != 0) NativeBlock.Free(rhsTemp);
                if (outTemp != 0) NativeBlock.Free(outTemp);
            }
        }

        private static nint Prepare(OperandLayout layout, nint source, ref nint temp)
        {
            if (layout.Normaliser is null) return source;
            temp = NativeBlock.Allocate(layout.NormalisedCount * sizeof(T));
            layout.Normaliser.Run(source, 0, layout.NormaliseStrides, layout.NormaliseShape, temp);
            return temp;
        }
    }
}
