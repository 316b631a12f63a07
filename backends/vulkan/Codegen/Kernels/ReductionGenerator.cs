using System.Globalization;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// Reductions. Short reductions run one invocation per output point with a sequential loop. Long ones run one
/// workgroup of 256 invocations per output point: each invocation folds a strided share of the reduced
/// elements, then the workgroup combines the 256 partial values with subgroup arithmetic (sums, where the
/// device has it) or a shared-memory tree. The prologue runs at every input point, the epilogue once per output.
/// Arg reductions carry (value, index) pairs and break ties by the smaller index. A long reduction with few
/// outputs (a full sum) would leave all but a few of a GPU's multiprocessors idle, so it is split: many workgroups
/// per output point each fold a contiguous share into a partial in scratch, and a second pass combines each
/// point's partials in order and runs the epilogue.
/// </summary>
internal static class ReductionGenerator
{
    private const int GroupSize = 256;
    private const int SequentialBelow = 256;

    /// <summary>Workgroups a GPU wants in flight (an H100 has 132 multiprocessors) before splitting stops paying.</summary>
    private const long TargetGroups = 1024;

    /// <summary>Reduced points one workgroup of a split reduction takes at least (16 per invocation).</summary>
    private const long MinimumShare = GroupSize * 16;

    /// <summary>How many workgroups share each output point: 1 (no split) when the outputs alone fill the device
    /// or each point's reduction is short.</summary>
    internal static int SplitsFor(long outputs, long reduced)
    {
        if (outputs == 0 || outputs >= TargetGroups / 4 || reduced < SequentialBelow) return 1;
        var byLength = (reduced + MinimumShare - 1) / MinimumShare;
        return (int)Math.Max(1, Math.Min(byLength, TargetGroups / outputs));
    }

    public static IReadOnlyList<KernelPass> Generate(ReductionKernel k, GenerationContext ctx)
    {
        var outShape = k.OutputShape;
        var outCount = Shapes.Count(outShape);
        if (outCount == 0) return [];
        var redShape = k.Axes.Order().Select(a => k.InputShape[a]).ToArray();
        var redCount = Shapes.Count(redShape);
        Shapes.Count(k.InputShape);
        if (redCount < SequentialBelow) return [PerInvocation(k, ctx, outCount, redShape, redCount)];
        var splits = SplitsFor(outCount, redCount);
        if (splits == 1) return [PerWorkgroup(k, ctx, outCount, redShape, redCount)];
        var partials = outCount * splits;
        var values = ctx.NewScratch(partials * PartialBytes(k.AccumulatorDType));
        var indices = k.Op.IsArg() ? ctx.NewScratch(partials * sizeof(int)) : -1;
        return [SplitShare(k, ctx, outCount, redShape, redCount, splits, values, indices),
            SplitCombine(k, ctx, outCount, splits, values, indices)];
    }

    // Partials are stored as registers, Bool as a uint (GLSL has no bool buffers).
    internal static string PartialType(DType accumulator) => accumulator == DType.Bool ? "uint" : GlslTypes.Reg(accumulator);

    internal static long PartialBytes(DType accumulator) => accumulator switch
    {
        DType.Int64 or DType.UInt64 or DType.Float64 => 8,
        _ => 4,
    };

    /// <summary>Pass 1 of a split reduction: workgroup g folds share g % splits of output point g / splits.</summary>
    private static ShaderPass SplitShare(ReductionKernel k, GenerationContext ctx, long outCount, int[] redShape,
        long redCount, int splits, int values, int indices)
    {
        var w = ctx.Writer(GroupSize);
        var share = (redCount + splits - 1) / splits;
        var g = w.Let("int", "int(jx_group())", "g");
        var o = w.Let("int", $"{g} / {splits}", "o");
        var start = w.Let("int", $"({g} % {splits}) * {share}", "start");
        var end = w.Let("int", $"min({start} + {share}, {redCount})", "end");
        var (lid, _, acc, idx) = FoldWorkgroup(w, k, ctx, redShape, o, start, end);
        w.Open($"if ({lid} == 0)");
        var type = PartialType(k.AccumulatorDType);
        w.Line($"{w.Buffer(values, type, true)}[{g}] = {type}({acc});");
        if (idx is not null) w.Line($"{w.Buffer(indices, "int", true)}[{g}] = {idx};");
        w.Close();
        return ShaderPass.From(w, outCount * splits);
    }

    /// <summary>Pass 2 of a split reduction: one workgroup per output point combines its partials in share
    /// order (so arg ties still go to the smaller index) and runs the epilogue.</summary>
    private static ShaderPass SplitCombine(ReductionKernel k, GenerationContext ctx, long outCount, int splits,
        int values, int indices)
    {
        var w = ctx.Writer(GroupSize);
        var o = w.Let("int", "int(jx_group())", "o");
        var lid = w.Let("int", "int(gl_LocalInvocationID.x)", "lid");
        var outCoords = IndexEmitter.Split(w, o, k.OutputShape, "oc");
        var (acc, idx) = DeclareAccumulator(w, k);
        var regType = GlslTypes.Reg(k.AccumulatorDType);
        w.Open($"for (int j = {lid}; j < {splits}; j += {GroupSize})");
        var v = w.Let(regType, $"{regType}({w.Buffer(values, PartialType(k.AccumulatorDType), false)}[{o} * {splits} + j])", "part");
        if (idx is null)
        {
            w.Line($"{acc} = {Combiners.Combine(w, k.Op, k.AccumulatorDType, acc, v)};");
        }
        else
        {
            var i = w.Let("int", $"{w.Buffer(indices, "int", false)}[{o} * {splits} + j]", "partIndex");
            w.Open($"if ({Combiners.ArgBeats(k.Op, k.AccumulatorDType, acc, idx, v, i)})");
            w.Line($"{acc} = {v};");
            w.Line($"{idx} = {i};");
            w.Close();
        }
        w.Close();
        CombineWorkgroup(w, k, ctx, lid, acc, idx);
        w.Open($"if ({lid} == 0)");
        Finish(w, k, o, outCoords, acc, idx);
        w.Close();
        return ShaderPass.From(w, outCount);
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
        var o = w.Let("int", "int(jx_group())", "o");
        var (lid, outCoords, acc, idx) = FoldWorkgroup(w, k, ctx, redShape, o, "0", redCount.ToString(CultureInfo.InvariantCulture));
        w.Open($"if ({lid} == 0)");
        Finish(w, k, o, outCoords, acc, idx);
        w.Close();
        return ShaderPass.From(w, outCount);
    }

    /// <summary>Folds reduced points [start, end) of output point <paramref name="o"/> over the workgroup, each
    /// invocation a strided share; afterwards invocation 0 holds the result.</summary>
    private static (string Lid, string[] OutCoords, string Acc, string? Idx) FoldWorkgroup(ShaderWriter w,
        ReductionKernel k, GenerationContext ctx, int[] redShape, string o, string start, string end)
    {
        var lid = w.Let("int", "int(gl_LocalInvocationID.x)", "lid");
        var outCoords = IndexEmitter.Split(w, o, k.OutputShape, "oc");
        var (acc, idx) = DeclareAccumulator(w, k);
        w.Open($"for (int r = {start} + {lid}; r < {end}; r += {GroupSize})");
        Fold(w, k, outCoords, redShape, "r", acc, idx);
        w.Close();
        CombineWorkgroup(w, k, ctx, lid, acc, idx);
        return (lid, outCoords, acc, idx);
    }

    /// <summary>Combines the workgroup's accumulators into invocation 0's (<paramref name="acc"/>, <paramref name="idx"/>):
    /// subgroup arithmetic for sums where the device has it, else a shared-memory tree.</summary>
    private static void CombineWorkgroup(ShaderWriter w, ReductionKernel k, GenerationContext ctx, string lid, string acc, string? idx)
    {
        var accType = GlslTypes.Reg(k.AccumulatorDType);
        var isArg = idx is not null;
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
