namespace JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

/// <summary>
/// What a inlined epilogue reads besides the accumulator, for one matrix of a (batched) product: for each
/// operand slot the address of element (0, 0) and its element strides along the rows and columns of C (a column
/// stride of 0 broadcasts one value along a row, as a bias per row; 1 reads a vector), and the constants.
/// Unmanaged and fixed-size, so that it lives on the caller's stack and one pointer to it travels in
/// <see cref="GemmArgs"/> to every thread.
/// </summary>
internal unsafe struct TileOperands
{
    public const int MaxOperands = 8;

    public const int MaxConstants = 8;

    public fixed long Base[MaxOperands];

    public fixed long RowStride[MaxOperands];

    public fixed long ColStride[MaxOperands];

    public fixed double Constants[MaxConstants];
}
