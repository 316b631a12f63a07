using JaxNet.Abstractions.Kernels;

namespace JaxNet.Conformance.Reference;

internal static class ElementwiseReference
{
    public static void Run(ElementwiseKernel k, ReferenceMemory memory)
    {
        long n = 0;
        foreach (var point in Shapes.Points(k.Shape))
        {
            var results = ProgramEvaluator.Evaluate(k.Program, i => memory.ReadMapped(k.Inputs[i], k.Shape, point), point, memory.Subnormals);
            for (var r = 0; r < results.Length; r++) memory.Write(k.Outputs[r], results[r].DType, n, results[r]);
            n++;
        }
    }
}

internal static class CopyReference
{
    public static void Run(CopyKernel k, ReferenceMemory memory)
    {
        long n = 0;
        foreach (var point in Shapes.Points(k.Shape))
            memory.Write(k.Output, k.Source.DType, n++, memory.ReadMapped(k.Source, k.Shape, point));
    }
}
