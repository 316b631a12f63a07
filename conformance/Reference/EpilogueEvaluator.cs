using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>Applies a <see cref="FusedEpilogue"/> at one output point (input 0 is the kernel's own value).</summary>
internal static class EpilogueEvaluator
{
    public static Scalar Apply(FusedEpilogue? epilogue, Scalar value, ReferenceMemory memory, int[] outputShape,
        long[] point)
    {
        if (epilogue is null) return value;
        return ProgramEvaluator.Evaluate(epilogue.Program,
            k => k == 0 ? value : memory.ReadMapped(epilogue.Inputs[k - 1], outputShape, point), point, memory.Subnormals)[0];
    }
}
