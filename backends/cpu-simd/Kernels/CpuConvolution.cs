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
/// compute type; for each output batch and feature/batch group the patches [I x window, out points] are gathered
/// (zeros for padding and lhs-dilation holes) and multiplied by the group's filters [O/G, I x window], giving
/// [O/G, out points] of a [N', O, out...] result, which is finally written in the output's layout and dtype.
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
        var plan = new Plan(geometry, kernel.Lhs.Buffer, kernel.Rhs.Buffer, result,
            StridedConverter.Create(kernel.Lhs.DType, compute), lhsOrder.Select(a => kernel.Lhs.Shape[a]).ToArray(), lhsOrder.Select(a => lhsStrides[a]).ToArray(),
            StridedConverter.Create(kernel.Rhs.DType, compute), rhsOrder.Select(a => kernel.Rhs.Shape[a]).ToArray(), rhsOrder.Select(a => rhsStrides[a]).ToArray(),
            StridedConverter.Create(compute, kernel.AccumulatorDType), outShape, resultStrides, epilogue,
            inPlace && epilogue is null, inlined, rowPatches);
        var code = ComputeDispatch.Visit(compute, new Factory(plan));
        var description = (rowPatches ? "im2row (a row of patches per output point of every batch, one product per group)" : "im2col") +
                          $" + {GemmRunner.Describe(compute)}; groups {geometry.Groups}" +
                          (plan.InPlace ? "; written in place" : "") + epilogueText;
        return new CompiledKernel(kernel, code, description, geometry.Flops);
    }

    private sealed record Plan(ConvolutionGeometry Geometry, int LhsBuffer, int RhsBuffer, int Result,
        StridedConverter LhsConverter, int[] LhsShape, long[] LhsStrides,
        StridedConverter RhsConverter, int[] RhsShape, long[] RhsStrides,
        StridedConverter Store, int[] OutShape, long[] ResultStrides, ICpuKernel? Epilogue, bool InPlace, InlineEpilogue? Inlined,
        bool RowPatches);

    private sealed class Factory(Plan plan) : IComputeVisitor<ICpuKernel>
    {
        public ICpuKernel Visit<T>() where T : unmanaged, INumber<T> => new Typed<T>(plan);
    }

    private sealed unsafe class Typed<T>(Plan plan) : ICpuKernel where T : unmanaged, INumber<T>
    {
        private readonly GemmRunner.Entry gemm = GemmRunner.EntryFor(typeof(T), plan.Inlined?.Expression ?? typeof(NoEpilogue));

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
                var lhs = Temp((long)g.Batch * g.Features * g.InPoints);
                plan.LhsConverter.Run(buffers[plan.LhsBuffer], 0, plan.LhsStrides, plan.LhsShape, lhs);
                var rhs = Temp(g.OutFeatures * depth);
                plan.RhsConverter.Run(buffers[plan.RhsBuffer], 0, plan.RhsStrides, plan.RhsShape, rhs);
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
                void Images(int first, int end, T* patches, bool parallelGemm)
                {
                    for (var ob = first; ob < end; ob++)
                    {
                        TileOperands operands = default;
                        plan.Inlined?.Fill(&operands, buffers, ob);
                        for (var group = 0; group < g.Groups; group++)
                        {
                            var batch = g.BatchGroups > 1 ? group * g.OutBatch + ob : ob;
                            var firstFeature = g.FeatureGroups > 1 ? group * inFeatures : 0;
                            var firstOut = group * groupFeatures;
                            var image = (T*)lhs + ((long)batch * g.Features + firstFeature) * g.InPoints;
                            Im2Col(image, patches);
                            // Row0: the group's first output feature, the row the epilogue's inputs are read at.
                            gemm(new GemmArgs(groupFeatures, (int)points, (int)depth,
                                (nint)((T*)rhs + firstOut * depth), (nint)depth, 1,
                                (nint)patches, (nint)points, 1,
                                (nint)((T*)result + ((long)ob * g.OutFeatures + firstOut) * points), (nint)points)
                            { Epilogue = (nint)(&operands), Row0 = firstOut }, parallelGemm);
                        }
                    }
                }
                // Whole images per core, each with its own patches, when there are enough images and work: the
                // im2col runs on every core then (within one image it is one thread's row copies), and each core's
                // GEMM reads the patches its own core wrote.
                var workers = (int)Math.Min(Environment.ProcessorCount, g.OutBatch);
                if (workers > 1 && g.Flops >= GemmRunner.ParallelThreshold * workers)
                {
                    var patchesEach = Enumerable.Range(0, workers).Select(_ => Temp(depth * points)).ToArray();
                    CpuParallel.For(workers, w => Images(g.OutBatch * w / workers, g.OutBatch * (w + 1) / workers, (T*)patchesEach[w], false));
                }
                else
                {
                    Images(0, g.OutBatch, (T*)Temp(depth * points), true);
                }
                if (!plan.InPlace) plan.Store.Run(result, 0, plan.ResultStrides, plan.OutShape, buffers[plan.Result]);
                plan.Epilogue?.Run(buffers);
            }
            finally
            {
                foreach (var t in temps) NativeBlock.Free(t);
            }
        }

        /// <summary>patches[(c, w), p] = image[c, input position of (w, p)], or 0 where that is padding.</summary>
        private void Im2Col(T* image, T* patches)
        {
            var g = plan.Geometry;
            var rank = g.OutSizes.Length;
            var points = g.OutPoints;
            var inStrides = IndexMap.RowMajorStrides(g.InSizes);
            Span<int> window = stackalloc int[rank];
            Span<int> output = stackalloc int[rank];
            var maps = new int[rank][];
            var row = patches;
            for (var c = 0; c < g.InFeaturesPerGroup; c++)
            {
                var channel = image + c * g.InPoints;
                window.Clear();
                for (long w = 0; w < g.WindowPoints; w++)
                {
                    for (var s = 0; s < rank; s++) maps[s] = g.InputIndex[s][window[s]];
                    FillRow(channel, row, maps, rank == 0 ? null : g.InnerStretches[window[rank - 1]], inStrides, output, points);
                    row += points;
                    for (var s = rank - 1; s >= 0; s--)
                    {
                        if (++window[s] < g.WindowSizes[s]) break;
                        window[s] = 0;
                    }
                }
            }
        }

        private void FillRow(T* channel, T* row, int[][] maps, (int Lo, int Hi, int First, int Step)? stretch, long[] inStrides,
            Span<int> output, long points)
        {
            var rank = maps.Length;
            if (rank == 0)
            {
                row[0] = channel[0];
                return;
            }
            if (points == 0) return;
            output.Clear();
            var inner = plan.Geometry.OutSizes[rank - 1];
            var innerMap = maps[rank - 1];
            var innerStride = inStrides[rank - 1];
            for (long p = 0; p < points; p += inner)
            {
                long offset = 0;
                var valid = true;
                for (var s = 0; s < rank - 1; s++)
                {
                    var index = maps[s][output[s]];
                    if (index < 0) valid = false;
                    offset += index * inStrides[s];
                }
                var dst = row + p;
                if (!valid)
                {
                    new Span<T>(dst, inner).Clear();
                }
                else if (stretch is (int lo, int hi, int firstIndex, int step))
                {
                    // Padding at either end, and in between one run of the input row: a block copy at stride 1.
                    new Span<T>(dst, lo).Clear();
                    new Span<T>(dst + hi, inner - hi).Clear();
                    var source = channel + offset + firstIndex * innerStride;
                    if (step == 1 && innerStride == 1)
                        new ReadOnlySpan<T>(source, hi - lo).CopyTo(new Span<T>(dst + lo, hi - lo));
                    else
                        for (var o = lo; o < hi; o++) dst[o] = source[(o - lo) * step * innerStride];
                }
                else
                {
                    for (var o = 0; o < inner; o++)
                    {
                        var index = innerMap[o];
                        dst[o] = index < 0 ? T.Zero : channel[offset + index * innerStride];
                    }
                }
                for (var s = rank - 2; s >= 0; s--)
                {
                    if (++output[s] < plan.Geometry.OutSizes[s]) break;
                    output[s] = 0;
                }
            }
        }
    }
}
