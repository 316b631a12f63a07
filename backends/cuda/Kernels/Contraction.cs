using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// dot_general as three steps: pack each operand to a batched row-major matrix in the GEMM's input type
/// ([batch, m, k] and [batch, k, n], see <see cref="GemmTypes"/>: one fused transpose-and-convert kernel each,
/// through index maps), a GEMM into a product in the accumulator dtype (<see cref="BatchedGemm"/>: cuBLAS's
/// GemmEx on a GPU, the ILGPU kernel otherwise), then the epilogue as a fused elementwise kernel over the output.
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
    private readonly GemmTypes types;

    public Contraction(Accelerator accelerator, ContractionKernel kernel)
    {
        var d = kernel.Dimensions;
        var lhsFree = Free(kernel.Lhs.Shape.Length, d.LhsBatch, d.LhsContracting);
        var rhsFree = Free(kernel.Rhs.Shape.Length, d.RhsBatch, d.RhsContracting);
        int Size(TensorRef t, IEnumerable<int> dims) => dims.Aggregate(1, (a, x) => a * t.Shape[x]);
        types = GemmTypes.For(kernel.Lhs.DType, kernel.Rhs.DType, kernel.AccumulatorDType, kernel.Precision);
        gemm = GemmParams.Dense(Size(kernel.Lhs, d.LhsBatch), Size(kernel.Lhs, lhsFree), Size(kernel.Rhs, rhsFree),
            Size(kernel.Lhs, d.LhsContracting), types.Input, types.Output);
        packLhs = Pack(accelerator, kernel.Name, kernel.Lhs, [.. d.LhsBatch, .. lhsFree, .. d.LhsContracting], kernel.AccumulatorDType, types.Input, PackedLhs);
        packRhs = Pack(accelerator, kernel.Name, kernel.Rhs, [.. d.RhsBatch, .. d.RhsContracting, .. rhsFree], kernel.AccumulatorDType, types.Input, PackedRhs);
        epilogue = Epilogue(accelerator, kernel.Name, kernel.OutputShape, IndexMap.Identity(kernel.OutputShape), Product,
            kernel.AccumulatorDType, kernel.Epilogue, kernel.Output);
    }

    private static int[] Free(int rank, int[] batch, int[] contracting) =>
        Enumerable.Range(0, rank).Where(a => !batch.Contains(a) && !contracting.Contains(a)).ToArray();

    /// <summary>A kernel writing <paramref name="operand"/> with its dimensions in <paramref name="order"/>,
    /// row-major, converted to the accumulator dtype (the IR's semantics) and stored as <paramref name="storage"/>,
    /// which holds those values exactly.</summary>
    internal static FusedElementwise Pack(Accelerator accelerator, string name, TensorRef operand, int[] order,
        DType accumulator, DType storage, int target)
    {
        var strides = IndexMap.RowMajorStrides(operand.Shape);
        var shape = order.Select(a => operand.Shape[a]).ToArray();
        var map = new IndexMap(0, order.Select(a => strides[a]).ToArray());
        var program = new ScalarProgramBuilder();
        var value = program.Convert(program.Convert(program.Load(0, operand.DType), accumulator), storage);
        return new FusedElementwise(accelerator, name + "/pack", shape,
            [new FusedInput(new MappedInput(operand.Buffer, operand.DType, map))], program.Build(value), [new FusedOutput(target)]);
    }

    /// <summary>The IR kernel's epilogue (or a plain store) over its output, reading the GEMM's product (in the
    /// accumulator dtype) through <paramref name="productMap"/>.</summary>
    internal static FusedElementwise Epilogue(Accelerator accelerator, string name, int[] outputShape, IndexMap productMap,
        int product, DType accumulator, FusedEpilogue? fused, int output)
    {
        var inputs = new List<FusedInput> { new(new MappedInput(product, accumulator, productMap)) };
        inputs.AddRange(fused?.Inputs.Select(i => new FusedInput(i)) ?? []);
        return new FusedElementwise(accelerator, name, outputShape, inputs, fused?.Program ?? ScalarProgram.Identity(accumulator),
            [new FusedOutput(output)]);
    }

    public void Issue(LaunchFrame frame)
    {
        long batch = gemm.Batch;
        var input = (long)gemm.Input.SizeOf();
        frame.Bind(PackedLhs, frame.Scratch(batch * gemm.M * gemm.K * input));
        frame.Bind(PackedRhs, frame.Scratch(batch * gemm.K * gemm.N * input));
        frame.Bind(Product, frame.Scratch(batch * gemm.M * gemm.N * gemm.Output.SizeOf()));
        packLhs.Issue(frame);
        packRhs.Issue(frame);
        BatchedGemm.Issue(frame, gemm, types.AllowTf32, PackedLhs, PackedRhs, Product);
        epilogue.Issue(frame);
    }

    public void Dispose()
    {
        packLhs.Dispose();
        packRhs.Dispose();
        epilogue.Dispose();
    }
}
