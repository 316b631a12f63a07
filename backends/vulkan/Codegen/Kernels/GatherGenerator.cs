using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// XLA gather, one invocation per output element: the batch coordinates select an index vector, which
/// start_index_map scatters into a start point; Clip clamps the start so the slice is in bounds, FillOrDrop
/// yields the fill value for a slice that is not wholly in bounds; the offset coordinates add the position
/// inside the slice.
/// </summary>
internal static class GatherGenerator
{
    public static IReadOnlyList<KernelPass> Generate(GatherKernel k, GenerationContext ctx)
    {
        var count = Shapes.Count(k.OutputShape);
        if (count == 0) return [];
        Shapes.Count(k.Operand.Shape);
        var d = k.Dimensions;
        var rank = k.Operand.Shape.Length;
        var w = ctx.Writer();
        var gid = w.Let("int", "int(jx_group() * 256u + gl_LocalInvocationID.x)", "gid");
        w.Line($"if ({gid} >= {count}) return;");
        var outCoords = IndexEmitter.Split(w, gid, k.OutputShape, "oc");
        var batch = Enumerable.Range(0, k.OutputShape.Length).Where(i => !d.OffsetDims.Contains(i)).Select(i => outCoords[i]).ToArray();
        var vector = IndexVectors.Read(w, k.Indices, d.IndexVectorDim, batch, d.StartIndexMap.Length);
        var window = Enumerable.Range(0, rank).Where(i => !d.CollapsedSliceDims.Contains(i)).ToArray();
        var inBounds = w.Let("bool", "true", "inb");
        var element = new string[rank];
        for (var a = 0; a < rank; a++)
        {
            var i = Array.IndexOf(d.StartIndexMap, a);
            var start = w.Let("int", i >= 0 ? vector[i] : "0", "st");
            var limit = k.Operand.Shape[a] - k.SliceSizes[a];
            w.Line($"if ({start} < 0 || {start} > {limit}) {inBounds} = false;");
            w.Line($"{start} = clamp({start}, 0, {Math.Max(limit, 0)});");
            var wi = Array.IndexOf(window, a);
            element[a] = wi >= 0 ? $"({start} + {outCoords[d.OffsetDims[wi]]})" : start;
        }
        var dtype = k.Operand.DType;
        w.Uses(dtype);
        var operand = w.Input(k.Operand.Buffer, dtype);
        var read = GlslTypes.FromStorage(dtype, $"{operand}[{IndexEmitter.Linear(element, k.Operand.Shape)}]");
        var value = w.Let(GlslTypes.Reg(dtype), IndexEmitter.PadLiteral(dtype, k.FillValue), "val");
        w.Line(k.Mode == IndexMode.Clip ? $"{value} = {read};" : $"if ({inBounds}) {value} = {read};");
        w.Line($"{w.Output(k.Output, dtype)}[{gid}] = {Stores.Value(w, dtype, value)};");
        return [ShaderPass.From(w, ElementwiseGenerator.Groups(count, 256))];
    }
}

/// <summary>Reads the index vectors of gather and scatter (index_vector_dim == rank means scalar indices).</summary>
internal static class IndexVectors
{
    /// <summary>Emits int locals holding the <paramref name="length"/> components of the index vector at <paramref name="batch"/>.</summary>
    public static string[] Read(ShaderWriter w, TensorRef indices, int indexVectorDim, IReadOnlyList<string> batch, int length)
    {
        w.Uses(indices.DType);
        var array = w.Input(indices.Buffer, indices.DType);
        var shape = indices.Shape;
        var result = new string[length];
        for (var i = 0; i < length; i++)
        {
            var point = new string[shape.Length];
            for (int a = 0, b = 0; a < shape.Length; a++) point[a] = a == indexVectorDim ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : batch[b++];
            var raw = GlslTypes.FromStorage(indices.DType, $"{array}[{IndexEmitter.Linear(point, shape)}]");
            // 64-bit indices saturate to int: anything past int's range is out of bounds either way.
            result[i] = w.Let("int", indices.DType == DType.Int64
                ? $"int(clamp({raw}, int64_t(-2147483647), int64_t(2147483647)))"
                : indices.DType == DType.UInt64 ? $"int(min({raw}, uint64_t(2147483647UL)))"
                : indices.DType == DType.UInt32 ? $"int(min({raw}, 2147483647u))" : $"int({raw})", "ix");
        }
        return result;
    }
}
