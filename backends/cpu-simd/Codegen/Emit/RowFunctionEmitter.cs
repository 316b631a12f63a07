using System.Reflection;
using System.Reflection.Emit;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

/// <summary>
/// Emits a <see cref="RowFunction"/> as a DynamicMethod: every scalar node becomes a local and a call to a small
/// inlinable helper (<see cref="ScalarMath"/>, Simd512/Simd256, the VectorMath routines), so the JIT turns the whole program into one
/// straight loop body. Loop-invariant nodes (constants, broadcast inputs, outer coordinates) are computed once
/// before the loop. In vector mode the row runs as a vector loop (unrolled four times with separate
/// accumulators when it reduces) and a scalar tail; an op without a vector helper is computed lane by lane
/// inside the vector loop. The lanes are chosen from the values that need vectors: a value used only by
/// loop-invariant code (an int32 constant compared with an iota in a float64 program) stays scalar.
/// </summary>
internal sealed partial class RowFunctionEmitter
{
    private const int FoldUnroll = 4;

    private readonly RowSpec spec;
    private readonly LaneLayout layout;
    private readonly string kernelName;
    private readonly IReadOnlyList<ScalarNode> nodes;
    private readonly DynamicMethod method;
    private readonly ILGenerator il;
    private readonly bool[] live;
    private readonly bool[] invariant;
    private readonly bool[] laneInvariant;
    private readonly bool[] needsVector;
    private readonly LocalBuilder?[] scalars;
    private readonly LocalBuilder?[] vectors;
    private readonly Dictionary<int, LocalBuilder> pointers = [];
    private LocalBuilder position = null!;

    private RowFunctionEmitter(RowSpec spec, VectorWidth width, string kernelName)
    {
        this.spec = spec;
        this.kernelName = kernelName;
        nodes = spec.Program.Nodes;
        method = new DynamicMethod("row_" + kernelName, typeof(void), [typeof(nint*), typeof(long), typeof(long*)],
            typeof(RowFunctionEmitter).Module, skipVisibility: true);
        il = method.GetILGenerator();
        live = FindLiveNodes();
        invariant = FindInvariantNodes();
        laneInvariant = FindLaneInvariantNodes();
        needsVector = FindVectorNodes();
        layout = spec.Fold?.Op is ReduceOp.ArgMax or ReduceOp.ArgMin
            ? LaneLayout.Scalar
            : LaneLayout.Choose(Enumerable.Range(0, nodes.Count).Where(i => needsVector[i]).Select(i => nodes[i].DType),
                VectorWidths.Limit(width));
        scalars = new LocalBuilder?[nodes.Count];
        vectors = new LocalBuilder?[nodes.Count];
    }

    /// <summary>Whether the last emitted function runs vector code (for reports and tests).</summary>
    public bool Vectorized => layout.IsVector;

    /// <summary>Compiles <paramref name="spec"/> with vectors no wider than <paramref name="width"/>.</summary>
    public static RowFunction Emit(RowSpec spec, VectorWidth width, string kernelName, out bool vectorized)
    {
        var emitter = new RowFunctionEmitter(spec, width, kernelName);
        vectorized = emitter.Vectorized;
        return emitter.Build();
    }

    private RowFunction Build()
    {
        position = il.DeclareLocal(typeof(long));
        foreach (var input in spec.Inputs) DeclarePointer(input.Pointer);
        foreach (var output in spec.Outputs) DeclarePointer(output.Pointer);
        if (spec.Fold is { } rowFold)
        {
            DeclarePointer(rowFold.ValuePointer);
            if (rowFold.IndexPointer >= 0) DeclarePointer(rowFold.IndexPointer);
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!live[i]) continue;
            scalars[i] = il.DeclareLocal(LaneLayout.ScalarType(nodes[i].DType));
            if (layout.IsVector) vectors[i] = il.DeclareLocal(layout.VectorType(nodes[i].DType));
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            if (!live[i] || !invariant[i]) continue;
            EmitScalarNode(i);
            if (layout.IsVector && needsVector[i]) EmitBroadcast(i);
        }

        var fold = spec.Fold is null ? null : new FoldState(this, spec.Fold);
        if (layout.IsVector)
        {
            PreparePeriodicVectors();
            ReserveStridedSlack();
            // A periodic row steps by whole sets of phases; a single vector after them would start mid-set.
            var unroll = Phases > 1 ? Phases : fold is null || UsesLaneFallback() ? 1 : FoldUnroll;
            fold?.DeclareVectorAccumulators(unroll);
            if (unroll > 1) EmitVectorLoop(unroll, fold);
            if (Phases == 1) EmitVectorLoop(1, fold);
            if (FoldsTailAsVector(fold)) EmitFoldTail(fold!);
            if (StoresTailAsVector(fold)) EmitStoreTail();
            fold?.ReduceVectorAccumulators();
        }
        EmitScalarLoop(fold);
        fold?.StoreToAccumulator();
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<RowFunction>();
    }

    private void DeclarePointer(int index)
    {
        if (pointers.ContainsKey(index)) return;
        var local = il.DeclareLocal(typeof(nint));
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, index * IntPtr.Size);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldind_I);
        il.Emit(OpCodes.Stloc, local);
        pointers[index] = local;
    }

    /// <summary>while (position + unroll*lanes + slack &lt;= count) { body x unroll; position += unroll*lanes; }, the slack
    /// keeping a periodic row's permuted loads within what the row reads (see <see cref="PeriodicSlack"/>).</summary>
    private void EmitVectorLoop(int unroll, FoldState? fold)
    {
        var step = unroll * layout.Lanes;
        var top = il.DefineLabel();
        var test = il.DefineLabel();
        il.Emit(OpCodes.Br, test);
        il.MarkLabel(top);
        for (var copy = 0; copy < unroll; copy++)
        {
            var laneOffset = copy * layout.Lanes;
            if (Phases > 1) EmitPhaseVectors(PhaseAt(laneOffset));
            for (var i = 0; i < nodes.Count; i++)
                if (live[i] && !invariant[i] && !laneInvariant[i]) EmitVectorNode(i, laneOffset);
            foreach (var output in spec.Outputs) EmitVectorStore(output, laneOffset);
            fold?.AccumulateVector(copy);
        }
        AdvancePosition(step);
        il.MarkLabel(test);
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Ldc_I8, step + periodicSlack);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ble, top);
    }

    /// <summary>while (position &lt; count) { body; position++; }</summary>
    private void EmitScalarLoop(FoldState? fold)
    {
        var top = il.DefineLabel();
        var test = il.DefineLabel();
        il.Emit(OpCodes.Br, test);
        il.MarkLabel(top);
        for (var i = 0; i < nodes.Count; i++)
            if (live[i] && !invariant[i]) EmitScalarNode(i);
        foreach (var output in spec.Outputs) EmitScalarStore(output);
        fold?.AccumulateScalar();
        AdvancePosition(1);
        il.MarkLabel(test);
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Blt, top);
    }

    private void AdvancePosition(long step)
    {
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Ldc_I8, step);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, position);
    }

    /// <summary>Pushes pointer + (position + laneOffset) * strideBytes.</summary>
    private void EmitAddress(int pointer, long strideBytes, int laneOffset)
    {
        il.Emit(OpCodes.Ldloc, pointers[pointer]);
        if (strideBytes == 0) return;
        il.Emit(OpCodes.Ldloc, position);
        if (laneOffset != 0)
        {
            il.Emit(OpCodes.Ldc_I8, (long)laneOffset);
            il.Emit(OpCodes.Add);
        }
        il.Emit(OpCodes.Ldc_I8, strideBytes);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Add);
    }

    /// <summary>Pushes the (int64) loop coordinate along <paramref name="dimension"/> of the current point.</summary>
    private void EmitCoordinate(int dimension, int laneOffset)
    {
        if (spec.Period > 1 && dimension >= spec.InnerDimension)
        {
            EmitPeriodicCoordinate(dimension, laneOffset);
            return;
        }
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldc_I4, dimension * sizeof(long));
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldind_I8);
        if (dimension != spec.InnerDimension) return;
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Add);
        if (laneOffset == 0) return;
        il.Emit(OpCodes.Ldc_I8, (long)laneOffset);
        il.Emit(OpCodes.Add);
    }

    private bool[] FindLiveNodes()
    {
        var result = new bool[nodes.Count];
        foreach (var output in spec.Outputs) result[output.Node] = true;
        if (spec.Fold is not null) result[spec.Fold.Node] = true;
        for (var i = nodes.Count - 1; i >= 0; i--)
            if (result[i])
                foreach (var operand in nodes[i].Operands()) result[operand] = true;
        return result;
    }

    private bool[] FindInvariantNodes()
    {
        var result = new bool[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            result[i] = nodes[i] switch
            {
                ConstNode => true,
                LoadNode load => spec.Inputs[load.Input] is { InnerStride: 0, GroupStride: null },
                IndexNode index => index.Dimension < spec.InnerDimension,
                var node => node.Operands().All(o => result[o]),
            };
        }
        return result;
    }

    private KernelCompilationException Unsupported(string what) =>
        new(kernelName, $"the cpu-simd code generator has no implementation of {what}");
}
