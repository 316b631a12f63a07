using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Elements;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// How a contraction operand is seen as a batch of matrices [batch, rows, cols]. When the operand already has the
/// compute dtype and its row dimensions and column dimensions each collapse to one stride, the GEMM reads it in
/// place (any transposition is just strides); otherwise it is first converted into a contiguous
/// [batch, rows, cols] array of the compute dtype.
/// </summary>
internal sealed class OperandLayout
{
    public OperandLayout(TensorRef tensor, int[] batchDims, int[] rowDims, int[] colDims, DType compute)
    {
        var shape = tensor.Shape;
        var strides = IndexMap.RowMajorStrides(shape);
        Rows = Product(shape, rowDims);
        Cols = Product(shape, colDims);
        var batchShape = batchDims.Select(d => shape[d]).ToArray();
        BatchCount = batchShape.Aggregate(1L, (a, b) => a * b);
        var direct = tensor.DType == compute && Collapse(shape, strides, rowDims, out var rowStride)
                                              && Collapse(shape, strides, colDims, out var colStride);
        if (direct)
        {
            Collapse(shape, strides, rowDims, out rowStride);
            Collapse(shape, strides, colDims, out colStride);
            RowStride = (nint)rowStride;
            ColStride = (nint)colStride;
            BatchOffsets = BatchOffsetsOf(batchShape, batchDims.Select(d => strides[d]).ToArray());
            return;
        }
        var order = batchDims.Concat(rowDims).Concat(colDims).ToArray();
        NormaliseShape = order.Select(d => shape[d]).ToArray();
        NormaliseStrides = order.Select(d => strides[d]).ToArray();
        Normaliser = StridedConverter.Create(tensor.DType, compute);
        RowStride = (nint)Cols;
        ColStride = 1;
        BatchOffsets = Enumerable.Range(0, (int)BatchCount).Select(b => b * Rows * Cols).ToArray();
    }

    public long Rows { get; }

    public long Cols { get; }

    public long BatchCount { get; }

    public nint RowStride { get; }

    public nint ColStride { get; }

    /// <summary>Element offset of each batch's matrix (in the operand, or in the normalised copy).</summary>
    public long[] BatchOffsets { get; }

    /// <summary>Null when the operand is read in place.</summary>
    public StridedConverter? Normaliser { get; }

    public int[] NormaliseShape { get; } = [];

    public long[] NormaliseStrides { get; } = [];

    public long NormalisedCount => BatchCount * Rows * Cols;

    public string Describe() => Normaliser is null ? $"in place (strides {RowStride},{ColStride})" : "converted to contiguous";

    private static long Product(int[] shape, int[] dims) => dims.Aggregate(1L, (a, d) => a * shape[d]);

    /// <summary>True when the dims (in this order) address memory as one dimension of stride <paramref name="stride"/>.</summary>
    internal static bool Collapse(int[] shape, long[] strides, int[] dims, out long stride)
    {
        var kept = dims.Where(d => shape[d] != 1).ToArray();
        stride = kept.Length == 0 ? 1 : strides[kept[^1]];
        for (var i = 0; i + 1 < kept.Length; i++)
            if (strides[kept[i]] != strides[kept[i + 1]] * shape[kept[i + 1]]) return false;
        return true;
    }

    /// <summary>Element offset of each batch (row-major over <paramref name="batchShape"/>).</summary>
    internal static long[] BatchOffsetsOf(int[] batchShape, long[] batchStrides)
    {
        var count = batchShape.Aggregate(1L, (a, b) => a * b);
        var offsets = new long[count];
        var index = new int[batchShape.Length];
        for (long b = 0; b < count; b++)
        {
            long offset = 0;
            for (var d = 0; d < index.Length; d++) offset += index[d] * batchStrides[d];
            offsets[b] = offset;
            for (var d = index.Length - 1; d >= 0; d--)
            {
                if (++index[d] < batchShape[d]) break;
                index[d] = 0;
            }
        }
        return offsets;
    }
}
