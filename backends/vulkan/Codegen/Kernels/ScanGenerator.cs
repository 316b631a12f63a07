using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// Inclusive scans: one invocation per line along the axis, folding sequentially (forwards, or backwards when
/// reversed) in the accumulator dtype and storing each prefix in the output dtype. Lines are independent, so
/// the parallelism is the number of lines.
/// </summary>
internal static class ScanGenerator
{
    public static IReadOnlyList<KernelPass> Generate(ScanKernel k, GenerationContext ctx)
    {
        var shape = k.Input.Shape;
        var total = Shapes.Count(shape);
        if (total == 0) return [];
        var length = shape[k.Axis];
        var lineShape = shape.Where((_, d) => d != k.Axis).ToArray();
        var lines = total / length;
        var strides = IndexMap.RowMajorStrides(shape);
        var w = ctx.Writer(64);
        var line = w.Let("int", "int(jx_group() * 64u + gl_LocalInvocationID.x)", "line");
        w.Line($"if ({line} >= {lines}) return;");
        var coords = IndexEmitter.Split(w, line, lineShape, "lc");
        var terms = new List<string> { "0" };
        for (int d = 0, c = 0; d < shape.Length; d++)
        {
            if (d == k.Axis) continue;
            terms.Add($"{coords[c++]} * {strides[d]}");
        }
        var baseOffset = w.Let("int", string.Join(" + ", terms), "base");
        var acc = k.AccumulatorDType;
        w.Uses(acc);
        w.Uses(k.Input.DType);
        var sum = w.Let(GlslTypes.Reg(acc), Combiners.Identity(k.Op, acc), "acc");
        var input = w.Input(k.Input.Buffer, k.Input.DType);
        var output = w.Output(k.Output, k.OutputDType);
        w.Open($"for (int i = 0; i < {length}; i++)");
        var at = w.Let("int", $"{baseOffset} + ({(k.Reverse ? $"{length - 1} - i" : "i")}) * {strides[k.Axis]}", "at");
        var value = OpRenderer.Convert(w, k.Input.DType, acc, GlslTypes.FromStorage(k.Input.DType, $"{input}[{at}]"));
        w.Line($"{sum} = {Combiners.Combine(w, k.Op, acc, sum, value)};");
        w.Line($"{output}[{at}] = {Stores.Value(w, k.OutputDType, OpRenderer.Convert(w, acc, k.OutputDType, sum))};");
        w.Close();
        return [ShaderPass.From(w, ElementwiseGenerator.Groups(lines, 64))];
    }
}
