using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// dot_general as three steps: pack each operand to a batched row-major matrix in the GEMM's input type
/// ([batch, m, k] and [batch, k, n], see <see cref="GemmTypes"/>: one fused transpose-and-convert kernel each,
/// through index maps), a GEMM into a product in the accumulator dtype (<see cref="BatchedGemm"/>: cuBLAS's
/// GemmEx on a GPU, the ILGPU kernel otherwise), then the epilogue as a fused elementwise kernel over the output.
/// An operand already in that layout and type, or in its transpose (contracting dimensions before free ones for
/// the lhs, after them for the rhs, batch dimensions first), is read where it is (no pack; the GEMM reads it
/// transposed), and a contraction without an
/// epilogue whose output is the product writes its output directly (no epilogue launch) unless the output's
/// memory overlaps an operand's (a donated buffer), which a GEMM cannot write in place.
/// </summary>
internal sealed class Contraction : ICompiledKernel
{
    private const int PackedLhs = -1;
    private const int PackedRhs = -2;
    private const int Product = -3;
    private readonly FusedElementwise? packLhs;
    private readonly FusedElementwise? packRhs;
    private readonly FusedElementwise epilogue;
    private readonly GemmParams gemm;
    private readonly GemmTypes types;
    private readonly int lhs;
    private readonly int rhs;
    private readonly int? directOutput;

    public Contraction(Accelerator accelerator, ContractionKernel kernel)
    {
        var d = kernel.Dimensions;
        var lhsFree = Free(kernel.Lhs.Shape.Length, d.LhsBatch, d.LhsContracting);
        var rhsFree = Free(kernel.Rhs.Shape.Length, d.RhsBatch, d.RhsContracting);
        int Size(TensorRef t, IEnumerable<int> dims) => dims.Aggregate(1, (a, x) => a * t.Shape[x]);
        types = GemmTypes.For(kernel.Lhs.DType, kernel.Rhs.DType, kernel.AccumulatorDType, kernel.Precision);
        var dense = GemmParams.Dense(Size(kernel.Lhs, d.LhsBatch), Size(kernel.Lhs, lhsFree), Size(kernel.Rhs, rhsFree),
            Size(kernel.Lhs, d.LhsContracting), types.Input, types.Output);
        int transA, transB;
        (packLhs, lhs, transA) = PackUnlessPacked(accelerator, kernel.Name, kernel.Lhs, [.. d.LhsBatch, .. lhsFree, .. d.LhsContracting],
            [.. d.LhsBatch, .. d.LhsContracting, .. lhsFree], kernel.AccumulatorDType, types.Input, PackedLhs);
        (packRhs, rhs, transB) = PackUnlessPacked(accelerator, kernel.Name, kernel.Rhs, [.. d.RhsBatch, .. d.RhsContracting, .. rhsFree],
            [.. d.RhsBatch, .. rhsFree, .. d.RhsContracting], kernel.AccumulatorDType, types.Input, PackedRhs);
        gemm = dense with { TransA = transA, TransB = transB };
        epilogue = Epilogue(accelerator, kernel.Name, kernel.OutputShape, IndexMap.Identity(kernel.OutputShape), Product,
            kernel.AccumulatorDType, kernel.Epilogue, kernel.Output);
        if (kernel.Epilogue is null) directOutput = kernel.Output;
    }

    /// <summary>Whether the GEMM reads lhs and rhs transposed, in place (1) or packed (0).</summary>
    internal (int Lhs, int Rhs) Transposed => (gemm.TransA, gemm.TransB);

    /// <summary>The pack of an operand and the buffer the GEMM reads, or no pack and the operand's own buffer when
    /// it is already stored as <paramref name="storage"/>, row-major in <paramref name="order"/> (transposed: 0) or
    /// in <paramref name="transposed"/> (1; never when null).</summary>
    internal static (FusedElementwise? Pack, int Buffer, int Transposed) PackUnlessPacked(Accelerator accelerator, string name,
        TensorRef operand, int[] order, int[]? transposed, DType accumulator, DType storage, int target)
    {
        static bool Identity(int[] axes) => axes.Select((axis, i) => axis == i).All(x => x);
        if (operand.DType == storage && Identity(order)) return (null, operand.Buffer, 0);
        if (operand.DType == storage && transposed is not null && Identity(transposed)) return (null, operand.Buffer, 1);
        return (Pack(accelerator, name, operand, order, accumulator, storage, target), target, 0);
    }

    /// <summary>Whether two views share memory (on the host, their addresses are the device addresses).</summary>
    internal static bool Overlap(ArrayView<byte> a, ArrayView<byte> b)
    {
        if (a.Length == 0 || b.Length == 0) return false;
        var x = (long)a.LoadEffectiveAddressAsPtr();
        var y = (long)b.LoadEffectiveAddressAsPtr();
        return x < y + b.Length && y < x + a.Length;
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
        if (packLhs is not null)
        {
            frame.Bind(PackedLhs, frame.Scratch(batch * gemm.M * gemm.K * input));
            packLhs.Issue(frame);
        }
        if (packRhs is not null)
        {
            frame.Bind(PackedRhs, frame.Scratch(batch * gemm.K * gemm.N * input));
            packRhs.Issue(frame);
        }
        if (directOutput is { } output && !Overlap(frame.Buffer(output), frame.Buffer(lhs)) && !Overlap(frame.Buffer(output), frame.Buffer(rhs)))
        {
            BatchedGemm.Issue(frame, gemm, types.AllowTf32, lhs, rhs, output);
            return;
        }
        frame.Bind(Product, frame.Scratch(batch * gemm.M * gemm.N * gemm.Output.SizeOf()));
        BatchedGemm.Issue(frame, gemm, types.AllowTf32, lhs, rhs, Product);
        epilogue.Issue(frame);
    }

    public void Dispose()
    {
        packLhs?.Dispose();
        packRhs?.Dispose();
        epilogue.Dispose();
    }
}
