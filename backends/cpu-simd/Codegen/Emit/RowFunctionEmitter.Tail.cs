using System.Reflection.Emit;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

/// <summary>
/// The end of a row that stores per point, and operands read with a small stride. A row's last points (fewer than a
/// vector, or a few more where the vector loop keeps a slack) run as partial vectors: loads read only the row's
/// elements (masked), stores write only its points. A row of 14 pooled points, or the 12 left of a 28-point periodic
/// row after one vector, then runs no scalar code. An operand read with a stride of 2 to 4 elements is k contiguous
/// loads and permutes (Simd512.LoadStrided) rather than a scalar load per lane.
/// </summary>
internal sealed partial class RowFunctionEmitter
{
    /// <summary>Strides (in elements) that a vector load reads as contiguous loads and permutes.</summary>
    internal const int MaxPermutedStride = 4;

    /// <summary>The stride k (2..<see cref="MaxPermutedStride"/>) at which a vector load of <paramref name="input"/>
    /// reads plain elements with permutes, or 0 when it reads them otherwise.</summary>
    private int PermutedStride(RowInput input, DType dtype) =>
        input.GroupStride is null && input.InnerStride is >= 2 and <= MaxPermutedStride && IsPlainLane(dtype)
            ? (int)input.InnerStride
            : 0;

    /// <summary>Whether values of <paramref name="dtype"/> are stored as whole lanes (no mask bytes, no half floats).</summary>
    private bool IsPlainLane(DType dtype) =>
        dtype is DType.Float32 or DType.Int32 or DType.UInt32 or DType.Float64 or DType.Int64 && dtype.SizeOf() == layout.LaneBytes;

    /// <summary>A permuted strided load reads k whole vectors, up to the element before the next vector's first point:
    /// the vector loop leaves one point of slack so that this element is still one the row reads.</summary>
    private void ReserveStridedSlack()
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (live[i] && !invariant[i] && nodes[i] is LoadNode load && PermutedStride(spec.Inputs[load.Input], load.DType) > 0)
                periodicSlack = Math.Max(periodicSlack, 1);
        }
    }

    /// <summary>
    /// Whether the row's tail runs as partial vectors: a row that stores (no fold, whose tail has its own form), one
    /// phase per step, plain stored values, and every varying load a plain element read contiguously, with a stride,
    /// or as a repeat with a permute (a repeat read lane by lane, or a mask or half float, keeps the scalar tail).
    /// </summary>
    private bool StoresTailAsVector(FoldState? fold)
    {
        if (fold is not null || Phases > 1 || spec.Outputs.Count == 0) return false;
        if (spec.Outputs.Any(o => !IsPlainLane(nodes[o.Node].DType))) return false;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!live[i] || invariant[i] || laneInvariant[i] || nodes[i] is not LoadNode load) continue;
            if (!IsPlainLane(load.DType)) return false;
            if (spec.Inputs[load.Input].GroupStride is > 0 && !permuteControls.ContainsKey(load.Input)) return false;
        }
        return true;
    }

    /// <summary>while (position &lt; count) { tailCount = min(count - position, lanes); body on a partial vector; position += lanes; }</summary>
    private void EmitStoreTail()
    {
        tailCount = il.DeclareLocal(typeof(long));
        var top = il.DefineLabel();
        var test = il.DefineLabel();
        var full = il.DefineLabel();
        il.Emit(OpCodes.Br, test);
        il.MarkLabel(top);
        il.Emit(OpCodes.Ldc_I8, (long)layout.Lanes);
        il.Emit(OpCodes.Stloc, tailCount);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Ldc_I8, (long)layout.Lanes);
        il.Emit(OpCodes.Bge, full);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Stloc, tailCount);
        il.MarkLabel(full);
        for (var i = 0; i < nodes.Count; i++)
            if (live[i] && !invariant[i] && !laneInvariant[i]) EmitVectorNode(i, 0);
        foreach (var output in spec.Outputs) EmitVectorStore(output, 0);
        AdvancePosition(layout.Lanes);
        il.MarkLabel(test);
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Blt, top);
        tailCount = null;
    }

    /// <summary>Pushes how many elements a repeat input's load needs for the tail's points: those of the groups they
    /// touch, g · ((tailCount − 1) / e) + 1 from the first group's (the tail starts a period).</summary>
    private void EmitRepeatTailElements(long groupStride)
    {
        il.Emit(OpCodes.Ldloc, tailCount!);
        il.Emit(OpCodes.Ldc_I8, 1L);
        il.Emit(OpCodes.Sub);
        EmitDivideByPeriod();
        il.Emit(OpCodes.Ldc_I8, groupStride);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Ldc_I8, 1L);
        il.Emit(OpCodes.Add);
    }

    /// <summary>With the operand's address on the stack: the vector of its elements k apart, whole or (in a tail) the
    /// first tailCount lanes.</summary>
    private void EmitPermutedStridedLoad(int k, DType dtype)
    {
        il.Emit(OpCodes.Ldc_I4, k);
        if (tailCount is not null) il.Emit(OpCodes.Ldloc, tailCount);
        il.Emit(OpCodes.Call, layout.Helpers.GetMethod(tailCount is null ? "LoadStrided" : "LoadStridedFirst")!
            .MakeGenericMethod(LaneLayout.ScalarType(dtype)));
    }
}
