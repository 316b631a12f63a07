using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// dot_general as three launches: pack each operand to a batched row-major matrix of accumulator register values
/// ([batch, m, k] and [batch, k, n]: one fused transpose-and-convert kernel each, through index maps), a tiled
/// GEMM (<see cref="GemmKernel"/>), then the epilogue as a fused elementwise kernel over the output. On a real GPU
/// the GEMM is where cuBLAS belongs (see docs/cuda.md); the packing and epilogue stay.
/// </summary>
internal sealed class Contraction : ICompiledKernel
{
    private const int PackedLhs = -1;
    private const int PackedRhs = -2;
    private const int Product = -3;
    private readonly FusedElementwise packLhs;
    private readonly FusedElementwise packRhs;
    private readonly FusedElementwise epilogue;
    private readonly GemmParams gemm;

    public Contraction(Accelerator accelerator, ContractionKernel kernel)
    {
        var d = kernel.Dimensions;
        var lhsFree = Free(kernel.Lhs.Shape.Length, d.LhsBatch, d.LhsContracting);
        var rhsFree = Free(kernel.Rhs.Shape.Length, d.RhsBatch, d.RhsContracting);
        int Size(TensorRef t, IEnumerable<int> dims) => dims.Aggregate(1, (a, x) => a * t.Shape[x]);
        gemm = new GemmParams
        {
            Batch = Size(kernel.Lhs, d.LhsBatch),
            M = Size(kernel.Lhs, lhsFree),
            N = Size(kernel.Rhs, rhsFree),
            K = Size(kernel.Lhs, d.LhsContracting),
            Accumulator = kernel.AccumulatorDType,
        };
        packLhs = Pack(accelerator, kernel, kernel.Lhs, [.. d.LhsBatch, .. lhsFree, .. d.LhsContracting], PackedLhs);
        packRhs = Pack(accelerator, kernel, kernel.Rhs, [.. d.RhsBatch, .. d.RhsContracting, .. rhsFree], PackedRhs);
        var outputShape = kernel.OutputShape;
        var own = new FusedInput(new MappedInput(Product, kernel.AccumulatorDType, IndexMap.Identity(outputShape)), Raw: true);
        var program = kernel.Epilogue?.Program ?? ScalarProgram.Identity(kernel.AccumulatorDType);
        var inputs = new List<FusedInput> { own };
        inputs.AddRange(kernel.Epilogue?.Inputs.Select(i => new FusedInput(i)) ?? []);
        epilogue = new FusedElementwise(accelerator, kernel.Name, outputShape, inputs, program, [new FusedOutput(kernel.Output)]);
    }

    private static int[] Free(int rank, int[] batch, int[] contracting) =>
        Enumerable.Range(0, rank).Where(a => !batch.Contains(a) && !contracting.Contains(a)).ToArray();

    /// <summary>A kernel writing <paramref name="operand"/> with its dimensions in <paramref name="order"/>,
    /// row-major, converted to the accumulator dtype.</summary>
    private static FusedElementwise Pack(Accelerator accelerator, ContractionKernel kernel, TensorRef operand, int[] order, int target)
    {
        var strides = IndexMap.RowMajorStrides(operand.Shape);
        var shape = order.Select(a => operand.Shape[a]).ToArray();
        var map = new IndexMap(0, order.Select(a => strides[a]).ToArray());
        var program = new ScalarProgram([new LoadNode(0, operand.DType), new ConvertNode(0, kernel.AccumulatorDType)], [1]);
        return new FusedElementwise(accelerator, kernel.Name + "/pack", shape,
            [new FusedInput(new MappedInput(operand.Buffer, operand.DType, map))], program, [new FusedOutput(target, Raw: true)]);
    }

    public void Issue(LaunchFrame frame)
    {
        long batch = gemm.Batch;
        frame.Bind(PackedLhs, frame.Scratch(batch * gemm.M * gemm.K * sizeof(long)));
        frame.Bind(PackedRhs, frame.Scratch(batch * gemm.K * gemm.N * sizeof(long)));
        frame.Bind(Product, frame.Scratch(batch * gemm.M * gemm.N * sizeof(long)));
        packLhs.Issue(frame);
        packRhs.Issue(frame);
        if (batch * gemm.M * gemm.N == 0)
        {
        }
        else if (frame.Device.Blas is { } blas && gemm.Accumulator.IsFloat() && gemm.K > 0)
        {
            // Float accumulators are packed as doubles: a DGEMM on them equals the ILGPU kernel's sums (its
            // final rounding to the accumulator dtype happens in the epilogue's stores and ops instead).
            blas.Gemm(frame.Device.Accelerator, frame.Device.BlasHandle, gemm.Batch, gemm.M, gemm.N, gemm.K,
                frame.Buffer(PackedLhs), frame.Buffer(PackedRhs), frame.Buffer(Product));
        }
        else
        {
            frame.Device.Gemm(frame.Stream, GemmKernel.Config(gemm), frame.SlotsOf([PackedLhs, PackedRhs, Product]), gemm);
        }
        epilogue.Issue(frame);
    }

    public void Dispose()
    {
        packLhs.Dispose();
        packRhs.Dispose();
        epilogue.Dispose();
    }
}
