using JaxNet.Backends.CpuSimd.Kernels.Gemm;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// How many images' patches im2col lays side by side in one product's columns. Each image's product is
/// [O/G, out points]; the GEMM computes its columns in panels (64 f32 columns with AVX-512), so an image of 14 x 14
/// output points (196 columns) costs 256, and a product per image also packs its patches and sweeps the filters
/// on its own. Images that share a product fill the panels across their boundaries (4 images: 784 columns in 832).
/// The product then lands in scratch and each image's block is copied into place, so several images are taken
/// only where the multiply-adds they save pay for that copy: a deep product (288 for the CNN's second conv) saves
/// far more than it copies, the CNN's first conv (a depth of 9, 784 points against 832 columns) would lose by it.
/// </summary>
internal static class ConvolutionImageBlocks
{
    /// <summary>
    /// The multiply-adds per output element a block must save over one image per product, about the cost of
    /// copying that element into place (measured on one core: 4 images per product took the CNN's first conv from
    /// 2.1 to 2.5 ms, saving 0.06 x 9 per element, and its second from 9.6 to 8.0 ms, saving 0.25 x 288).
    /// </summary>
    public const double MinSavedMultiplyAdds = 16;

    /// <summary>
    /// Images per product for <paramref name="g"/> with panels of <paramref name="panelColumns"/> columns,
    /// <paramref name="workers"/> cores that each take whole blocks, and at most <paramref name="patchElements"/>
    /// patch elements per block (a core's L2, which im2col writes and the GEMM's packing reads back): the block
    /// that computes the fewest columns per column needed, or 1 unless it saves <see cref="MinSavedMultiplyAdds"/>.
    /// </summary>
    public static int ImagesPerProduct(ConvolutionGeometry g, int panelColumns, int workers, long patchElements)
    {
        var points = g.OutPoints;
        var depth = g.InFeaturesPerGroup * g.WindowPoints;
        if (panelColumns <= 1 || points == 0 || depth == 0 || g.OutBatch <= 1 || points % panelColumns == 0) return 1;
        var perCore = (g.OutBatch + Math.Max(1, workers) - 1) / Math.Max(1, workers);
        var most = (int)Math.Min(perCore, patchElements / (depth * points));
        var best = 1;
        var bestCost = ComputedShare(1, points, panelColumns);
        for (var images = 2; images <= most; images++)
        {
            var cost = ComputedShare(images, points, panelColumns);
            if (cost < bestCost)
            {
                best = images;
                bestCost = cost;
            }
        }
        return (ComputedShare(1, points, panelColumns) - bestCost) * depth >= MinSavedMultiplyAdds ? best : 1;
    }

    /// <summary>
    /// The cores that take whole blocks of images: all of them (at most one per image) when the product is worth
    /// forking for on each; else 1, and the GEMM may split its one product itself.
    /// </summary>
    public static int Workers(ConvolutionGeometry g)
    {
        var workers = (int)Math.Min(Environment.ProcessorCount, g.OutBatch);
        return workers > 1 && g.Flops >= GemmRunner.ParallelThreshold * workers ? workers : 1;
    }

    /// <summary>Columns computed per column needed when <paramref name="images"/> images share a product.</summary>
    public static double ComputedShare(int images, long points, int panelColumns)
    {
        var columns = images * points;
        return (double)((columns + panelColumns - 1) / panelColumns * panelColumns) / columns;
    }
}
