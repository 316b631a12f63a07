using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// XLA scatter in two passes: the operand is copied into the output, then every update element is combined
/// into the element its index vector and window position select. Repeated indices must all apply, so 32-bit
/// combiners (and 64-bit ones where the device has 64-bit atomics) run one invocation per update with a
/// compare-and-swap loop on the element's bits; other widths run in one invocation, in the updates' row-major
/// order. Replace stores directly (which update wins on repeated indices is unspecified, as in XLA).
/// </summary>
internal static class ScatterGenerator
{
    public static IReadOnlyList<KernelPass> Generate(ScatterKernel k, GenerationContext ctx)
    {
        var dtype = k.Operand.DType;
        var operandCount = Shapes.Count(k.Operand.Shape);
        var updateCount = Shapes.Count(k.Updates.Shape);
        var passes = new List<KernelPass>();
        if (k.Operand.Buffer != k.Output && operandCount > 0)
            passes.Add(new CopyPass(k.Operand.Buffer, 0, k.Output, 0, operandCount * dtype.SizeOf()));
        if (updateCount == 0 || operandCount == 0) return passes;

        var atomic = k.Combiner != ScatterCombiner.Replace && (dtype.SizeOf() == 4 || dtype.SizeOf() == 8 && ctx.Target.Int64Atomics);
        var parallel = k.Combiner == ScatterCombiner.Replace || atomic;
        var w = ctx.Writer(parallel ? 256 : 1);
        string u;
        if (parallel)
        {
            u = w.Let("int", "int(jx_group() * 256u + gl_LocalInvocationID.x)", "u");
            w.Line($"if ({u} >= {updateCount}) return;");
        }
        else
        {
            w.Open($"for (int u = 0; u < {updateCount}; u++)");
            u = "u";
        }
        EmitUpdate(w, k, u, atomic);
        if (!parallel) w.Close();
        passes.Add(ShaderPass.From(w, parallel ? ElementwiseGenerator.Groups(updateCount, 256) : 1));
        return passes;
    }

    private static void EmitUpdate(ShaderWriter w, ScatterKernel k, string u, bool atomic)
    {
        var d = k.Dimensions;
        var dtype = k.Operand.DType;
        var shape = k.Operand.Shape;
        var rank = shape.Length;
        var updatePoint = IndexEmitter.Split(w, u, k.Updates.Shape, "up");
        var scatterDims = Enumerable.Range(0, k.Updates.Shape.Length).Where(i => !d.UpdateWindowDims.Contains(i)).ToArray();
        var vector = IndexVectors.Read(w, k.Indices, d.IndexVectorDim, scatterDims.Select(i => updatePoint[i]).ToArray(),
            d.ScatterDimsToOperandDims.Length);
        var windowDims = Enumerable.Range(0, rank).Where(i => !d.InsertedWindowDims.Contains(i)).ToArray();
        var inBounds = w.Let("bool", "true", "inb");
        var element = new string[rank];
        for (var a = 0; a < rank; a++)
        {
            var wi = Array.IndexOf(windowDims, a);
            var size = wi >= 0 ? k.Updates.Shape[d.UpdateWindowDims[wi]] : 1;
            var i = Array.IndexOf(d.ScatterDimsToOperandDims, a);
            var start = w.Let("int", i >= 0 ? vector[i] : "0", "st");
            var limit = shape[a] - size;
            w.Line($"if ({start} < 0 || {start} > {limit}) {inBounds} = false;");
            w.Line($"{start} = clamp({start}, 0, {Math.Max(limit, 0)});");
            element[a] = wi >= 0 ? $"({start} + {updatePoint[d.UpdateWindowDims[wi]]})" : start;
        }
        if (k.Mode == IndexMode.FillOrDrop) w.Line($"if ({inBounds})");
        w.Open(k.Mode == IndexMode.FillOrDrop ? "" : "");
        var at = w.Let("int", IndexEmitter.Linear(element, shape), "at");
        w.Uses(dtype);
        w.Uses(k.Updates.DType);
        var update = w.Let(GlslTypes.Reg(dtype), OpRenderer.Convert(w, k.Updates.DType, dtype,
            GlslTypes.FromStorage(k.Updates.DType, $"{w.Input(k.Updates.Buffer, k.Updates.DType)}[{u}]")), "upd");
        var op = k.Combiner switch
        {
            ScatterCombiner.Add => BinaryOp.Add,
            ScatterCombiner.Mul => BinaryOp.Mul,
            ScatterCombiner.Min => BinaryOp.Min,
            ScatterCombiner.Max => BinaryOp.Max,
            _ => (BinaryOp?)null,
        };
        if (op is null)
        {
            w.Line($"{w.Output(k.Output, dtype)}[{at}] = {Stores.Value(w, dtype, update)};");
        }
        else if (!atomic)
        {
            var output = w.Output(k.Output, dtype);
            var old = GlslTypes.FromStorage(dtype, $"{output}[{at}]");
            w.Line($"{output}[{at}] = {Stores.Value(w, dtype, OpRenderer.Binary(w, op.Value, dtype, old, update))};");
        }
        else
        {
            var wide = dtype.SizeOf() == 8;
            if (wide) w.Extension("GL_EXT_shader_atomic_int64");
            var bitsType = wide ? "uint64_t" : "uint";
            var words = w.Buffer(k.Output, bitsType, true);
            var (toBits, fromBits) = (dtype, wide) switch
            {
                (DType.Float32, _) => ("floatBitsToUint", "uintBitsToFloat"),
                (DType.Int32, _) => ("uint", "int"),
                (DType.UInt32, _) => ("", ""),
                (DType.Float64, _) => ("doubleBitsToUint64", "uint64BitsToDouble"),
                (DType.Int64, _) => ("uint64_t", "int64_t"),
                (DType.UInt64, _) => ("", ""),
                _ => throw new NotSupportedException($"atomic scatter of {dtype.ShortName()}"),
            };
            var old = w.Let(bitsType, $"{words}[{at}]", "old");
            w.Open("for (;;)");
            var combined = OpRenderer.Binary(w, op.Value, dtype, $"{fromBits}({old})", update);
            var fresh = w.Let(bitsType, $"{toBits}({combined})", "nw");
            var seen = w.Let(bitsType, $"atomicCompSwap({words}[{at}], {old}, {fresh})", "seen");
            w.Line($"if ({seen} == {old}) break;");
            w.Line($"{old} = {seen};");
            w.Close();
        }
        w.Close();
    }
}
