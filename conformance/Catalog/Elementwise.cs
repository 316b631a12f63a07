using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;

namespace JaxNet.Conformance.Catalog;

/// <summary>Shorthands for single-kernel elementwise cases.</summary>
internal static class Elementwise
{
    /// <summary>An input of an elementwise case: its buffer's dtype and shape, and how the kernel reads it.</summary>
    public sealed record Input(DType DType, int[] BufferShape, IndexMap Map);

    public static Input Contiguous(DType dtype, int[] shape) => new(dtype, shape, IndexMap.Identity(shape));

    /// <summary>
    /// A module with one elementwise kernel over <paramref name="shape"/> that reads <paramref name="inputs"/> and
    /// writes one result per program result.
    /// </summary>
    public static ConformanceCase Case(string id, DType dtype, int[] shape, IReadOnlyList<Input> inputs,
        ScalarProgram program, Func<DataGenerator, IReadOnlyList<HostTensor>> data, Tolerance tolerance, string description = "")
    {
        var m = new ModuleBuilder(ModuleName(id));
        var buffers = inputs.Select(i => m.Parameter(i.DType, i.BufferShape)).ToArray();
        var outputs = program.Results.Select((_, r) => m.Result(program.ResultType(r), shape)).ToArray();
        var mapped = inputs.Select((i, k) => new MappedInput(buffers[k], i.DType, i.Map)).ToArray();
        m.Add(new ElementwiseKernel("k0", shape, mapped, program, outputs));
        return ConformanceCase.ForModule(id, dtype, m.Build(), m.ResultSpecs, data, tolerance).Describe(description);
    }

    /// <summary>A program applying a unary op to input 0.</summary>
    public static ScalarProgram UnaryProgram(UnaryOp op, DType dtype)
    {
        var b = new ScalarProgramBuilder();
        return b.Build(b.Unary(op, b.Load(0, dtype)));
    }

    /// <summary>A program applying a binary op to inputs 0 and 1.</summary>
    public static ScalarProgram BinaryProgram(BinaryOp op, DType dtype)
    {
        var b = new ScalarProgramBuilder();
        return b.Build(b.Binary(op, b.Load(0, dtype), b.Load(1, dtype)));
    }

    public static string ModuleName(string id) => new(id.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    public static string Op(Enum op) => op.ToString().ToLowerInvariant();
}
