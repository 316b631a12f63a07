using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>conv_general_dilated: 1D and 2D, strides, (negative) padding, both dilations, feature and batch groups, layouts.</summary>
internal static class ConvolutionCases
{
    private sealed record Conv(int[] Lhs, int[] Rhs, int[] Strides, int[] PadLow, int[] PadHigh, int[] LhsDilation, int[] RhsDilation,
        int FeatureGroups = 1, int BatchGroups = 1, ConvDimensions? Dims = null);

    public static IEnumerable<ConformanceCase> All()
    {
        var cases = new (string Name, Conv Conv)[]
        {
            ("1d-valid", new([2, 3, 17], [4, 3, 5], [1], [0], [0], [1], [1])),
            ("1d-stride2-pad2x1", new([2, 3, 17], [4, 3, 5], [2], [2], [1], [1], [1])),
            ("1d-rhs-dilation2", new([1, 2, 20], [3, 2, 3], [1], [1], [1], [1], [2])),
            ("1d-lhs-dilation2-transposed", new([1, 2, 9], [3, 2, 4], [1], [3], [3], [2], [1])),
            ("2d-same-3x3", new([2, 4, 9, 8], [6, 4, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1])),
            ("2d-strides-2x3-asymmetric-pad", new([1, 3, 11, 10], [5, 3, 3, 2], [2, 3], [0, 1], [2, 0], [1, 1], [1, 1])),
            ("2d-negative-padding", new([1, 2, 8, 8], [2, 2, 2, 2], [1, 1], [-1, 0], [-1, -2], [1, 1], [1, 1])),
            ("2d-dilations-both", new([1, 2, 6, 7], [3, 2, 2, 3], [1, 2], [1, 2], [1, 2], [2, 1], [2, 2])),
            ("2d-feature-groups-2", new([1, 4, 7, 7], [6, 2, 3, 3], [1, 1], [0, 0], [0, 0], [1, 1], [1, 1], FeatureGroups: 2)),
            ("2d-depthwise", new([2, 4, 6, 6], [4, 1, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], FeatureGroups: 4)),
            ("2d-batch-groups-2", new([2, 3, 5, 5], [4, 3, 2, 2], [1, 1], [0, 0], [0, 0], [1, 1], [1, 1], BatchGroups: 2)),
            ("2d-nhwc-hwio", new([2, 7, 6, 3], [3, 3, 3, 4], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1],
                Dims: new ConvDimensions(0, 3, [1, 2], 3, 2, [0, 1], 0, 3, [1, 2]))),
            ("2d-1x1", new([3, 16, 5, 5], [8, 16, 1, 1], [1, 1], [0, 0], [0, 0], [1, 1], [1, 1])),
            ("2d-window-larger-than-input", new([1, 1, 2, 2], [1, 1, 3, 3], [1, 1], [0, 0], [0, 0], [1, 1], [1, 1])),
        };
        foreach (var (name, conv) in cases) yield return Convolution($"convolution/conv/f32/{name}", DType.Float32, DType.Float32, conv, false);
        yield return Convolution("convolution/conv/f32/2d-same-3x3-bias-relu", DType.Float32, DType.Float32, cases[4].Conv, true);
        yield return Convolution("convolution/conv/f64/2d-strides-2x3-asymmetric-pad", DType.Float64, DType.Float64, cases[5].Conv, false);
        yield return Convolution("convolution/conv/f16/2d-same-3x3-acc-f32", DType.Float16, DType.Float32, cases[4].Conv, false);
        yield return Convolution("convolution/conv/bf16/1d-stride2-pad2x1-acc-f32", DType.BFloat16, DType.Float32, cases[1].Conv, false);
        yield return Convolution("convolution/conv/i32/2d-feature-groups-2", DType.Int32, DType.Int32, cases[8].Conv, false);
    }

    private static ConformanceCase Convolution(string id, DType inputs, DType accumulator, Conv c, bool biasRelu)
    {
        var dims = c.Dims ?? ConvDimensions.ChannelsFirst(c.Strides.Length);
        var outShape = ConvolutionKernel.InferOutputShape(c.Lhs, c.Rhs, dims, c.Strides, c.PadLow, c.PadHigh, c.LhsDilation,
            c.RhsDilation, c.BatchGroups);
        var m = new ModuleBuilder(ModuleName(id));
        var lhs = m.Parameter(inputs, c.Lhs);
        var rhs = m.Parameter(inputs, c.Rhs);
        FusedEpilogue? epilogue = null;
        var outFeatures = outShape[dims.OutFeature];
        if (biasRelu)
        {
            var bias = m.Parameter(accumulator, outFeatures);
            var strides = new long[outShape.Length];
            strides[dims.OutFeature] = 1;
            var e = new ScalarProgramBuilder();
            var sum = e.Binary(BinaryOp.Add, e.Load(0, accumulator), e.Load(1, accumulator));
            epilogue = new FusedEpilogue(e.Build(e.Binary(BinaryOp.Max, sum, e.Const(accumulator, 0))),
                [new MappedInput(bias, accumulator, new IndexMap(0, strides))]);
        }
        var probe = new ConvolutionKernel("c0", new TensorRef(lhs, inputs, c.Lhs), new TensorRef(rhs, inputs, c.Rhs), dims, c.Strides,
            c.PadLow, c.PadHigh, c.LhsDilation, c.RhsDilation, c.FeatureGroups, c.BatchGroups, Precision.Highest, accumulator,
            epilogue, outShape, 0);
        var output = m.Result(probe.OutputDType, outShape);
        m.Add(probe with { Output = output });
        var length = (long)c.Rhs[dims.RhsInputFeature] * dims.RhsSpatial.Aggregate(1L, (p, a) => p * c.Rhs[a]);
        return ConformanceCase.ForModule(id, inputs, m.Build(), m.ResultSpecs,
                g => [g.SmallValues(inputs, c.Lhs), g.SmallValues(inputs, c.Rhs), .. biasRelu ? new[] { g.SmallValues(accumulator, [outFeatures]) } : []],
                ToleranceTable.Accumulated(accumulator, probe.OutputDType, length, 1))
            .Describe($"conv {Reference.Shapes.Format(c.Lhs)} * {Reference.Shapes.Format(c.Rhs)} strides {Reference.Shapes.Format(c.Strides)} " +
                      $"pad {Reference.Shapes.Format(c.PadLow)}:{Reference.Shapes.Format(c.PadHigh)} dilation lhs {Reference.Shapes.Format(c.LhsDilation)} " +
                      $"rhs {Reference.Shapes.Format(c.RhsDilation)} groups f{c.FeatureGroups} b{c.BatchGroups}" + (biasRelu ? " + bias, relu" : ""))
            .Accumulating(length, 1);
    }
}
