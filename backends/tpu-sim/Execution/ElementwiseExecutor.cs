using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>Runs elementwise and copy kernels in chunks of points.</summary>
internal static class ElementwiseExecutor
{
    public static void Run(ElementwiseKernel kernel, LaunchMemory memory)
    {
        var total = Coordinates.Count(kernel.Shape);
        var scratch = kernel.Outputs.Select(memory.Scratch).ToArray();
        for (long start = 0; start < total; start += ProgramEvaluator.ChunkSize)
        {
            var count = (int)Math.Min(ProgramEvaluator.ChunkSize, total - start);
            var results = ProgramEvaluator.Evaluate(kernel.Program, kernel.Shape, start, count,
                k => MappedReader.Read(memory[kernel.Inputs[k].Buffer], kernel.Inputs[k], kernel.Shape, start, count));
            for (var r = 0; r < results.Length; r++)
                ElementIO.WriteContiguous(scratch[r], results[r].DType, start, results[r]);
        }
        for (var r = 0; r < kernel.Outputs.Count; r++)
            memory.Commit(kernel.Outputs[r], scratch[r], total * kernel.Program.ResultType(r).SizeOf());
    }

    public static void Run(CopyKernel kernel, LaunchMemory memory)
    {
        var total = Coordinates.Count(kernel.Shape);
        var scratch = memory.Scratch(kernel.Output);
        for (long start = 0; start < total; start += ProgramEvaluator.ChunkSize)
        {
            var count = (int)Math.Min(ProgramEvaluator.ChunkSize, total - start);
            var values = MappedReader.Read(memory[kernel.Source.Buffer], kernel.Source, kernel.Shape, start, count);
            ElementIO.WriteContiguous(scratch, kernel.Source.DType, start, values);
        }
        memory.Commit(kernel.Output, scratch, total * kernel.Source.DType.SizeOf());
    }
}
