using JaxNet.Abstractions.Kernels;

namespace JaxNet.Conformance.Reference;

/// <summary>
/// conv_general_dilated from XLA's definition. For output point (b, o, y...) and window position w, the input
/// coordinate in the padded, lhs-dilated input is p = y*stride + w*rhs_dilation - pad_low; it is a real input
/// element x = p / lhs_dilation when p is a multiple of lhs_dilation and x lies in the input, else zero.
/// Feature groups: output feature o belongs to group g = o / (O / feature_groups) and reads input features
/// g*(C/feature_groups) + i. Batch groups: group g = o / (O / batch_groups) reads input batch g*(N/batch_groups) + b.
/// </summary>
internal static class ConvolutionReference
{
    public static void Run(ConvolutionKernel k, ReferenceMemory memory)
    {
        var d = k.Dimensions;
        var spatial = d.LhsSpatial.Length;
        var lhsShape = k.Lhs.Shape;
        var rhsShape = k.Rhs.Shape;
        var outFeatures = rhsShape[d.RhsOutputFeature];
        var inFeaturesPerGroup = rhsShape[d.RhsInputFeature];
        var outPerFeatureGroup = outFeatures / k.FeatureGroupCount;
        var outPerBatchGroup = outFeatures / k.BatchGroupCount;
        var batchPerGroup = lhsShape[d.LhsBatch] / k.BatchGroupCount;
        var window = d.RhsSpatial.Select(a => rhsShape[a]).ToArray();
        var lhs = new long[lhsShape.Length];
        var rhs = new long[rhsShape.Length];
        long n = 0;
        foreach (var outPoint in Shapes.Points(k.OutputShape))
        {
            var b = outPoint[d.OutBatch];
            var o = outPoint[d.OutFeature];
            var featureGroup = o / outPerFeatureGroup;
            var batchGroup = o / outPerBatchGroup;
            var acc = new Accumulator(ReduceOp.Sum, k.AccumulatorDType);
            lhs[d.LhsBatch] = batchGroup * batchPerGroup + b;
            rhs[d.RhsOutputFeature] = o;
            for (var i = 0; i < inFeaturesPerGroup; i++)
            {
                lhs[d.LhsFeature] = featureGroup * inFeaturesPerGroup + i;
                rhs[d.RhsInputFeature] = i;
                foreach (var w in Shapes.Points(window))
                {
                    var inside = true;
                    for (var s = 0; s < spatial && inside; s++)
                    {
                        var p = outPoint[d.OutSpatial[s]] * k.WindowStrides[s] + w[s] * k.RhsDilation[s] - k.PaddingLow[s];
                        if (p < 0 || p % k.LhsDilation[s] != 0) { inside = false; break; }
                        var x = p / k.LhsDilation[s];
                        if (x >= lhsShape[d.LhsSpatial[s]]) { inside = false; break; }
                        lhs[d.LhsSpatial[s]] = x;
                        rhs[d.RhsSpatial[s]] = w[s];
                    }
                    if (!inside) continue;
                    acc.AddProduct(memory.Read(k.Lhs, Shapes.Ravel(lhs, lhsShape)), memory.Read(k.Rhs, Shapes.Ravel(rhs, rhsShape)));
                }
            }
            var result = EpilogueEvaluator.Apply(k.Epilogue, acc.Result, memory, k.OutputShape, outPoint);
            memory.Write(k.Output, k.OutputDType, n++, result);
        }
    }
}
