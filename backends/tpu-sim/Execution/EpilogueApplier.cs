using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// Applies a <see cref="FusedEpilogue"/> to a kernel's own values (input 0) at each output point, reading the
/// epilogue's other inputs through their index maps over the output's index space, and writes the output.
/// </summary>
internal static class EpilogueApplier
{
    /// <summary>Writes <paramref name="values"/> (the kernel's own result over <paramref name="outputShape"/>) to
    /// <paramref name="output"/>, through the epilogue when there is one.</summary>
    public static void Write(Column values, FusedEpilogue? epilogue, int[] outputShape, int output, LaunchMemory memory)
    {
        var total = values.Length;
        var scratch = memory.Scratch(output);
        if (epilogue is null)
        {
            ElementIO.WriteContiguous(scratch, values.DType, 0, values);
            memory.Commit(output, scratch, (long)total * values.DType.SizeOf());
            return;
        }
        var outType = epilogue.Program.ResultType(0);
        for (var start = 0; start < total; start += ProgramEvaluator.ChunkSize)
        {
            var count = Math.Min(ProgramEvaluator.ChunkSize, total - start);
            var chunkStart = start;
            var result = ProgramEvaluator.Evaluate(epilogue.Program, outputShape, start, count, k =>
            {
                if (k == 0) return Slice(values, chunkStart, count);
                var input = epilogue.Inputs[k - 1];
                return MappedReader.Read(memory[input.Buffer], input, outputShape, chunkStart, count);
            })[0];
            ElementIO.WriteContiguous(scratch, outType, start, result);
        }
        memory.Commit(output, scratch, (long)total * outType.SizeOf());
    }

    private static Column Slice(Column values, int start, int count) => values.IsFloat
        ? Column.OfFloats(values.DType, values.Floats.AsSpan(start, count).ToArray())
        : Column.OfInts(values.DType, values.Ints.AsSpan(start, count).ToArray());
}
