using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

/// <summary>
/// A contraction's fused epilogue compiled into the GEMM: the program as an <see cref="ITileExpression"/> type,
/// and where each of its inputs lies relative to C's [batch, row, column]. <see cref="TryCreate"/> declines (and
/// says why) for what the inlined form cannot do: a dtype other than the compute
/// dtype, an op outside the set below, an input read through padding or a reshape, or whose columns are neither
/// contiguous nor broadcast, or that is the output buffer itself (the partial sums of a deep product are stored
/// to C before the epilogue reads its inputs). The caller then runs the epilogue as a separate elementwise pass.
/// </summary>
internal sealed unsafe class InlineEpilogue
{
    /// <summary>Nodes after expanding the program's DAG to a tree; beyond this the inlined code outgrows its gain.</summary>
    private const int MaxTreeNodes = 48;

    private readonly Placement[] operands;
    private readonly double[] constants;
    private readonly int elementSize;

    private InlineEpilogue(Type expression, Placement[] operands, double[] constants, int elementSize)
    {
        Expression = expression;
        this.operands = operands;
        this.constants = constants;
        this.elementSize = elementSize;
    }

    /// <summary>The program as a type for the micro-kernel's type argument.</summary>
    public Type Expression { get; }

    /// <summary>Where an input lies: its buffer, the element offset of C's (0, 0) in each batch, and its strides.</summary>
    private sealed record Placement(int Buffer, long[] BatchOffsets, long RowStride, long ColStride);

    /// <summary>
    /// The inlined form of <paramref name="kernel"/>'s epilogue, or null with <paramref name="reason"/>. The
    /// output's dimensions are [batch dims, lhs free dims (C's rows), rhs free dims (C's columns)].
    /// </summary>
    public static InlineEpilogue? TryCreate(ContractionKernel kernel, DType compute, int batchDims, int rowDims, out string reason) =>
        TryCreate(kernel.Epilogue ?? throw new ArgumentException("the kernel has no epilogue", nameof(kernel)),
            kernel.AccumulatorDType, kernel.OutputShape, kernel.Output, compute, batchDims, rowDims, out reason);

    /// <summary>
    /// The inlined form of an epilogue over an output of shape <paramref name="shape"/> whose first
    /// <paramref name="batchDims"/> dimensions index C's matrices, the next <paramref name="rowDims"/> C's rows and
    /// the rest C's columns (a contraction's output, or a convolution's [batch, feature, spatial...]).
    /// </summary>
    public static InlineEpilogue? TryCreate(FusedEpilogue epilogue, DType accumulator, int[] shape, int output, DType compute,
        int batchDims, int rowDims, out string reason)
    {
        if (compute is not (DType.Float32 or DType.Float64))
        {
            reason = $"the GEMM computes in {compute.ShortName()}, not a float";
            return null;
        }
        if (accumulator != compute)
        {
            reason = $"the accumulator dtype {accumulator.ShortName()} is not the compute dtype";
            return null;
        }
        var placements = new Placement?[epilogue.Inputs.Count];
        for (var i = 0; i < placements.Length; i++)
        {
            placements[i] = Place(epilogue.Inputs[i], compute, shape, batchDims, rowDims, output, out var why);
            if (placements[i] is null && ReadsInput(epilogue.Program, i + 1))
            {
                reason = $"input {i + 1}: {why}";
                return null;
            }
        }
        var builder = new ExpressionBuilder(epilogue.Program, compute);
        var expression = builder.Build(out reason);
        if (expression is null) return null;
        if (builder.TreeNodes > MaxTreeNodes)
        {
            reason = $"the program expands to {builder.TreeNodes} nodes (at most {MaxTreeNodes} are inlined)";
            return null;
        }
        var slots = builder.OperandInputs.Select(input => placements[input - 1]!).ToArray();
        return new InlineEpilogue(expression, slots, builder.Constants.ToArray(), compute.SizeOf());
    }

    /// <summary>Fills <paramref name="ops"/> for the matrix of batch <paramref name="batch"/>.</summary>
    public void Fill(TileOperands* ops, BufferTable buffers, long batch)
    {
        for (var s = 0; s < operands.Length; s++)
        {
            var o = operands[s];
            ops->Base[s] = buffers[o.Buffer] + (nint)(o.BatchOffsets[batch] * elementSize);
            ops->RowStride[s] = o.RowStride;
            ops->ColStride[s] = o.ColStride;
        }
        for (var c = 0; c < constants.Length; c++) ops->Constants[c] = constants[c];
    }

    private static bool ReadsInput(ScalarProgram program, int input) =>
        program.Nodes.Any(n => n is LoadNode load && load.Input == input);

    private static Placement? Place(MappedInput input, DType compute, int[] shape, int batchDims, int rowDims, int output, out string reason)
    {
        var map = input.Map;
        reason = input.DType != compute ? $"dtype {input.DType.ShortName()} is not the compute dtype"
            : input.Buffer == output ? "it is the output buffer"
            : map.IsPadded || map.ReshapeTo is not null ? "it is read through padding or a reshape"
            : "";
        if (reason.Length > 0) return null;
        var batch = Enumerable.Range(0, batchDims).ToArray();
        var rows = Enumerable.Range(batchDims, rowDims).ToArray();
        var cols = Enumerable.Range(batchDims + rowDims, shape.Length - batchDims - rowDims).ToArray();
        var strides = map.Strides;
        if (!OperandLayout.Collapse(shape, strides, rows, out var rowStride) || !OperandLayout.Collapse(shape, strides, cols, out var colStride))
        {
            reason = "its rows or columns do not collapse to one stride";
            return null;
        }
        if (cols.All(d => shape[d] == 1)) colStride = 0;
        if (rows.All(d => shape[d] == 1)) rowStride = 0;
        if (colStride is not (0 or 1))
        {
            reason = $"its column stride is {colStride} (a vector load needs 1, a broadcast 0)";
            return null;
        }
        var offsets = OperandLayout.BatchOffsetsOf(batch.Select(d => shape[d]).ToArray(), batch.Select(d => strides[d]).ToArray());
        for (var b = 0; b < offsets.Length; b++) offsets[b] += map.Offset;
        return new Placement(input.Buffer, offsets, rowStride, colStride);
    }
}
