using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// relu(conv + bias[feature]) + residual: inlined into the GEMM when the output is [batch, feature, spatial...] (with
/// feature groups the group's first feature is the bias's row), an elementwise pass otherwise, and the same
/// values either way (checked against the float64 reference convolution).
/// </summary>
public sealed class ConvolutionEpilogueTests
{
    [Theory]
    [InlineData(new[] { 2, 3, 7, 6 }, new[] { 4, 3, 3, 2 }, 1, 1, false, "float32")]
    [InlineData(new[] { 2, 6, 5, 5 }, new[] { 9, 2, 3, 3 }, 3, 1, false, "float32")]   // feature groups: Row0 per group
    [InlineData(new[] { 6, 2, 5, 4 }, new[] { 6, 2, 2, 2 }, 1, 3, false, "float32")]   // batch groups
    [InlineData(new[] { 2, 8, 32, 32 }, new[] { 16, 8, 3, 3 }, 1, 1, false, "float32")] // both cores
    [InlineData(new[] { 1, 2, 6, 6 }, new[] { 2, 2, 3, 3 }, 1, 1, false, "float64")]
    [InlineData(new[] { 9, 5, 7, 7 }, new[] { 6, 5, 3, 3 }, 1, 1, false, "float32")]   // small images sharing a product
    [InlineData(new[] { 8, 6, 6, 5 }, new[] { 9, 2, 3, 3 }, 3, 1, false, "float32")]   // ... with feature groups
    [InlineData(new[] { 2, 3, 7, 6 }, new[] { 4, 3, 3, 2 }, 1, 1, true, "float32")]    // channels last: the pass
    public void Matches_the_reference_with_bias_relu_and_a_residual(int[] lhsShape, int[] rhsShape, int featureGroups,
        int batchGroups, bool channelsLast, string type)
    {
        var dtype = type == "float64" ? DType.Float64 : DType.Float32;
        var rank = lhsShape.Length - 2;
        var d = ConvDimensions.ChannelsFirst(rank);
        if (channelsLast)
        {
            // Output [N, H, W, O]; operands stay channels first.
            d = d with { OutFeature = rank + 1, OutSpatial = Enumerable.Range(1, rank).ToArray() };
        }
        var ones = Enumerable.Repeat(1, rank).ToArray();
        var zeros = new int[rank];
        var outShape = ConvolutionKernel.InferOutputShape(lhsShape, rhsShape, d, ones, zeros, zeros, ones, ones, batchGroups);
        var lhs = Reference.Values(lhsShape.Aggregate(1, (a, b) => a * b), 5);
        var rhs = Reference.Values(rhsShape.Aggregate(1, (a, b) => a * b), 6);
        var features = outShape[d.OutFeature];
        var bias = Reference.Values(features, 7);
        var count = outShape.Aggregate(1, (a, b) => a * b);
        var residual = Reference.Values(count, 8);

        using var h = new ModuleHarness();
        int Upload(double[] v) => dtype == DType.Float32 ? h.Input(v.Select(x => (float)x).ToArray()) : h.Input(v);
        var l = Upload(lhs);
        var r = Upload(rhs);
        var b = Upload(bias);
        var res = Upload(residual);
        var biasStrides = new long[outShape.Length];
        biasStrides[d.OutFeature] = 1;
        var p = new ScalarProgramBuilder();
        var biased = p.Binary(BinaryOp.Add, p.Load(0, dtype), p.Load(1, dtype));
        var program = p.Build(p.Binary(BinaryOp.Add, p.Binary(BinaryOp.Max, biased, p.Const(dtype, 0)), p.Load(2, dtype)));
        var epilogue = new FusedEpilogue(program, [new MappedInput(b, dtype, new IndexMap(0, biasStrides)),
            new MappedInput(res, dtype, IndexMap.Identity(outShape))]);
        var o = h.Output(count * (long)dtype.SizeOf());
        var kernel = new ConvolutionKernel("conv", new TensorRef(l, dtype, lhsShape), new TensorRef(r, dtype, rhsShape), d,
            ones, zeros, zeros, ones, ones, featureGroups, batchGroups, Precision.Default, dtype, epilogue, outShape, o);
        var plain = Reference.Convolution(lhs, lhsShape, rhs, rhsShape, kernel with { Epilogue = null });
        h.Run(kernel);

        var strides = IndexMap.RowMajorStrides(outShape);
        var expected = new double[count];
        for (var i = 0; i < count; i++)
        {
            var feature = i / strides[d.OutFeature] % features;
            expected[i] = Math.Max(plain[i] + bias[feature], 0) + residual[i];
        }
        var actual = dtype == DType.Float32 ? h.Result<float>(o).Select(x => (double)x).ToArray() : h.Result<double>(o);
        Reference.Close(expected, actual, dtype == DType.Float32 ? 1e-5 : 1e-12);
        var text = h.Executable!.Describe();
        Assert.Contains(channelsLast
            ? "epilogue: generated elementwise kernel (the output is not [batch, feature, spatial...] in the compute dtype)"
            : "written in place; epilogue: inlined into the GEMM's tiles", text);
    }
}
