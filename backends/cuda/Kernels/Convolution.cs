using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>Uniform parameters of a direct convolution; per-spatial-dimension arrays live in the metadata, each
/// <see cref="Spatial"/> long, at the positions named *At.</summary>
internal struct ConvParams
{
    public int OutRank;
    public int OutShapeAt;
    public int OutBatch;
    public int OutFeature;
    public int OutSpatialAt;
    public int Spatial;
    public long LhsBatchStride;
    public long LhsFeatureStride;
    public int LhsSpatialStrideAt;
    public int LhsSpatialSizeAt;
    public long RhsOutStride;
    public long RhsInStride;
    public int RhsSpatialStrideAt;
    public int RhsSpatialSizeAt;
    public int WindowStrideAt;
    public int PadLowAt;
    public int LhsDilationAt;
    public int RhsDilationAt;
    public long InputFeaturesPerGroup;
    public long OutputFeaturesPerGroup;
    public long OutputFeaturesPerBatchGroup;
    public long OutputBatch;
    public long WindowCount;
    public long Points;
    public DType Lhs;
    public DType Rhs;
    public DType Accumulator;
}

/// <summary>
/// conv_general_dilated as a direct kernel (one thread per output element, looping over its group's input
/// features and the window, with lhs dilation, padding, rhs dilation, feature and batch groups as XLA's
/// evaluator defines them), writing accumulator register values to scratch; the epilogue is then one fused
/// elementwise kernel. The issue's im2col + GEMM (or cuDNN) is the GPU-speed plan; this is correct first.
/// </summary>
internal sealed class Convolution : ICompiledKernel
{
    private const int Product = -1;
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, ConvParams> kernel;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> meta;
    private readonly FusedElementwise epilogue;
    private readonly ConvParams p;
    private readonly int[] buffers;

    public Convolution(Accelerator accelerator, ConvolutionKernel conv)
    {
        var d = conv.Dimensions;
        var metaList = new List<long>();
        int Add(IEnumerable<long> values)
        {
            var at = metaList.Count;
            metaList.AddRange(values);
            return at;
        }
        var lhsStrides = IndexMap.RowMajorStrides(conv.Lhs.Shape);
        var rhsStrides = IndexMap.RowMajorStrides(conv.Rhs.Shape);
        var outFeatures = conv.OutputShape[d.OutFeature];
        p = new ConvParams
        {
            OutRank = conv.OutputShape.Length,
            OutShapeAt = Add(conv.OutputShape.Select(x => (long)x)),
            OutBatch = d.OutBatch,
            OutFeature = d.OutFeature,
            OutSpatialAt = Add(d.OutSpatial.Select(x => (long)x)),
            Spatial = d.LhsSpatial.Length,
            LhsBatchStride = lhsStrides[d.LhsBatch],
            LhsFeatureStride = lhsStrides[d.LhsFeature],
            LhsSpatialStrideAt = Add(d.LhsSpatial.Select(x => lhsStrides[x])),
            LhsSpatialSizeAt = Add(d.LhsSpatial.Select(x => (long)conv.Lhs.Shape[x])),
            RhsOutStride = rhsStrides[d.RhsOutputFeature],
            RhsInStride = rhsStrides[d.RhsInputFeature],
            RhsSpatialStrideAt = Add(d.RhsSpatial.Select(x => rhsStrides[x])),
            RhsSpatialSizeAt = Add(d.RhsSpatial.Select(x => (long)conv.Rhs.Shape[x])),
            WindowStrideAt = Add(conv.WindowStrides.Select(x => (long)x)),
            PadLowAt = Add(conv.PaddingLow.Select(x => (long)x)),
            LhsDilationAt = Add(conv.LhsDilation.Select(x => (long)x)),
            RhsDilationAt = Add(conv.RhsDilation.Select(x => (long)x)),
            InputFeaturesPerGroup = conv.Rhs.Shape[d.RhsInputFeature],
            OutputFeaturesPerGroup = Math.Max(1, outFeatures / conv.FeatureGroupCount),
            OutputFeaturesPerBatchGroup = Math.Max(1, outFeatures / conv.BatchGroupCount),
            OutputBatch = conv.OutputShape[d.OutBatch],
            WindowCount = d.RhsSpatial.Aggregate(1L, (a, x) => a * conv.Rhs.Shape[x]),
            Points = conv.OutputShape.Aggregate(1L, (a, b) => a * b),
            Lhs = conv.Lhs.DType,
            Rhs = conv.Rhs.DType,
            Accumulator = conv.AccumulatorDType,
        };
        metaList.Add(0);
        meta = accelerator.Allocate1D(metaList.ToArray());
        kernel = KernelLoading.AutoGrouped<Slots, ArrayView<long>, ConvParams>(accelerator, Run);
        buffers = [conv.Lhs.Buffer, conv.Rhs.Buffer, Product];
        var own = new FusedInput(new MappedInput(Product, conv.AccumulatorDType, IndexMap.Identity(conv.OutputShape)), Raw: true);
        var inputs = new List<FusedInput> { own };
        inputs.AddRange(conv.Epilogue?.Inputs.Select(i => new FusedInput(i)) ?? []);
        epilogue = new FusedElementwise(accelerator, conv.Name, conv.OutputShape, inputs,
            conv.Epilogue?.Program ?? ScalarProgram.Identity(conv.AccumulatorDType), [new FusedOutput(conv.Output)]);
    }

    private static void Run(Index1D index, Slots slots, ArrayView<long> meta, ConvParams p)
    {
        var outSpatial = LocalMemory.Allocate<long>(16);
        long batch = 0, feature = 0;
        long rest = index;
        for (var d = p.OutRank - 1; d >= 0; d--)
        {
            var extent = meta[p.OutShapeAt + d];
            var c = rest % extent;
            rest /= extent;
            if (d == p.OutBatch) batch = c;
            else if (d == p.OutFeature) feature = c;
            for (var s = 0; s < p.Spatial; s++)
                if (meta[p.OutSpatialAt + s] == d) outSpatial[s] = c;
        }
        var featureGroup = feature / p.OutputFeaturesPerGroup;
        var batchGroup = feature / p.OutputFeaturesPerBatchGroup;
        var lhsBatch = batchGroup * p.OutputBatch + batch;
        var isFloat = p.Accumulator.IsFloat();
        double sumF = 0;
        long sumI = 0;
        for (long z = 0; z < p.InputFeaturesPerGroup; z++)
        {
            var lhsBase = lhsBatch * p.LhsBatchStride + (featureGroup * p.InputFeaturesPerGroup + z) * p.LhsFeatureStride;
            var rhsBase = feature * p.RhsOutStride + z * p.RhsInStride;
            for (long w = 0; w < p.WindowCount; w++)
            {
                var lhsAt = lhsBase;
                var rhsAt = rhsBase;
                var inside = true;
                var wr = w;
                for (var s = p.Spatial - 1; s >= 0; s--)
                {
                    var size = meta[p.RhsSpatialSizeAt + s];
                    var k = wr % size;
                    wr /= size;
                    rhsAt += k * meta[p.RhsSpatialStrideAt + s];
                    var dilated = outSpatial[s] * meta[p.WindowStrideAt + s] - meta[p.PadLowAt + s] + k * meta[p.RhsDilationAt + s];
                    var lhsDilation = meta[p.LhsDilationAt + s];
                    if (dilated < 0 || dilated % lhsDilation != 0) inside = false;
                    var x = dilated / lhsDilation;
                    if (x >= meta[p.LhsSpatialSizeAt + s]) inside = false;
                    lhsAt += x * meta[p.LhsSpatialStrideAt + s];
                }
                if (!inside) continue;
                var a = Registers.Convert(slots.Load(0, lhsAt, p.Lhs), p.Lhs, p.Accumulator);
                var b = Registers.Convert(slots.Load(1, rhsAt, p.Rhs), p.Rhs, p.Accumulator);
                if (isFloat) sumF += Registers.F(a) * Registers.F(b);
                else sumI = unchecked(sumI + a * b);
            }
        }
        slots.StoreRaw(2, index, isFloat ? Registers.Bits(Registers.Round(sumF, p.Accumulator)) : Registers.Normalize(sumI, p.Accumulator));
    }

    public void Issue(LaunchFrame frame)
    {
        if (p.Points == 0) return;
        frame.Bind(Product, frame.Scratch(p.Points * sizeof(long)));
        kernel(frame.Stream, (int)p.Points, frame.SlotsOf(buffers), meta.View, p);
        epilogue.Issue(frame);
    }

    public void Dispose()
    {
        meta.Dispose();
        epilogue.Dispose();
    }
}
