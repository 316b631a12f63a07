using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// Reductions. Short reductions run one invocation per output point with a sequential loop. Long ones run one
/// workgroup of 256 invocations per output point: each invocation folds a strided share of the reduced
/// elements, then the workgroup combines the 256 partial values with subgroup arithmetic (sums, where the
/// device has it) or a shared-memory tree. The prologue runs at every input point, the epilogue once per output.
/// Arg reductions carry (value, index) pairs and break ties by the smaller index.
/// </summary>
internal static class ReductionGenerator
{
    private const int GroupSize = 256;
    private const int SequentialBelow = 256;

    public static IReadOnlyList<KernelPass> Generate(ReductionKernel k, GenerationContext ctx)
    {
        var outShape = k.OutputShape;
        var outCount = Shapes.Count(outShape);
        if (outCount == 0) return [];
        var redShape = k.Axes.Order().Select(a => k.InputShape[a]).ToArray();
        var redCount = Shapes.Count(redShape);
        Shapes.Count(k.InputShape);
        return redCount < SequentialBelow
            ? [PerInvocation(k, ctx, outCount, redShape, redCount)]
            : [PerWorkgroup(k, ctx, outCount, redShape, redCount)];
    }

    private static ShaderPass PerInvocation(ReductionKernel k, GenerationContext ctx, long outCount, int[] redShape, long redCount)
    {
        var w = ctx.Writer(64);
        var o = w.Let("int", "int(jx_group() * 64u + gl_LocalInvocationID.x)", "o");
        w.Line($"if ({o} >= {outCount}) return;");
        var outCoords = IndexEmitter.Split(w, o, k.OutputShape, "oc");
        var (acc, idx) = DeclareAccumulator(w, k);
        w.Open($"for (int r = 0; r < {redCount}; r++)");
        Fold(w, k, outCoords, redShape, "r", acc, idx);
        w.Close();
        Finish(w, k, o, outCoords, acc, idx);
        return ShaderPass.From(w, ElementwiseGenerator.Groups(outCount, 64));
    }

    private static ShaderPass PerWorkgroup(ReductionKernel k, GenerationContext ctx, long outCount, int[] redShape, long redCount)
    {
        var w = ctx.Writer(GroupSize);
        var accType = GlslTypes.Reg(k.AccumulatorDType);
        var isArg = k.Op.IsArg();
        var o = w.Let("int", "int(jx_group())", "o");
        var lid = w.Let("int", "int(gl_LocalInvocationID.x)", "lid");
        var outCoords = IndexEmitter.Split(w, o, k.OutputShape, "oc");
        var (acc, idx) = DeclareAccumulator(w, k);
        w.Open($"for (int r = {lid}; r < {redCount}; r += {GroupSize})");
        Fold(w, k, outCoords, redShape, "r", acc, idx);
        w.Close();

        var t = ctx.Target;
        var subgroups = k.Op == ReduceOp.Sum && t.SubgroupArithmetic && t.SubgroupSize * t.SubgroupSize >= GroupSize
            && k.AccumulatorDType is DType.Float32 or DType.Int32 or DType.UInt32;
        if (subgroups)
        {
            w.Extension("GL_KHR_shader_subgroup_arithmetic");
            w.Extension("GL_KHR_shader_subgroup_basic");
            w.Global($"shared {accType} partial[{GroupSize}];");
            w.Line($"{acc} = subgroupAdd({acc});");
            w.Line($"if (subgroupElect()) partial[gl_SubgroupID] = {acc};");
            w.Line("barrier();");
            w.Open("if (gl_SubgroupID == 0u)");
            w.Line($"{acc} = gl_SubgroupInvocationID < gl_NumSubgroups ? partial[gl_SubgroupInvocationID] : {Combiners.Identity(k.Op, k.AccumulatorDType)};");
            w.Line($"{acc} = subgroupAdd({acc});");
            w.Close();
        }
        else
        {
            w.Global($"shared {accType} partial[{GroupSize}];");
            if (isArg) w.Global($"shared int partialIndex[{GroupSize}];");
            w.Line($"partial[{lid}] = {acc};");
            if (isArg) w.Line($"partialIndex[{lid}] = {idx};");
            w.Line("barrier();");
            w.Open($"for (int s = {GroupSize / 2}; s > 0; s >>= 1)");
            w.Open($"if ({lid} < s)");
            if (isArg)
            {
                var beats = Combiners.ArgBeats(k.Op, k.AccumulatorDType, $"partial[{lid}]", $"partialIndex[{lid}]",
                    $"partial[{lid} + s]", $"partialIndex[{lid} + s]");
                w.Open($"if ({beats})");
                w.Line($"partial[{lid}] = partial[{lid} + s];");
                w.Line($"partialIndex[{lid}] = partialIndex[{lid} + s];");
                w.Close();
            }
            else
            {
                w.Line($"partial[{lid}] = {Combiners.Combine(w, k.Op, k.AccumulatorDType, $"partial[{lid}]", $"partial[{lid} + s]")};");
            }
            w.Close();
            w.Line("barrier();");
            w.Close();
            w.Line($"{acc} = partial[0];");
            if (isArg) w.Line($"{idx} = partialIndex[0];");
        }
        w.Open($"if ({lid} == 0)");
        Finish(w, k, o, outCoords, acc, idx);
        w.Close();
        return ShaderPass.From(w, outCount);
    }

    private static (string Acc, string? Index) DeclareAccumulator(ShaderWriter w, ReductionKernel k)
    {
        w.Uses(k.AccumulatorDType);
        var acc = w.Let(GlslTypes.Reg(k.AccumulatorDType), Combiners.Identity(k.Op, k.AccumulatorDType), "acc");
        var idx = k.Op.IsArg() ? w.Let("int", "0x7FFFFFFF", "idx") : null;
        return (acc, idx);
    }

    /// <summary>Evaluates the prologue at reduced position <paramref name="r"/> and folds it into the accumulator.</summary>
    private static void Fold(ShaderWriter w, ReductionKernel k, string[] outCoords, int[] redShape, string r, string acc, string? idx)
    {
        var redCoords = IndexEmitter.Split(w, r, redShape, "rc");
        var axes = k.Axes.Order().ToArray();
        var coords = new string[k.InputShape.Length];
        int o = 0, a = 0;
        for (var d = 0; d < coords.Length; d++) coords[d] = axes.Contains(d) ? redCoords[a++] : outCoords[o++];
        var value = ProgramEmitter.Emit(w, k.Prologue,
            input => IndexEmitter.Read(w, k.Inputs[input], coords, k.InputShape), coords)[0];
        value = OpRenderer.Convert(w, k.Prologue.ResultType(0), k.AccumulatorDType, value);
        if (idx is null)
        {
            w.Line($"{acc} = {Combiners.Combine(w, k.Op, k.AccumulatorDType, acc, value)};");
            return;
        }
        var v = w.Let(GlslTypes.Reg(k.AccumulatorDType), value, "cand");
        w.Open($"if ({Combiners.ArgBeats(k.Op, k.AccumulatorDType, acc, idx, v, r)})");
        w.Line($"{acc} = {v};");
        w.Line($"{idx} = {r};");
        w.Close();
    }

    private static void Finish(ShaderWriter w, ReductionKernel k, string o, string[] outCoords, string acc, string? idx)
    {
        var value = idx ?? acc;
        var valueType = idx is null ? k.AccumulatorDType : DType.Int32;
        var outType = k.OutputDType;
        if (k.Epilogue is { } epilogue)
        {
            value = Epilogues.Emit(w, epilogue, value, outCoords, k.OutputShape);
            valueType = outType;
        }
        w.Line($"{w.Output(k.Output, outType)}[{o}] = {Stores.Value(w, outType, OpRenderer.Convert(w, valueType, outType, value))};");
    }
}

/// <summary>Fused epilogues: input 0 is the kernel's value, inputs k &gt;= 1 are read over the output's index space.</summary>
internal static class Epilogues
{
    public static string Emit(ShaderWriter w, FusedEpilogue epilogue, string value, IReadOnlyList<string> outCoords, IReadOnlyList<int> outShape) =>
        ProgramEmitter.Emit(w, epilogue.Program,
            input => input == 0 ? value : IndexEmitter.Read(w, epilogue.Inputs[input - 1], outCoords, outShape), outCoords)[0];
}
