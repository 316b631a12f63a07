using System.Reflection.Emit;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

/// <summary>
/// Rows of period e (two kernel dimensions walked as one, RowSpec.Period): every vector starts at a multiple of e
/// and holds whole periods, so what depends only on the position modulo e (an index of the short dimension, a
/// tile input, a select on them) is the same vector everywhere and is built once before the loop, lane by lane
/// with scalar code. A repeat input (each element of a stream read e times in a row) is one contiguous load
/// permuted within the register when the elements a vector needs lie within one vector's span, else gathered
/// lane by lane.
/// </summary>
internal sealed partial class RowFunctionEmitter
{
    /// <summary>For each repeat input read with a permute: the permute's control vector.</summary>
    private readonly Dictionary<int, LocalBuilder> permuteControls = [];

    /// <summary>For each index node of the group dimension: lane j holds j / e, to which the loop adds the group at
    /// the vector's start.</summary>
    private readonly Dictionary<int, LocalBuilder> groupOffsets = [];

    /// <summary>Points the vector loop leaves to the scalar tail so that no permuted load reads past the elements
    /// the row reads itself (a load spans a whole vector of the stream, of which the last group uses a part).</summary>
    private long periodicSlack;

    /// <summary>Nodes that vary from point to point but not from vector to vector of a periodic row.</summary>
    private bool[] FindLaneInvariantNodes()
    {
        var result = new bool[nodes.Count];
        if (spec.Period == 1) return result;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (invariant[i]) continue;
            result[i] = nodes[i] switch
            {
                LoadNode load => spec.Inputs[load.Input].GroupStride == 0,
                IndexNode index => index.Dimension == spec.InnerDimension,
                var node => node.Operands().All(o => invariant[o] || result[o]),
            };
        }
        return result;
    }

    /// <summary>Nodes whose vector form the loop uses: what varies from vector to vector, what that reads, and what
    /// is stored or folded. Only these decide the lane width.</summary>
    private bool[] FindVectorNodes()
    {
        var result = new bool[nodes.Count];
        foreach (var output in spec.Outputs) result[output.Node] = true;
        if (spec.Fold is not null) result[spec.Fold.Node] = true;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!live[i] || invariant[i] || laneInvariant[i]) continue;
            result[i] = true;
            foreach (var operand in nodes[i].Operands()) result[operand] = true;
        }
        return result;
    }

    /// <summary>Before the vector loop: the permute controls of repeat inputs, the slack they need, and the vectors of
    /// lane-invariant nodes.</summary>
    private void PreparePeriodicVectors()
    {
        if (spec.Period == 1) return;
        for (var k = 0; k < spec.Inputs.Count; k++)
        {
            var input = spec.Inputs[k];
            if (input.GroupStride is not > 0 || !Permutable(input, out var span)) continue;
            permuteControls[k] = DeclarePermuteControl(input.GroupStride.Value);
            // The load reads lanes - span elements past the last one the vector uses; ceil(that / g) more groups of
            // the row read at least that far.
            var past = layout.Lanes - span;
            var groups = (past + input.GroupStride.Value - 1) / input.GroupStride.Value;
            periodicSlack = Math.Max(periodicSlack, groups * spec.Period);
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!live[i] || nodes[i] is not IndexNode index || index.Dimension != spec.GroupDimension) continue;
            groupOffsets[i] = DeclareLaneConstants(layout.VectorType(index.DType), layout.Lanes, lane => lane >> spec.PeriodShift);
        }
        EmitLaneInvariantVectors();
    }

    /// <summary>The control of a permute that moves element g * (j / e) of a load into lane j. Where the permute takes
    /// two 4-byte lanes per element (AVX2 for 8-byte elements) the control names both halves.</summary>
    private LocalBuilder DeclarePermuteControl(long groupStride)
    {
        var type = layout.Helpers.GetMethod(layout.LaneBytes == 8 ? "PermuteW8" : "PermuteW4")!.GetParameters()[1].ParameterType;
        var controlLanes = (int)layout.Width / 8 / (type == layout.VectorOf(typeof(long)) ? 8 : 4);
        var halves = controlLanes / layout.Lanes;
        return DeclareLaneConstants(type, controlLanes,
            c => halves * groupStride * (c / halves >> spec.PeriodShift) + c % halves);
    }

    /// <summary>A vector local of <paramref name="type"/> (int or long lanes) whose lane c holds value(c).</summary>
    private LocalBuilder DeclareLaneConstants(Type type, int lanes, Func<int, long> value)
    {
        var local = il.DeclareLocal(type);
        var wide = type.GetGenericArguments()[0] == typeof(long);
        for (var c = 0; c < lanes; c++)
        {
            il.Emit(OpCodes.Ldloca, local);
            il.Emit(OpCodes.Ldc_I4, c * (wide ? 8 : 4));
            il.Emit(OpCodes.Add);
            if (wide) il.Emit(OpCodes.Ldc_I8, value(c));
            else il.Emit(OpCodes.Ldc_I4, checked((int)value(c)));
            il.Emit(wide ? OpCodes.Stind_I8 : OpCodes.Stind_I4);
        }
        return local;
    }

    /// <summary>
    /// Whether one contiguous load and a permute give the vector of a repeat <paramref name="input"/>: its lanes are
    /// plain 4- or 8-byte elements, and lane j's element g * (j / e) lies within the load (<paramref name="span"/>
    /// = the largest such offset + 1).
    /// </summary>
    private bool Permutable(RowInput input, out long span)
    {
        span = input.GroupStride!.Value * (layout.Lanes / spec.Period - 1) + 1;
        return input.DType is DType.Float32 or DType.Int32 or DType.UInt32 or DType.Float64 or DType.Int64
            && input.DType.SizeOf() == layout.LaneBytes && input.InnerStride == 0 && span <= layout.Lanes;
    }

    /// <summary>For each residue j of the period: the scalar lane-invariant nodes at position j, written into lanes
    /// j, j + e, ... of their vectors.</summary>
    private void EmitLaneInvariantVectors()
    {
        if (!laneInvariant.Where((x, i) => x && live[i]).Any()) return;
        for (var residue = 0; residue < spec.Period; residue++)
        {
            il.Emit(OpCodes.Ldc_I8, (long)residue);
            il.Emit(OpCodes.Stloc, position);
            for (var i = 0; i < nodes.Count; i++)
                if (live[i] && laneInvariant[i]) EmitScalarNode(i);
            for (var i = 0; i < nodes.Count; i++)
            {
                if (!live[i] || !laneInvariant[i] || !needsVector[i]) continue;
                for (var lane = residue; lane < layout.Lanes; lane += spec.Period)
                {
                    il.Emit(OpCodes.Ldloca, vectors[i]!);
                    il.Emit(OpCodes.Ldc_I4, lane * layout.LaneBytes);
                    il.Emit(OpCodes.Add);
                    il.Emit(OpCodes.Ldloc, scalars[i]!);
                    EmitLaneStore(nodes[i].DType);
                }
            }
        }
        il.Emit(OpCodes.Ldc_I8, 0L);
        il.Emit(OpCodes.Stloc, position);
    }

    /// <summary>The vector of a repeat input at position + laneOffset: permuted from one load, or lane by lane.</summary>
    private void EmitRepeatLoad(int node, LoadNode load, int laneOffset)
    {
        var input = spec.Inputs[load.Input];
        var size = load.DType.SizeOf();
        if (permuteControls.TryGetValue(load.Input, out var control))
        {
            EmitGroupAddress(input, size, laneOffset);
            var type = LaneLayout.ScalarType(load.DType);
            il.Emit(OpCodes.Call, layout.Helpers.GetMethod("Load")!.MakeGenericMethod(type));
            il.Emit(OpCodes.Ldloc, control);
            il.Emit(OpCodes.Call, layout.Helpers.GetMethod(layout.LaneBytes == 8 ? "PermuteW8" : "PermuteW4")!.MakeGenericMethod(type));
            il.Emit(OpCodes.Stloc, vectors[node]!);
            return;
        }
        var loadLane = ScalarHelper("Load" + load.DType, [typeof(nint)], load.DType);
        for (var lane = 0; lane < layout.Lanes; lane++)
        {
            il.Emit(OpCodes.Ldloca, vectors[node]!);
            il.Emit(OpCodes.Ldc_I4, lane * layout.LaneBytes);
            il.Emit(OpCodes.Add);
            EmitGroupAddress(input, size, laneOffset);
            var offset = input.GroupStride!.Value * (lane >> spec.PeriodShift) + input.InnerStride * (lane & (spec.Period - 1));
            il.Emit(OpCodes.Ldc_I8, offset * size);
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Call, loadLane);
            EmitLaneStore(load.DType);
        }
    }

    /// <summary>Pushes the address of the first element of the group at position + laneOffset (a multiple of e).</summary>
    private void EmitGroupAddress(RowInput input, int size, int laneOffset)
    {
        il.Emit(OpCodes.Ldloc, pointers[input.Pointer]);
        il.Emit(OpCodes.Ldloc, position);
        if (laneOffset != 0)
        {
            il.Emit(OpCodes.Ldc_I8, (long)laneOffset);
            il.Emit(OpCodes.Add);
        }
        il.Emit(OpCodes.Ldc_I4, spec.PeriodShift);
        il.Emit(OpCodes.Shr);
        il.Emit(OpCodes.Ldc_I8, input.GroupStride!.Value * size);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Add);
    }

    /// <summary>Pushes pointer + (g * (position / e) + s * (position % e)) * size: one point of a repeat or tile input.</summary>
    private void EmitPeriodicAddress(RowInput input, int size)
    {
        EmitGroupAddress(input, size, 0);
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Ldc_I8, (long)(spec.Period - 1));
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Ldc_I8, input.InnerStride * size);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Add);
    }

    /// <summary>Pushes the coordinate of the short dimension (flat position % e) or of the one outside it (flat / e).</summary>
    private void EmitPeriodicCoordinate(int dimension, int laneOffset)
    {
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldc_I4, spec.InnerDimension * sizeof(long));
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldind_I8);
        il.Emit(OpCodes.Ldloc, position);
        il.Emit(OpCodes.Add);
        if (laneOffset != 0)
        {
            il.Emit(OpCodes.Ldc_I8, (long)laneOffset);
            il.Emit(OpCodes.Add);
        }
        if (dimension == spec.InnerDimension)
        {
            il.Emit(OpCodes.Ldc_I8, (long)(spec.Period - 1));
            il.Emit(OpCodes.And);
        }
        else
        {
            il.Emit(OpCodes.Ldc_I4, spec.PeriodShift);
            il.Emit(OpCodes.Shr);
        }
    }

    /// <summary>The vector of an index node of the group dimension: lane j holds (position + j) / e, the group at the
    /// vector's start plus j / e.</summary>
    private void EmitGroupIndex(int node, IndexNode index, int laneOffset)
    {
        var lane = LaneLayout.ScalarType(index.DType);
        EmitCoordinate(index.Dimension, laneOffset);
        if (index.DType == DType.Int32) il.Emit(OpCodes.Conv_I4);
        il.Emit(OpCodes.Call, VectorHelper("Broadcast", lane));
        il.Emit(OpCodes.Ldloc, groupOffsets[node]);
        il.Emit(OpCodes.Call, VectorHelper("Add", layout.VectorOf(lane), layout.VectorOf(lane)));
        il.Emit(OpCodes.Stloc, vectors[node]!);
    }
}
