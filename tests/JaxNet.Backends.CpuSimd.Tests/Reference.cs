using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>Straightforward double-precision definitions of the ops, written from XLA's semantics, to test against.</summary>
internal static class Reference
{
    public static long[] Strides(int[] shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    public static IEnumerable<int[]> Points(int[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var index = new int[shape.Length];
        for (long p = 0; p < count; p++)
        {
            yield return (int[])index.Clone();
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
    }

    public static long Offset(int[] index, long[] strides) => index.Select((i, d) => i * strides[d]).Sum();

    /// <summary>dot_general: out = batch dims, lhs free dims, rhs free dims; sum over contracting dims.</summary>
    public static double[] DotGeneral(double[] lhs, int[] lhsShape, double[] rhs, int[] rhsShape, DotDimensions d, out int[] outShape)
    {
        var lhsFree = Enumerable.Range(0, lhsShape.Length).Where(a => !d.LhsBatch.Contains(a) && !d.LhsContracting.Contains(a)).ToArray();
        var rhsFree = Enumerable.Range(0, rhsShape.Length).Where(a => !d.RhsBatch.Contains(a) && !d.RhsContracting.Contains(a)).ToArray();
        outShape = d.LhsBatch.Select(a => lhsShape[a]).Concat(lhsFree.Select(a => lhsShape[a])).Concat(rhsFree.Select(a => rhsShape[a])).ToArray();
        var contractShape = d.LhsContracting.Select(a => lhsShape[a]).ToArray();
        var ls = Strides(lhsShape);
        var rs = Strides(rhsShape);
        var result = new List<double>();
        foreach (var o in Points(outShape))
        {
            var li = new int[lhsShape.Length];
            var ri = new int[rhsShape.Length];
            var p = 0;
            for (var b = 0; b < d.LhsBatch.Length; b++, p++) { li[d.LhsBatch[b]] = o[p]; ri[d.RhsBatch[b]] = o[p]; }
            foreach (var a in lhsFree) li[a] = o[p++];
            foreach (var a in rhsFree) ri[a] = o[p++];
            double sum = 0;
            foreach (var c in Points(contractShape))
            {
                for (var k = 0; k < c.Length; k++) { li[d.LhsContracting[k]] = c[k]; ri[d.RhsContracting[k]] = c[k]; }
                sum += lhs[Offset(li, ls)] * rhs[Offset(ri, rs)];
            }
            result.Add(sum);
        }
        return result.ToArray();
    }

    /// <summary>conv_general_dilated, per output point, straight from the StableHLO definition.</summary>
    public static double[] Convolution(double[] lhs, int[] lhsShape, double[] rhs, int[] rhsShape, ConvolutionKernel k)
    {
        var d = k.Dimensions;
        var outShape = k.OutputShape;
        var ls = Strides(lhsShape);
        var rs = Strides(rhsShape);
        var o = rhsShape[d.RhsOutputFeature];
        var inPerGroup = rhsShape[d.RhsInputFeature];
        var outBatch = outShape[d.OutBatch];
        var windowShape = d.RhsSpatial.Select(a => rhsShape[a]).ToArray();
        var result = new List<double>();
        foreach (var point in Points(outShape))
        {
            var of = point[d.OutFeature];
            var ob = point[d.OutBatch];
            var featureGroup = of / (o / k.FeatureGroupCount);
            var batchGroup = of / (o / k.BatchGroupCount);
            var lhsBatch = batchGroup * outBatch + ob;
            double sum = 0;
            for (var ic = 0; ic < inPerGroup; ic++)
            {
                foreach (var w in Points(windowShape))
                {
                    var li = new int[lhsShape.Length];
                    li[d.LhsBatch] = lhsBatch;
                    li[d.LhsFeature] = featureGroup * inPerGroup + ic;
                    var inside = true;
                    for (var s = 0; s < windowShape.Length && inside; s++)
                    {
                        var dilated = point[d.OutSpatial[s]] * k.WindowStrides[s] + w[s] * k.RhsDilation[s] - k.PaddingLow[s];
                        var size = lhsShape[d.LhsSpatial[s]];
                        if (dilated < 0 || dilated % k.LhsDilation[s] != 0 || dilated / k.LhsDilation[s] >= size) inside = false;
                        else li[d.LhsSpatial[s]] = dilated / k.LhsDilation[s];
                    }
                    if (!inside) continue;
                    var ri = new int[rhsShape.Length];
                    ri[d.RhsOutputFeature] = of;
                    ri[d.RhsInputFeature] = ic;
                    for (var s = 0; s < windowShape.Length; s++) ri[d.RhsSpatial[s]] = w[s];
                    sum += lhs[Offset(li, ls)] * rhs[Offset(ri, rs)];
                }
            }
            result.Add(sum);
        }
        return result.ToArray();
    }

    public static double[] Values(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => (double)((i * 7919 + seed * 104729) % 17 - 8) / 4).ToArray();

    public static void Close(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
