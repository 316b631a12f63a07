using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>
/// Elementwise and copy kernels: one invocation per point of the index space, which splits its linear index
/// into coordinates, reads the inputs through their index maps, runs the program and stores every result
/// row-major (multi-output fusion writes several buffers from one pass).
/// </summary>
internal static class ElementwiseGenerator
{
    public static IReadOnlyList<KernelPass> Generate(ElementwiseKernel k, GenerationContext ctx)
    {
        var count = Shapes.Count(k.Shape);
        if (count == 0) return [];
        var w = ctx.Writer();
        var gid = w.Let("int", "int(jx_group() * 256u + gl_LocalInvocationID.x)", "gid");
        w.Line($"if ({gid} >= {count}) return;");
        var coords = IndexEmitter.Split(w, gid, k.Shape);
        var results = ProgramEmitter.Emit(w, k.Program,
            input => IndexEmitter.Read(w, k.Inputs[input], coords, k.Shape), coords);
        for (var r = 0; r < results.Length; r++)
        {
            var dtype = k.Program.ResultType(r);
            w.Line($"{w.Output(k.Outputs[r], dtype)}[{gid}] = {Stores.Value(w, dtype, results[r])};");
        }
        return [ShaderPass.From(w, Groups(count, 256))];
    }

    /// <summary>A copy kernel: an identity program over the mapped source; a plain transfer when contiguous.</summary>
    public static IReadOnlyList<KernelPass> Generate(CopyKernel k, GenerationContext ctx)
    {
        var count = Shapes.Count(k.Shape);
        if (count == 0) return [];
        var map = k.Source.Map;
        if (map.ReshapeTo is null && !map.IsPadded && map.Strides.SequenceEqual(IndexMap.RowMajorStrides(k.Shape)) && map.Offset >= 0)
        {
            var size = k.Source.DType.SizeOf();
            return [new CopyPass(k.Source.Buffer, map.Offset * size, k.Output, 0, count * size)];
        }
        var program = ScalarProgram.Identity(k.Source.DType);
        return Generate(new ElementwiseKernel(k.Name, k.Shape, [k.Source], program, [k.Output]), ctx);
    }

    public static long Groups(long invocations, int localSize) => (invocations + localSize - 1) / localSize;
}

/// <summary>Shape arithmetic shared by the generators.</summary>
internal static class Shapes
{
    public static long Count(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (var s in shape) n *= s;
        if (n > int.MaxValue) throw new NotSupportedException($"{n} elements: index spaces past 2^31 elements are not supported");
        return n;
    }
}

/// <summary>Converting a register value to the element stored in a buffer.</summary>
internal static class Stores
{
    public static string Value(ShaderWriter w, DType dtype, string value)
    {
        if (dtype == DType.BFloat16) FloatHelpers.Bf16Bits(w);
        return GlslTypes.ToStorage(dtype, value);
    }
}
