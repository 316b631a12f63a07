namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// One matrix product C[m,n] = A[m,k] x B[k,n]. A and B are strided views (element strides per row and column, so
/// transposed operands need no copy); C is row-major with row stride <see cref="Ldc"/> and column stride 1, and is
/// overwritten. <see cref="Epilogue"/> (a <see cref="Epilogue.TileOperands"/>*, or 0) holds the register
/// epilogue's inputs; <see cref="Row0"/> and <see cref="Col0"/> place this product's C inside the matrix those
/// inputs describe (a core's slab of a larger product). A <see cref="BSource"/> packs B itself (columns numbered
/// from <see cref="Col0"/>); B and its strides are then unused. Only the packed float GEMM takes one.
/// </summary>
internal readonly record struct GemmArgs(
    int M, int N, int K,
    nint A, nint ARow, nint ACol,
    nint B, nint BRow, nint BCol,
    nint C, nint Ldc)
{
    public nint Epilogue { get; init; }

    public int Row0 { get; init; }

    public int Col0 { get; init; }

    public IPanelSource? BSource { get; init; }

    public double Flops => 2.0 * M * N * K;
}
