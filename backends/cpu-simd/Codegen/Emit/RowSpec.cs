using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

/// <summary>
/// A generated row function: runs a program over <c>count</c> consecutive points of the innermost loop
/// dimension. <c>pointers[i]</c> is the address of operand i's element at the row's first point and
/// <c>coords</c> the loop coordinates of that point (read by index nodes).
/// </summary>
internal unsafe delegate void RowFunction(nint* pointers, long count, long* coords);

/// <summary>
/// Program input k is read from <see cref="Pointer"/>, stepping <see cref="InnerStride"/> elements per point; or,
/// with a <see cref="GroupStride"/> g in a row of period e, point c reads element g * (c / e) + InnerStride * (c % e).
/// </summary>
internal sealed record RowInput(int Pointer, DType DType, long InnerStride, long? GroupStride = null);

/// <summary>The value of <see cref="Node"/> is stored at <see cref="Pointer"/>, stepping <see cref="InnerStride"/>
/// elements per point (1 unless the loop nest moved a long dimension innermost).</summary>
internal sealed record RowOutput(int Pointer, int Node, long InnerStride = 1);

/// <summary>
/// The row is reduced: the values of <see cref="Node"/> (already in the accumulator dtype) are combined with
/// <see cref="Op"/> and the result combined into the accumulator at <see cref="ValuePointer"/>. Arg ops also
/// keep the Int32 position along the innermost dimension at <see cref="IndexPointer"/>.
/// </summary>
internal sealed record RowFold(ReduceOp Op, int Node, int ValuePointer, int IndexPointer);

/// <summary>
/// What a row function computes. With a <see cref="Period"/> e above 1, the row is two kernel dimensions walked as
/// one (see LoopNest.Period): it starts at a multiple of e, index nodes of <see cref="InnerDimension"/> read the
/// position modulo e and those of <see cref="GroupDimension"/> the position divided by e.
/// </summary>
internal sealed record RowSpec(
    ScalarProgram Program,
    IReadOnlyList<RowInput> Inputs,
    IReadOnlyList<RowOutput> Outputs,
    RowFold? Fold,
    int InnerDimension,
    int Period = 1)
{
    /// <summary>The dimension outside the period, in a periodic row (index nodes name it after remapping).</summary>
    public int GroupDimension => InnerDimension + 1;
}
