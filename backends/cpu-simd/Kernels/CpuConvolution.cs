using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Elements;
using JaxNet.Backends.CpuSimd.Kernels.Gemm;
using JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// conv_general_dilated by im2col + GEMM: operands are converted to [N, C, in...] and [O, I, window...] in the
/// compute type (or read where they lie when they already are); for each output batch and feature/batch group the
/// group's filters [O/G, I x window] are multiplied by the patches [I x window, out points] (zeros for padding and
/// lhs-dilation holes), giving [O/G, out points] of a [N', O, out...] result, which is finally written in the
/// output's layout and dtype. For float products the patches are gathered straight into the GEMM's panels
/// (<see cref="ConvolutionPatchPanels{T}"/>, an implicit GEMM); integer products, whose GEMM reads B where it lies,
/// get them written out first (<see cref="ConvolutionColumnPatches{T}"/>). Small images share a
/// product, their patches side by side (<see cref="ConvolutionImageBlocks"/>), and are copied into place after it.
/// When the output already is [N, O, out...] in the compute dtype, the GEMM writes it in place, and a fused
/// epilogue is inlined into the GEMM's tiles (<see cref="InlineEpilogue"/>) where it can be; otherwise the
/// epilogue runs as an elementwise pass after the result is written.
/// A convolution whose window is wider than its output (a weight gradient) goes by im2row instead
/// (<see cref="ConvolutionRowPatches{T}"/>): one product per group over every batch's output points.
/// </summary>
internal static class CpuConvolution
{
    public static CompiledKernel Compile(ConvolutionKernel kernel, CompileContext context)
    {
        var geometry = new ConvolutionGeometry(kernel);
        var d = kernel.Dimensions;
        var compute = ElementDispatch.ComputeDType(kernel.AccumulatorDType);
        var lhsStrides = IndexMap.RowMajorStrides(kernel.Lhs.Shape);
        var rhsStrides = IndexMap.RowMajorStrides(kernel.Rhs.Shape);
        var lhsOrder = new[] { d.LhsBatch, d.LhsFeature }.Concat(d.LhsSpatial).ToArray();
        var rhsOrder = new[] { d.RhsOutputFeature, d.RhsInputFeature }.Concat(d.RhsSpatial).ToArray();

        // The result [N', O, out...] (im2col) or [N', out..., O] (im2row) is contiguous; the output's dim a reads
        // it with the stride of its role.
        var rowPatches = geometry.PrefersRowPatches;
        var outShape = kernel.OutputShape;
        var resultStrides = new long[outShape.Length];
        var pointStride = rowPatches ? geometry.OutFeatures : 1L;
        resultStrides[d.OutBatch] = (long)geometry.OutFeatures * geometry.OutPoints;
        resultStrides[d.OutFeature] = rowPatches ? 1 : geometry.OutPoints;
        var spatialStrides = IndexMap.RowMajorStrides(geometry.OutSizes);
        for (var s = 0; s < d.OutSpatial.Length; s++) resultStrides[d.OutSpatial[s]] = spatialStrides[s] * pointStride;

        var result = kernel.Output;
        ICpuKernel? epilogue = null;
        InlineEpilogue? inlined = null;
        var epilogueText = "";
        // The output is the GEMM's own [N, O, out...] result in the compute dtype: written in place, no copy.
        var inPlace = !rowPatches && d.OutBatch == 0 && d.OutFeature == 1 && d.OutSpatial.SequenceEqual(Enumerable.Range(2, d.OutSpatial.Length))
                      && kernel.AccumulatorDType == compute;
        if (kernel.Epilogue is not null)
        {
            var reason = "the output is not [batch, feature, spatial...] in the compute dtype";
            if (inPlace)
                inlined = InlineEpilogue.TryCreate(kernel.Epilogue, kernel.AccumulatorDType, outShape, kernel.Output, compute, 1, 1, out reason);
            if (inlined is null)
                (result, epilogue) = EpilogueBuilder.Build(kernel.Name, kernel.Epilogue, kernel.AccumulatorDType, outShape, kernel.Output, context);
            epilogueText = inlined is null ? $"; epilogue: generated elementwise kernel ({reason})" : "; epilogue: inlined into the GEMM's tiles";
        }
        // An operand already in its normalised layout and the compute dtype is read where it lies (unless the
        // result is written over it), instead of copied: a forward conv's NCHW activations and OIHW filters.
        var lhsShape = lhsOrder.Select(a => kernel.Lhs.Shape[a]).ToArray();
        var rhsShape = rhsOrder.Select(a => kernel.Rhs.Shape[a]).ToArray();
        var lhsInPlace = ReadsInPlace(kernel.Lhs, compute, lhsOrder, result);
        var rhsInPlace = ReadsInPlace(kernel.Rhs, compute, rhsOrder, result);
        var images = rowPatches ? 1 : ConvolutionImageBlocks.ImagesPerProduct(geometry, GemmRunner.PanelColumns(compute),
            ConvolutionImageBlocks.Workers(geometry), CacheSizes.Current.L2 / compute.SizeOf());
        var plan = new Plan(geometry, kernel.Lhs.Buffer, kernel.Rhs.Buffer, result,
            lhsInPlace ? null : StridedConverter.Create(kernel.Lhs.DType, compute), lhsShape, lhsOrder.Select(a => lhsStrides[a]).ToArray(),
            rhsInPlace ? null : StridedConverter.Create(kernel.Rhs.DType, compute), rhsShape, rhsOrder.Select(a => rhsStrides[a]).ToArray(),
            StridedConverter.Create(compute, kernel.AccumulatorDType), outShape, resultStrides, epilogue,
            inPlace && epilogue is null, inlined, rowPatches, images);
        var code = ComputeDispatch.Visit(compute, new Factory(plan));
        var description = (rowPatches ? "im2row (a row of patches per output point of every batch, one product per group)"
                              : compute.IsFloat() ? "implicit im2col (patches gathered into the GEMM's panels)" : "im2col") +
                          $" + {GemmRunner.Describe(compute)}; groups {geometry.Groups}" +
                          (images > 1 ? $"; {images} images per product" : "") +
                          (lhsInPlace ? "; lhs read in place" : "") + (rhsInPlace ? "; rhs read in place" : "") +
                          (plan.InPlace ? "; written in place" : "") + epilogueText;
        return new CompiledKernel(kernel, code, description, geometry.Flops);
    }

    /// <summary>
    /// Whether <paramref name="operand"/>, contiguous, already is in its normalised order (<paramref name="order"/>
    /// the identity up to unit dimensions) and the compute dtype, and is not the buffer the result goes to.
    /// </summary>
    private static bool ReadsInPlace(TensorRef operand, DType compute, int[] order, int result)
    {
        if (operand.DType != compute || operand.Buffer == result) return false;
        var kept = order.Where(a => operand.Shape[a] != 1).ToArray();
        for (var i = 1; i < kept.Length; i++)
            if (kept[i] < kept[i - 1]) return false;
        return true;
    }

    /// <summary>A converter of null: the operand is read where it lies (<see cref="ReadsInPlace"/>).</summary>
    private sealed record Plan(ConvolutionGeometry Geometry, int LhsBuffer, int RhsBuffer, int Result,
        StridedConverter? LhsConverter, int[] LhsShape, long[] LhsStrides,
        StridedConverter? RhsConverter, int[] RhsShape, long[] RhsStrides,
        StridedConverter Store, int[] OutShape, long[] ResultStrides, ICpuKernel? Epilogue, bool InPlace, InlineEpilogue? Inlined,
        bool RowPatches, int Images);

    private sealed class Factory(Plan plan) : IComputeVisitor<ICpuKernel>
    {
        public ICpuKernel Visit<T>() where T : unmanaged, INumber<T> => new Typed<T>(plan);
    }

    private sealed unsafe class Typed<T>(Plan plan) : ICpuKernel where T : unmanaged, INumber<T>
    {
        private readonly GemmRunner.Entry gemm = GemmRunner.EntryFor(typeof(T), plan.Inlined?.Expression ?? typeof(NoEpilogue));

        /// <summary>The product of several images, computed into scratch: their epilogue runs as each is placed.</summary>
        private readonly GemmRunner.Entry plainGemm = GemmRunner.EntryFor(typeof(T), typeof(NoEpilogue));

        private readonly TileSweepRunner.Sweep? sweep = plan.Inlined is null ? null : TileSweepRunner.For(typeof(T), plan.Inlined.Expression);

        /// <summary>Where the patches read the input, for the implicit GEMM; null for im2row and integer products,
        /// whose patches are written out.</summary>
        private readonly ConvolutionPatchTable? patchTable =
            plan.RowPatches || !(typeof(T) == typeof(float) || typeof(T) == typeof(double)) ? null : new ConvolutionPatchTable(plan.Geometry);

        public void Run(BufferTable buffers)
        {
            var g = plan.Geometry;
            var inFeatures = g.InFeaturesPerGroup;
            var depth = inFeatures * g.WindowPoints;
            var points = g.OutPoints;
            var groupFeatures = g.OutFeatures / g.Groups;
            var temps = new List<nint>();
            nint Temp(long count)
            {
                var address = NativeBlock.Allocate(count * sizeof(T));
                temps.Add(address);
                return address;
            }
            try
            {
                var lhs = buffers[plan.LhsBuffer];
                if (plan.LhsConverter is not null)
                {
                    lhs = Temp((long)g.Batch * g.Features * g.InPoints);
                    plan.LhsConverter.Run(buffers[plan.LhsBuffer], 0, plan.LhsStrides, plan.LhsShape, lhs);
                }
                var rhs = buffers[plan.RhsBuffer];
                if (plan.RhsConverter is not null)
                {
                    rhs = Temp(g.OutFeatures * depth);
                    plan.RhsConverter.Run(buffers[plan.RhsBuffer], 0, plan.RhsStrides, plan.RhsShape, rhs);
                }
                var result = plan.InPlace ? buffers[plan.Result] : Temp((long)g.OutBatch * g.OutFeatures * points);
                if (depth > int.MaxValue || points > int.MaxValue)
                    throw new InvalidOperationException("convolution patches exceed 2^31 rows or columns");
                if (plan.RowPatches)
                {
                    var chunk = ConvolutionRowPatches<T>.ChunkRows(g);
                    ConvolutionRowPatches<T>.Run(g, (T*)lhs, (T*)rhs, (T*)result, gemm, (T*)Temp(chunk * depth), chunk);
                    plan.Store.Run(result, 0, plan.ResultStrides, plan.OutShape, buffers[plan.Result]);
                    plan.Epilogue?.Run(buffers);
                    return;
                }
                T* Image(int ob, int group)
                {
                    var batch = g.BatchGroups > 1 ? group * g.OutBatch + ob : ob;
                    var firstFeature = g.FeatureGroups > 1 ? group * inFeatures : 0;
                    return (T*)lhs + ((long)batch * g.Features + firstFeature) * g.InPoints;
                }
                // Whole blocks of images per core, each with its own patches, when there are enough images and work:
                // the im2col runs on every core then (within one image it is one thread's row copies), and each core's
                // GEMM reads the patches its own core wrote.
                var images = plan.Images;
                var blocks = (g.OutBatch + images - 1) / images;
                var workers = Math.Max(1, Math.Min(ConvolutionImageBlocks.Workers(g), blocks));
                var columns = images * points;
                var patchesEach = patchTable is not null ? null : Enumerable.Range(0, workers).Select(_ => Temp(depth * columns)).ToArray();
                var imageStride = (long)g.Features * g.InPoints;
                var productsEach = images == 1 ? null : Enumerable.Range(0, workers).Select(_ => Temp(groupFeatures * columns)).ToArray();
                void Blocks(int worker, bool parallelGemm)
                {
                    var patches = patchesEach is null ? null : (T*)patchesEach[worker];
                    for (var block = blocks * worker / workers; block < blocks * (worker + 1) / workers; block++)
                    {
                        var first = block * images;
                        var count = Math.Min(images, g.OutBatch - first);
                        for (var group = 0; group < g.Groups; group++)
                        {
                            var firstOut = group * groupFeatures;
                            // B: the patches, gathered as the GEMM packs them, or written out and packed from there.
                            var source = patchTable is null ? null : new ConvolutionPatchPanels<T>(patchTable, Image(first, group), imageStride);
                            if (patches != null)
                                for (var i = 0; i < count; i++) ConvolutionColumnPatches<T>.Fill(g, Image(first + i, group), patches + i * points, count * points);
                            if (images == 1)
                            {
                                // One image: the GEMM writes its [O/G, points] in place, epilogue inlined in its tiles.
                                // Row0: the group's first output feature, the row the epilogue's inputs are read at.
                                TileOperands operands = default;
                                plan.Inlined?.Fill(&operands, buffers, first);
                                gemm(new GemmArgs(groupFeatures, (int)points, (int)depth,
                                    (nint)((T*)rhs + firstOut * depth), (nint)depth, 1,
                                    (nint)patches, (nint)points, 1,
                                    (nint)((T*)result + ((long)first * g.OutFeatures + firstOut) * points), (nint)points)
                                { Epilogue = (nint)(&operands), Row0 = firstOut, BSource = source }, parallelGemm);
                                continue;
                            }
                            var product = (T*)productsEach![worker];
                            var width = count * points;
                            plainGemm(new GemmArgs(groupFeatures, (int)width, (int)depth,
                                (nint)((T*)rhs + firstOut * depth), (nint)depth, 1,
                                (nint)patches, (nint)width, 1,
                                (nint)product, (nint)width)
                            { BSource = source }, parallelGemm);
                            for (var i = 0; i < count; i++) PlaceImage(product, width, i, first + i, firstOut, (T*)result, buffers);
                        }
                    }
                }
                if (workers > 1) CpuParallel.For(workers, w => Blocks(w, false));
                else Blocks(0, true);
                if (!plan.InPlace) plan.Store.Run(result, 0, plan.ResultStrides, plan.OutShape, buffers[plan.Result]);
                plan.Epilogue?.Run(buffers);
            }
            finally
            {
                foreach (var t in temps) NativeBlock.Free(t);
            }
        }

        /// <summary>
        /// Image <paramref name="index"/>'s [O/G, points] block of a product of several images (columns
        /// [index x points, (index + 1) x points) of <paramref name="product"/>, row stride <paramref name="width"/>)
        /// into output batch <paramref name="ob"/> of the [N', O, out...] result, then its inlined epilogue.
        /// </summary>
        private void PlaceImage(T* product, long width, int index, int ob, int firstOut, T* result, BufferTable buffers)
        {
            var g = plan.Geometry;
            var points = (int)g.OutPoints;
            var rows = g.OutFeatures / g.Groups;
            var target = result + ((long)ob * g.OutFeatures + firstOut) * points;
            for (var o = 0; o < rows; o++)
                new ReadOnlySpan<T>(product + o * width + (long)index * points, points).CopyTo(new Span<T>(target + (long)o * points, points));
            if (sweep is null) return;
            TileOperands operands = default;
            plan.Inlined!.Fill(&operands, buffers, ob);
            sweep((nint)target, points, rows, points, (nint)(&operands), firstOut);
        }
    }
}
