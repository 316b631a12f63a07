namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// The rows of C a micro-kernel call computes (1 to 6), as a type: the kernels are generic over it, so each row
/// count compiles to its own straight-line loop without the absent rows' FMAs. A product with M = 128 ends in a
/// 2-row tile, which the 6-row kernel would compute at the full tile's cost.
/// </summary>
internal interface ITileRows
{
    static abstract int Count { get; }
}

internal readonly struct OneRow : ITileRows
{
    public static int Count => 1;
}

internal readonly struct TwoRows : ITileRows
{
    public static int Count => 2;
}

internal readonly struct ThreeRows : ITileRows
{
    public static int Count => 3;
}

internal readonly struct FourRows : ITileRows
{
    public static int Count => 4;
}

internal readonly struct FiveRows : ITileRows
{
    public static int Count => 5;
}

internal readonly struct SixRows : ITileRows
{
    public static int Count => 6;
}
