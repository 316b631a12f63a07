using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// conv_general_dilated as a direct convolution, one invocation per output element: for each input feature of
/// its group and each window position, the padded, lhs-dilated input coordinate p = y*stride + w*rhs_dilation -
/// pad_low is a real input element when p is a multiple of the lhs dilation inside the input. Feature and
/// batch groups select the input features and batch as in XLA. Accumulates in the accumulator dtype, then the
/// epilogue.
/// </summary>
internal static class ConvolutionGenerator
{
    public static IReadOnlyList<KernelPass> Generate(ConvolutionKernel k, GenerationContext ctx)
    {
        var count = Shapes.Count(k.OutputShape);
        if (count == 0) return [];
        Shapes.Count(k.Lhs.Shape);
        Shapes.Count(k.Rhs.Shape);
        var d = k.Dimensions;
        var lhsShape = k.Lhs.Shape;
        var rhsShape = k.Rhs.Shape;
        var outFeatures = rhsShape[d.RhsOutputFeature];
        var inPerGroup = rhsShape[d.RhsInputFeature];
        var outPerFeatureGroup = outFeatures / k.FeatureGroupCount;
        var outPerBatchGroup = outFeatures / k.BatchGroupCount;
        var batchPerGroup = lhsShape[d.LhsBatch] / k.BatchGroupCount;
        var lhsStrides = IndexMap.RowMajorStrides(lhsShape);
        var rhsStrides = IndexMap.RowMajorStrides(rhsShape);
        var acc = k.AccumulatorDType;

        var w = ctx.Writer();
        w.Uses(acc);
        var gid = w.Let("int", "int(jx_group() * 256u + gl_LocalInvocationID.x)", "gid");
        w.Line($"if ({gid} >= {count}) return;");
        var oc = IndexEmitter.Split(w, gid, k.OutputShape, "oc");
        var f = oc[d.OutFeature];
        var lhsBatch = w.Let("int", $"({f} / {outPerBatchGroup}) * {batchPerGroup} + {oc[d.OutBatch]}", "lb");
        var featureBase = w.Let("int", $"({f} / {outPerFeatureGroup}) * {inPerGroup}", "fb");
        var sum = w.Let(GlslTypes.Reg(acc), Combiners.Identity(ReduceOp.Sum, acc), "sum");
        var lhs = w.Input(k.Lhs.Buffer, k.Lhs.DType);
        var rhs = w.Input(k.Rhs.Buffer, k.Rhs.DType);
        w.Open($"for (int i = 0; i < {inPerGroup}; i++)");
        var lhsTerms = new List<string> { $"{lhsBatch} * {lhsStrides[d.LhsBatch]}", $"({featureBase} + i) * {lhsStrides[d.LhsFeature]}" };
        var rhsTerms = new List<string> { $"{f} * {rhsStrides[d.RhsOutputFeature]}", $"i * {rhsStrides[d.RhsInputFeature]}" };
        var spatial = d.LhsSpatial.Length;
        for (var s = 0; s < spatial; s++)
        {
            var ws = $"w{s}";
            w.Open($"for (int {ws} = 0; {ws} < {rhsShape[d.RhsSpatial[s]]}; {ws}++)");
            var p = w.Let("int", $"{oc[d.OutSpatial[s]]} * {k.WindowStrides[s]} + {ws} * {k.RhsDilation[s]} - ({k.PaddingLow[s]})", "p");
            var dil = k.LhsDilation[s];
            w.Line(dil == 1 ? $"if ({p} < 0) continue;" : $"if ({p} < 0 || {p} % {dil} != 0) continue;");
            var x = w.Let("int", dil == 1 ? p : $"{p} / {dil}", "x");
            w.Line($"if ({x} >= {lhsShape[d.LhsSpatial[s]]}) continue;");
            lhsTerms.Add($"{x} * {lhsStrides[d.LhsSpatial[s]]}");
            rhsTerms.Add($"{ws} * {rhsStrides[d.RhsSpatial[s]]}");
        }
        var a = OpRenderer.Convert(w, k.Lhs.DType, acc, GlslTypes.FromStorage(k.Lhs.DType, $"{lhs}[{string.Join(" + ", lhsTerms)}]"));
        var b = OpRenderer.Convert(w, k.Rhs.DType, acc, GlslTypes.FromStorage(k.Rhs.DType, $"{rhs}[{string.Join(" + ", rhsTerms)}]"));
        w.Line($"{sum} = {Combiners.Combine(w, ReduceOp.Sum, acc, sum, OpRenderer.Binary(w, BinaryOp.Mul, acc, a, b))};");
        for (var s = 0; s < spatial; s++) w.Close();
        w.Close();

        var value = sum;
        var valueType = acc;
        if (k.Epilogue is { } epilogue)
        {
            value = Epilogues.Emit(w, epilogue, sum, oc, k.OutputShape);
            valueType = k.OutputDType;
        }
        w.Line($"{w.Output(k.Output, k.OutputDType)}[{gid}] = {Stores.Value(w, k.OutputDType, OpRenderer.Convert(w, valueType, k.OutputDType, value))};");
        return [ShaderPass.From(w, ElementwiseGenerator.Groups(count, 256))];
    }
}
