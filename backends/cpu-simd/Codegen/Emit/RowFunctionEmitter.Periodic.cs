using System.Reflection.Emit;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

/// <summary>
/// Rows of period e (two kernel dimensions walked as one, RowSpec.Period). The vector loop steps by P vectors, P
/// being the smallest count whose lanes hold whole periods (1 when e divides the lane count, 3 for e = 3 and 16
/// lanes), so each step starts at a multiple of e and its vector p (its phase) always sees the same positions
/// modulo e. What depends only on the position modulo e (an index of the short dimension, a tile input, a select
/// on them) is therefore one vector per phase, built once before the loop, lane by lane with scalar code. A repeat
/// input (each element of a stream read e times in a row) is one contiguous load permuted within the register
/// when the elements a vector needs lie within one vector's span, else gathered lane by lane.
/// </summary>
internal sealed partial class RowFunctionEmitter
{
    /// <summary>For each repeat input read with a permute: the permute's control vector, per phase.</summary>
    private readonly Dictionary<int, LocalBuilder[]> permuteControls = [];

    /// <summary>For each index node of the group dimension, per phase: lane j holds the group of the phase's lane j
    /// less the group of its lane 0, to which the loop adds the group at the vector's start.</summary>
    private readonly Dictionary<int, LocalBuilder[]> groupOffsets = [];

    /// <summary>For each lane-invariant node, when there are several phases: its vector in each phase, copied into
    /// the node's vector before the phase's code.</summary>
    private readonly Dictionary<int, LocalBuilder[]> phaseVectors = [];

    /// <summary>Vectors per step of a periodic row's vector loop (see the class summary); 1 otherwise.</summary>
    private int Phases => !layout.IsVector || spec.Period == 1 ? 1 : spec.Period / Gcd(spec.Period, layout.Lanes);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>Lane <paramref name="lane"/> of phase <paramref name="phase"/>'s vector: its distance from the
    /// step's start (a multiple of e).</summary>
    private long StepOffset(int phase, int lane) => (long)phase * layout.Lanes + lane;

    /// <summary>The group of a lane, counted from the group at its vector's start.</summary>
    private long GroupOf(int phase, int lane) => StepOffset(phase, lane) / spec.Period - StepOffset(phase, 0) / spec.Period;

    /// <summary>The position of a lane within its period.</summary>
    private long ResidueOf(int phase, int lane) => StepOffset(phase, lane) % spec.Period;

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
        var phases = Enumerable.Range(0, Phases).ToArray();
        for (var k = 0; k < spec.Inputs.Count; k++)
        {
            var input = spec.Inputs[k];
            if (input.GroupStride is not > 0 || !Permutable(input)) continue;
            var g = input.GroupStride.Value;
            permuteControls[k] = phases.Select(phase => DeclarePermuteControl(g, phase)).ToArray();
            // Phase p's load reads up to element last = g * (its first group) + lanes - 1 of the step's stream; the
            // row reads that far itself when it has ceil(last / g) + 1 groups past the step's start, and the loop
            // runs a step only while the row holds the step's positions plus the slack.
            foreach (var phase in phases)
            {
                var last = g * (StepOffset(phase, 0) / spec.Period) + layout.Lanes - 1;
                var needed = ((last + g - 1) / g + 1) * spec.Period - StepOffset(Phases, 0);
                periodicSlack = Math.Max(periodicSlack, needed);
            }
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!live[i] || nodes[i] is not IndexNode index || index.Dimension != spec.GroupDimension) continue;
            groupOffsets[i] = phases.Select(phase =>
                DeclareLaneConstants(layout.VectorType(index.DType), layout.Lanes, lane => GroupOf(phase, lane))).ToArray();
        }
        EmitLaneInvariantVectors();
    }

    /// <summary>The control of a permute that moves element g * GroupOf(phase, j) of a load into lane j. Where the
    /// permute takes two 4-byte lanes per element (AVX2 for 8-byte elements) the control names both halves.</summary>
    private LocalBuilder DeclarePermuteControl(long groupStride, int phase)
    {
        var type = layout.Helpers.GetMethod(layout.LaneBytes == 8 ? "PermuteW8" : "PermuteW4")!.GetParameters()[1].ParameterType;
        var controlLanes = (int)layout.Width / 8 / (type == layout.VectorOf(typeof(long)) ? 8 : 4);
        var halves = controlLanes / layout.Lanes;
        return DeclareLaneConstants(type, controlLanes,
            c => halves * groupStride * GroupOf(phase, c / halves) + c % halves);
    }

    /// <summary>A vector local of <paramref name="type"/> (int or long lanes) whose lane c holds value(c).</summary>
    private LocalBuilder DeclareLaneConstants(Type type, int lanes, Func<int, long> value)
    {
        // One Create call with constant arguments, which the JIT folds into a constant vector (lane stores into the
        // local would cost a store per lane on every call and keep the local in memory).
        var local = il.DeclareLocal(type);
        var element = type.GetGenericArguments()[0];
        var wide = element == typeof(long);
        var count = (int)type.GetProperty("Count")!.GetValue(null)!;
        var factory = (type.GetGenericTypeDefinition() == typeof(System.Runtime.Intrinsics.Vector512<>)
            ? typeof(System.Runtime.Intrinsics.Vector512) : typeof(System.Runtime.Intrinsics.Vector256))
            .GetMethod("Create", Enumerable.Repeat(element, count).ToArray())!;
        for (var c = 0; c < count; c++)
        {
            var lane = c < lanes ? value(c) : 0;
            if (wide) il.Emit(OpCodes.Ldc_I8, lane);
            else il.Emit(OpCodes.Ldc_I4, checked((int)lane));
        }
        il.Emit(OpCodes.Call, factory);
        il.Emit(OpCodes.Stloc, local);
        return local;
    }

    /// <summary>
    /// Whether one contiguous load and a permute give the vector of a repeat <paramref name="input"/>: its lanes are
    /// plain 4- or 8-byte elements, and in every phase lane j's element g * GroupOf(phase, j) lies within the load.
    /// </summary>
    private bool Permutable(RowInput input)
    {
        var span = Enumerable.Range(0, Phases).Max(phase => input.GroupStride!.Value * GroupOf(phase, layout.Lanes - 1) + 1);
        return input.DType is DType.Float32 or DType.Int32 or DType.UInt32 or DType.Float64 or DType.Int64
            && input.DType.SizeOf() == layout.LaneBytes && input.InnerStride == 0 && span <= layout.Lanes;
    }

    /// <summary>For each residue j of the period: the scalar lane-invariant nodes at position j, written into the
    /// lanes of each phase's vector that lie at j.</summary>
    private void EmitLaneInvariantVectors()
    {
        if (!laneInvariant.Where((x, i) => x && live[i]).Any()) return;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (Phases == 1 || !live[i] || !laneInvariant[i] || !needsVector[i]) continue;
            phaseVectors[i] = Enumerable.Range(0, Phases).Select(_ => il.DeclareLocal(vectors[i]!.LocalType)).ToArray();
        }
        for (var residue = 0; residue < spec.Period; residue++)
        {
            il.Emit(OpCodes.Ldc_I8, (long)residue);
            il.Emit(OpCodes.Stloc, position);
            for (var i = 0; i < nodes.Count; i++)
                if (live[i] && laneInvariant[i]) EmitScalarNode(i);
            for (var i = 0; i < nodes.Count; i++)
            {
                if (!live[i] || !laneInvariant[i] || !needsVector[i]) continue;
                for (var phase = 0; phase < Phases; phase++)
                {
                    var target = Phases == 1 ? vectors[i]! : phaseVectors[i][phase];
                    for (var lane = 0; lane < layout.Lanes; lane++)
                    {
                        if (ResidueOf(phase, lane) != residue) continue;
                        il.Emit(OpCodes.Ldloca, target);
                        il.Emit(OpCodes.Ldc_I4, lane * layout.LaneBytes);
                        il.Emit(OpCodes.Add);
                        il.Emit(OpCodes.Ldloc, scalars[i]!);
                        EmitLaneStore(nodes[i].DType);
                    }
                }
            }
        }
        il.Emit(OpCodes.Ldc_I8, 0L);
        il.Emit(OpCodes.Stloc, position);
    }

    /// <summary>Before the code of phase <paramref name="phase"/>: the lane-invariant vectors of that phase.</summary>
    private void EmitPhaseVectors(int phase)
    {
        foreach (var (node, locals) in phaseVectors)
        {
            il.Emit(OpCodes.Ldloc, locals[phase]);
            il.Emit(OpCodes.Stloc, vectors[node]!);
        }
    }

    /// <summary>The phase of the vector at <paramref name="laneOffset"/> within a step of the vector loop.</summary>
    private int PhaseAt(int laneOffset) => laneOffset / layout.Lanes % Phases;

    /// <summary>The vector of a repeat input at position + laneOffset: permuted from one load, or lane by lane.</summary>
    private void EmitRepeatLoad(int node, LoadNode load, int laneOffset)
    {
        var input = spec.Inputs[load.Input];
        var size = load.DType.SizeOf();
        var phase = PhaseAt(laneOffset);
        if (permuteControls.TryGetValue(load.Input, out var controls))
        {
            EmitGroupAddress(input, size, laneOffset);
            var type = LaneLayout.ScalarType(load.DType);
            if (tailCount is not null)
            {
                EmitRepeatTailElements(input.GroupStride!.Value);
                il.Emit(OpCodes.Call, layout.Helpers.GetMethod("LoadFirst")!.MakeGenericMethod(type));
            }
            else
            {
                il.Emit(OpCodes.Call, layout.Helpers.GetMethod("Load")!.MakeGenericMethod(type));
            }
            il.Emit(OpCodes.Ldloc, controls[phase]);
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
            var offset = input.GroupStride!.Value * GroupOf(phase, lane) + input.InnerStride * ResidueOf(phase, lane);
            il.Emit(OpCodes.Ldc_I8, offset * size);
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Call, loadLane);
            EmitLaneStore(load.DType);
        }
    }

    /// <summary>Pushes the address of the first element of the group that holds position + laneOffset.</summary>
    private void EmitGroupAddress(RowInput input, int size, int laneOffset)
    {
        il.Emit(OpCodes.Ldloc, pointers[input.Pointer]);
        il.Emit(OpCodes.Ldloc, position);
        if (laneOffset != 0)
        {
            il.Emit(OpCodes.Ldc_I8, (long)laneOffset);
            il.Emit(OpCodes.Add);
        }
        EmitDivideByPeriod();
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
        EmitModuloPeriod();
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
        if (dimension == spec.InnerDimension) EmitModuloPeriod();
        else EmitDivideByPeriod();
    }

    /// <summary>Replaces the (non-negative) position on the stack by position / e: a shift for a power of two, else a
    /// division by a constant, which the JIT turns into a multiplication.</summary>
    private void EmitDivideByPeriod()
    {
        if (System.Numerics.BitOperations.IsPow2(spec.Period))
        {
            il.Emit(OpCodes.Ldc_I4, System.Numerics.BitOperations.Log2((uint)spec.Period));
            il.Emit(OpCodes.Shr);
            return;
        }
        il.Emit(OpCodes.Ldc_I8, (long)spec.Period);
        il.Emit(OpCodes.Div);
    }

    /// <summary>Replaces the (non-negative) position on the stack by position % e.</summary>
    private void EmitModuloPeriod()
    {
        if (System.Numerics.BitOperations.IsPow2(spec.Period))
        {
            il.Emit(OpCodes.Ldc_I8, (long)(spec.Period - 1));
            il.Emit(OpCodes.And);
            return;
        }
        il.Emit(OpCodes.Ldc_I8, (long)spec.Period);
        il.Emit(OpCodes.Rem);
    }

    /// <summary>The vector of an index node of the group dimension: lane j holds (position + laneOffset + j) / e, the
    /// group at the vector's start plus the phase's offset of lane j.</summary>
    private void EmitGroupIndex(int node, IndexNode index, int laneOffset)
    {
        var lane = LaneLayout.ScalarType(index.DType);
        EmitCoordinate(index.Dimension, laneOffset);
        if (index.DType == DType.Int32) il.Emit(OpCodes.Conv_I4);
        il.Emit(OpCodes.Call, VectorHelper("Broadcast", lane));
        il.Emit(OpCodes.Ldloc, groupOffsets[node][PhaseAt(laneOffset)]);
        il.Emit(OpCodes.Call, VectorHelper("Add", layout.VectorOf(lane), layout.VectorOf(lane)));
        il.Emit(OpCodes.Stloc, vectors[node]!);
    }
}
