using System.Reflection.Emit;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

internal sealed partial class RowFunctionEmitter
{
    /// <summary>While the fold's tail vector is emitted: the local holding how many of its lanes lie in the row (vector
    /// loads then read only those).</summary>
    private LocalBuilder? tailCount;

    /// <summary>
    /// Whether the last stretch of a reduced row, shorter than a vector, can run as one partial vector instead of the
    /// scalar loop: a fold with a vector form (not an arg op), nothing stored per point, one phase, and every varying
    /// load a plain element (Bool and Float16/BFloat16 loads have no partial form). Rows of 1..lanes-1 elements, like a
    /// softmax over 10 classes, then run no scalar code at all.
    /// </summary>
    private bool FoldsTailAsVector(FoldState? fold)
    {
        if (fold is null || !fold.HasVectorForm || spec.Outputs.Count > 0 || Phases > 1) return false;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!live[i] || invariant[i] || nodes[i] is not LoadNode load) continue;
            if (load.DType is DType.Bool or DType.Float16 or DType.BFloat16) return false;
        }
        return true;
    }

    /// <summary>if (count - position &gt; 0) { body on a partial vector; fold its first lanes; position = count; }: loads
    /// read only the row's lanes (zero in the others, which may then compute anything: the fold replaces them by its
    /// identity).</summary>
    private void EmitFoldTail(FoldState fold)
    {
        var skip = il.DefineLabel();
        tailCount = il.DeclareLocal(typeof(long));
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Stloc, tailCount);
        il.Emit(OpCodes.Ldloc, tailCount);
        il.Emit(OpCodes.Ldc_I8, 0L);
        il.Emit(OpCodes.Ble, skip);
        for (var i = 0; i < nodes.Count; i++)
            if (live[i] && !invariant[i] && !laneInvariant[i]) EmitVectorNode(i, 0);
        fold.AccumulateFirstLanes(tailCount);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stloc, position);
        il.MarkLabel(skip);
        tailCount = null;
    }
}
