using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops;

/// <summary>
/// lax.conv_general_dilated: window strides, (low, high) padding (negative crops), lhs dilation (a transposed
/// convolution's), rhs dilation (atrous), feature and batch groups, and layouts given as specs: for lhs (batch,
/// feature, spatial...), rhs (out feature, in feature, spatial...) and the output (batch, feature, spatial...), each
/// the dimension that plays the role. Each output element is a sum of products, bounded as a contraction's.
/// </summary>
public sealed class ConvolutionFuzzOp(int[] strides, (int Low, int High)[] padding, int[] lhsDilation, int[] rhsDilation, int[][] specs,
    int featureGroups, int batchGroups) : FuzzOp
{
    private ConvDimensions Dimensions => new(specs[0][0], specs[0][1], specs[0][2..], specs[1][0], specs[1][1], specs[1][2..],
        specs[2][0], specs[2][1], specs[2][2..]);

    public override bool MultipliesElements => true;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        var d = Dimensions;
        if (args.Count != 2 || !args[0].DType.IsFloat() || args[1].DType != args[0].DType || args[0].Rank != specs[0].Length
            || args[1].Rank != specs[0].Length || strides.Length != specs[0].Length - 2)
            throw Mismatch("conv_general_dilated", args);
        var (l, r) = (args[0].Shape, args[1].Shape);
        if (l[d.LhsFeature] != r[d.RhsInputFeature] * featureGroups || r[d.RhsOutputFeature] % (featureGroups * batchGroups) != 0
            || l[d.LhsBatch] % batchGroups != 0)
            throw Mismatch("conv_general_dilated", args);
        return args[0].With(ConvolutionKernel.InferOutputShape(l, r, d, strides, padding.Select(p => p.Low).ToArray(),
            padding.Select(p => p.High).ToArray(), lhsDilation, rhsDilation, batchGroups));
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) =>
        Lax.ConvGeneralDilated(args[0], args[1], strides, padding, lhsDilation, rhsDilation, specs, featureGroups, batchGroups);

    /// <summary>XLA's definition: output (b, o, y) sums lhs(b', g C/G + i, x) rhs(o, i, w) over the input features i of
    /// o's feature group and the window w, where x = (y stride + w rhs_dilation - low) / lhs_dilation where that is a
    /// whole number inside the input (else the term is a zero of the padding, which a backend may multiply or skip).</summary>
    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (lhs, rhs) = (args[0], args[1]);
        var type = ResultType([lhs.Type, rhs.Type]);
        var d = Dimensions;
        var spatial = strides.Length;
        var (outFeatures, inPerGroup) = (rhs.Shape[d.RhsOutputFeature], rhs.Shape[d.RhsInputFeature]);
        var (outPerFeatureGroup, outPerBatchGroup) = (outFeatures / featureGroups, outFeatures / batchGroups);
        var batchPerGroup = lhs.Shape[d.LhsBatch] / batchGroups;
        var window = d.RhsSpatial.Select(a => rhs.Shape[a]).ToArray();
        var windowCount = (int)Layout.Size(window);
        var (outPoint, l, r, w) = (new int[type.Rank], new int[lhs.Shape.Length], new int[rhs.Shape.Length], new int[spatial]);
        return RefArray.Build(type, n =>
        {
            Layout.Unravel(n, type.Shape, outPoint);
            var o = outPoint[d.OutFeature];
            l[d.LhsBatch] = o / outPerBatchGroup * batchPerGroup + outPoint[d.OutBatch];
            r[d.RhsOutputFeature] = o;
            var fold = LineAccumulator.Create(ReduceOp.Sum, type.DType, numerics);
            var paddingMeetsNonFinite = false;
            for (var i = 0; i < inPerGroup; i++)
            {
                l[d.LhsFeature] = o / outPerFeatureGroup * inPerGroup + i;
                r[d.RhsInputFeature] = i;
                for (var k = 0; k < windowCount; k++)
                {
                    Layout.Unravel(k, window, w);
                    for (var s = 0; s < spatial; s++) r[d.RhsSpatial[s]] = w[s];
                    var b = Layout.Ravel(r, rhs.Shape);
                    if (!Inside(outPoint, w, d, lhs.Shape, l))
                    {
                        paddingMeetsNonFinite |= !double.IsFinite(rhs.Values[b].Float) || rhs.IsUnknown(b);
                        continue;
                    }
                    var a = Layout.Ravel(l, lhs.Shape);
                    ContractionTerms.Add(fold, lhs.Values[a], lhs.Error[a], rhs.Values[b], rhs.Error[b], numerics);
                }
            }
            // XLA defines the padding as zeros that are multiplied like the input (0 * inf is NaN, as Eigen's CPU
            // convolution computes it), while its reference evaluator skips them: either is correct.
            return paddingMeetsNonFinite ? (ElementBounds.Placeholder(type.DType), Bounds.Unknown) : fold.Result();
        });
    }

    /// <summary>Whether window position <paramref name="w"/> of the output point reads an input element (setting its
    /// spatial coordinates in <paramref name="l"/>) rather than padding or a hole of the lhs dilation.</summary>
    private bool Inside(int[] outPoint, int[] w, ConvDimensions d, int[] lhsShape, int[] l)
    {
        for (var s = 0; s < strides.Length; s++)
        {
            var p = outPoint[d.OutSpatial[s]] * strides[s] + w[s] * rhsDilation[s] - padding[s].Low;
            if (p < 0 || p % lhsDilation[s] != 0 || p / lhsDilation[s] >= lhsShape[d.LhsSpatial[s]]) return false;
            l[d.LhsSpatial[s]] = p / lhsDilation[s];
        }
        return true;
    }

    public override string Render(IReadOnlyList<string> args) =>
        $"Lax.ConvGeneralDilated({args[0]}, {args[1]}, {Ints(strides)}, [{string.Join(", ", padding.Select(p => $"({p.Low}, {p.High})"))}], " +
        $"{Ints(lhsDilation)}, {Ints(rhsDilation)}, [{string.Join(", ", specs.Select(Ints))}], featureGroupCount: {featureGroups}, " +
        $"batchGroupCount: {batchGroups})";
}
