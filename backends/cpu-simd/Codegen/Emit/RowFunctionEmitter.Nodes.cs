using System.Reflection;
using System.Reflection.Emit;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

/// <summary>How each kind of scalar node becomes IL, in scalar and in vector form.</summary>
internal sealed partial class RowFunctionEmitter
{
    /// <summary>The helper names of an op node: (vector helper, scalar helper); null when the node is not an op.</summary>
    private (string Vector, string Scalar)? OpNames(ScalarNode node) => node switch
    {
        UnaryNode u => (MaskName(u.Op.ToString(), nodes[u.X].DType), u.Op.ToString()),
        // f16/bf16 compute in f32 lanes, but the next representable value is the storage type's.
        BinaryNode { Op: BinaryOp.NextAfter } b when nodes[b.A].DType is DType.Float16 or DType.BFloat16 =>
            ("NextAfter" + nodes[b.A].DType, "NextAfter" + nodes[b.A].DType),
        BinaryNode b => (MaskName(b.Op.ToString(), nodes[b.A].DType), b.Op.ToString()),
        ConvertNode c => (nodes[c.X].DType == DType.Bool ? "MaskTo" + c.DType : "To" + c.DType, "To" + c.DType),
        // f16/bf16 are held as float32, so a bitcast from one to a 16-bit integer must name which it is.
        BitcastNode c when nodes[c.X].DType is DType.Float16 or DType.BFloat16 && c.DType is DType.Int16 or DType.UInt16 =>
            ("BitcastTo" + c.DType + "From" + nodes[c.X].DType, "BitcastTo" + c.DType + "From" + nodes[c.X].DType),
        BitcastNode c => ("BitcastTo" + c.DType, "BitcastTo" + c.DType),
        _ => null,
    };

    private static string MaskName(string op, DType operand) => operand == DType.Bool ? "Mask" + op : op;

    private bool IsIdentity(ScalarNode node, out int source)
    {
        source = -1;
        if (node is ConvertNode c && nodes[c.X].DType == c.DType) source = c.X;
        if (node is BitcastNode b && nodes[b.X].DType == b.DType) source = b.X;
        return source >= 0;
    }

    private void EmitScalarNode(int i)
    {
        var node = nodes[i];
        switch (node)
        {
            case LoadNode load:
                var input = spec.Inputs[load.Input];
                if (input.GroupStride is not null) EmitPeriodicAddress(input, load.DType.SizeOf());
                else EmitAddress(input.Pointer, input.InnerStride * load.DType.SizeOf(), 0);
                il.Emit(OpCodes.Call, ScalarHelper("Load" + load.DType, [typeof(nint)], node.DType));
                break;
            case ConstNode constant:
                EmitConstant(constant);
                break;
            case IndexNode index:
                EmitCoordinate(index.Dimension, 0);
                if (index.DType == DType.Int32) il.Emit(OpCodes.Conv_I4);
                break;
            case SelectNode select:
                EmitScalarCall("Select", [select.Predicate, select.OnTrue, select.OnFalse], node.DType);
                break;
            case var _ when IsIdentity(node, out var source):
                il.Emit(OpCodes.Ldloc, scalars[source]!);
                break;
            default:
                var names = OpNames(node) ?? throw Unsupported(node.GetType().Name);
                EmitScalarCall(names.Scalar, node.Operands().ToArray(), node.DType);
                break;
        }
        il.Emit(OpCodes.Stloc, scalars[i]!);
    }

    private void EmitScalarCall(string name, int[] operands, DType result)
    {
        foreach (var operand in operands) il.Emit(OpCodes.Ldloc, scalars[operand]!);
        il.Emit(OpCodes.Call, ScalarHelper(name, operands.Select(o => LaneLayout.ScalarType(nodes[o].DType)).ToArray(), result));
    }

    private MethodInfo ScalarHelper(string name, Type[] arguments, DType result)
    {
        var helper = HelperResolver.Find(typeof(ScalarMath), name, arguments);
        if (helper is null || helper.ReturnType != LaneLayout.ScalarType(result) && helper.ReturnType != typeof(void))
            throw Unsupported($"{name}({string.Join(", ", arguments.Select(a => a.Name))}) -> {result.ShortName()}");
        return helper;
    }

    private void EmitConstant(ConstNode constant)
    {
        switch (constant.DType)
        {
            case DType.Float32: il.Emit(OpCodes.Ldc_R4, (float)constant.Value); break;
            case DType.Float16: il.Emit(OpCodes.Ldc_R4, (float)(Half)constant.Value); break;
            case DType.BFloat16: il.Emit(OpCodes.Ldc_R4, HalfPrecision.RoundToBFloat16((float)constant.Value)); break;
            case DType.Float64: il.Emit(OpCodes.Ldc_R8, constant.Value); break;
            case DType.Int64 or DType.UInt64: il.Emit(OpCodes.Ldc_I8, constant.Bits); break;
            case DType.Bool: il.Emit(OpCodes.Ldc_I4, constant.Bits != 0 ? 1 : 0); break;
            default: il.Emit(OpCodes.Ldc_I4, unchecked((int)ElementBits.Of(constant))); break;
        }
    }

    private void EmitScalarStore(RowOutput output)
    {
        var dtype = nodes[output.Node].DType;
        EmitAddress(output.Pointer, output.InnerStride * dtype.SizeOf(), 0);
        il.Emit(OpCodes.Ldloc, scalars[output.Node]!);
        il.Emit(OpCodes.Call, ScalarHelper("Store" + dtype, [typeof(nint), LaneLayout.ScalarType(dtype)], dtype));
    }

    // ---- vector form ----

    private void EmitBroadcast(int i)
    {
        var dtype = nodes[i].DType;
        il.Emit(OpCodes.Ldloc, scalars[i]!);
        il.Emit(OpCodes.Call, dtype == DType.Bool
            ? VectorHelper(layout.LaneBytes == 8 ? "MaskW8" : "MaskW4", typeof(bool))
            : VectorHelper("Broadcast", LaneLayout.ScalarType(dtype)));
        il.Emit(OpCodes.Stloc, vectors[i]!);
    }

    private MethodInfo VectorHelper(string name, params Type[] arguments) =>
        layout.FindHelper(name, arguments) ?? throw Unsupported($"{layout.Helpers.Name}.{name}");

    private void EmitVectorNode(int i, int laneOffset)
    {
        var node = nodes[i];
        switch (node)
        {
            case LoadNode load when spec.Inputs[load.Input].GroupStride is not null:
                EmitRepeatLoad(i, load, laneOffset);
                break;
            case LoadNode load:
                EmitVectorLoad(load, laneOffset);
                il.Emit(OpCodes.Stloc, vectors[i]!);
                break;
            case IndexNode index when spec.Period > 1:
                EmitGroupIndex(i, index, laneOffset);
                break;
            case IndexNode index:
                EmitCoordinate(index.Dimension, laneOffset);
                il.Emit(OpCodes.Call, VectorHelper("Index" + index.DType, typeof(long)));
                il.Emit(OpCodes.Stloc, vectors[i]!);
                break;
            case SelectNode select:
                il.Emit(OpCodes.Ldloc, vectors[select.Predicate]!);
                il.Emit(OpCodes.Ldloc, vectors[select.OnTrue]!);
                il.Emit(OpCodes.Ldloc, vectors[select.OnFalse]!);
                var definition = layout.Helpers.GetMethod("Select")!;
                il.Emit(OpCodes.Call, definition.MakeGenericMethod(layout.LaneType(node.DType), layout.LaneType(DType.Bool)));
                il.Emit(OpCodes.Stloc, vectors[i]!);
                break;
            case var _ when IsIdentity(node, out var source):
                il.Emit(OpCodes.Ldloc, vectors[source]!);
                il.Emit(OpCodes.Stloc, vectors[i]!);
                break;
            default:
                var names = OpNames(node) ?? throw Unsupported(node.GetType().Name);
                var operands = node.Operands().ToArray();
                EmitVectorOp(names.Vector, names.Scalar, operands.Select(o => vectors[o]!).ToArray(),
                    operands.Select(o => nodes[o].DType).ToArray(), vectors[i]!, node.DType);
                break;
        }
    }

    private void EmitVectorLoad(LoadNode load, int laneOffset)
    {
        var input = spec.Inputs[load.Input];
        var strideBytes = input.InnerStride * load.DType.SizeOf();
        EmitAddress(input.Pointer, strideBytes, laneOffset);
        if (PermutedStride(input, load.DType) is var k and > 0)
        {
            EmitPermutedStridedLoad(k, load.DType);
            return;
        }
        var contiguous = input.InnerStride == 1;
        if (!contiguous)
        {
            il.Emit(OpCodes.Ldc_I8, strideBytes);
            il.Emit(OpCodes.Conv_I);
        }
        var suffix = load.DType switch
        {
            DType.Bool => layout.LaneBytes == 8 ? "BoolW8" : "BoolW4",
            DType.Float16 or DType.BFloat16 => load.DType.ToString(),
            _ => "",
        };
        if (tailCount is not null)
        {
            il.Emit(OpCodes.Ldloc, tailCount);
            il.Emit(OpCodes.Call, layout.Helpers.GetMethod(contiguous ? "LoadFirst" : "GatherFirst")!
                .MakeGenericMethod(LaneLayout.ScalarType(load.DType)));
            return;
        }
        var arguments = contiguous ? new[] { typeof(nint) } : [typeof(nint), typeof(nint)];
        var name = (contiguous ? "Load" : "Gather") + suffix;
        il.Emit(OpCodes.Call, suffix.Length > 0
            ? VectorHelper(name, arguments)
            : layout.Helpers.GetMethod(name)!.MakeGenericMethod(LaneLayout.ScalarType(load.DType)));
    }

    private void EmitVectorStore(RowOutput output, int laneOffset)
    {
        var dtype = nodes[output.Node].DType;
        var strideBytes = output.InnerStride * dtype.SizeOf();
        EmitAddress(output.Pointer, strideBytes, laneOffset);
        var contiguous = output.InnerStride == 1;
        if (!contiguous)
        {
            il.Emit(OpCodes.Ldc_I8, strideBytes);
            il.Emit(OpCodes.Conv_I);
        }
        il.Emit(OpCodes.Ldloc, vectors[output.Node]!);
        if (tailCount is not null)
        {
            // StoresTailAsVector admits plain lanes only.
            il.Emit(OpCodes.Ldloc, tailCount);
            il.Emit(OpCodes.Call, layout.Helpers.GetMethod(contiguous ? "StoreFirst" : "ScatterFirst")!
                .MakeGenericMethod(LaneLayout.ScalarType(dtype)));
            return;
        }
        var vectorType = layout.VectorType(dtype);
        var name = contiguous ? "Store" : "Scatter";
        Type[] arguments = contiguous ? [typeof(nint), vectorType] : [typeof(nint), typeof(nint), vectorType];
        il.Emit(OpCodes.Call, dtype switch
        {
            DType.Bool => VectorHelper(name + "Bool", arguments),
            DType.Float16 or DType.BFloat16 => VectorHelper(name + dtype, arguments),
            _ => layout.Helpers.GetMethod(name)!.MakeGenericMethod(LaneLayout.ScalarType(dtype)),
        });
    }

    /// <summary>result = op(operands) with a vector helper, or lane by lane with the scalar helper.</summary>
    private void EmitVectorOp(string vectorName, string scalarName, LocalBuilder[] operands, DType[] operandTypes,
        LocalBuilder result, DType resultType)
    {
        var helper = layout.FindHelper(vectorName, operandTypes.Select(layout.VectorType).ToArray());
        if (helper is null)
        {
            EmitPerLane(scalarName, operands, operandTypes, result, resultType);
            return;
        }
        foreach (var operand in operands) il.Emit(OpCodes.Ldloc, operand);
        il.Emit(OpCodes.Call, helper);
        var expected = layout.VectorType(resultType);
        if (helper.ReturnType != expected)
        {
            // Comparisons give masks of their operand's lane type; Bool wants the unsigned mask type.
            var from = helper.ReturnType.GetGenericArguments()[0];
            il.Emit(OpCodes.Call, layout.Helpers.GetMethod("Reinterpret")!.MakeGenericMethod(from, layout.LaneType(resultType)));
        }
        il.Emit(OpCodes.Stloc, result);
    }

    private void EmitPerLane(string scalarName, LocalBuilder[] operands, DType[] operandTypes, LocalBuilder result, DType resultType)
    {
        var helper = ScalarHelper(scalarName, operandTypes.Select(LaneLayout.ScalarType).ToArray(), resultType);
        for (var lane = 0; lane < layout.Lanes; lane++)
        {
            il.Emit(OpCodes.Ldloca, result);
            il.Emit(OpCodes.Ldc_I4, lane * layout.LaneBytes);
            il.Emit(OpCodes.Add);
            for (var k = 0; k < operands.Length; k++) EmitLaneLoad(operands[k], lane, operandTypes[k]);
            il.Emit(OpCodes.Call, helper);
            EmitLaneStore(resultType);
        }
    }

    /// <summary>Pushes one lane of a vector local as the scalar helper's argument (a Bool mask lane as bool).</summary>
    private void EmitLaneLoad(LocalBuilder vector, int lane, DType dtype)
    {
        il.Emit(OpCodes.Ldloca, vector);
        il.Emit(OpCodes.Ldc_I4, lane * layout.LaneBytes);
        il.Emit(OpCodes.Add);
        var laneType = layout.LaneType(dtype);
        if (laneType == typeof(float)) il.Emit(OpCodes.Ldind_R4);
        else if (laneType == typeof(double)) il.Emit(OpCodes.Ldind_R8);
        else if (laneType == typeof(int)) il.Emit(OpCodes.Ldind_I4);
        else if (laneType == typeof(uint)) il.Emit(OpCodes.Ldind_U4);
        else il.Emit(OpCodes.Ldind_I8);
        if (dtype != DType.Bool) return;
        il.Emit(OpCodes.Ldc_I4_0);
        if (layout.LaneBytes == 8) il.Emit(OpCodes.Conv_I8);
        il.Emit(OpCodes.Cgt_Un);
    }

    /// <summary>Stores the scalar on the stack into the lane whose address is below it (a bool as a mask).</summary>
    private void EmitLaneStore(DType dtype)
    {
        if (dtype == DType.Bool)
        {
            il.Emit(OpCodes.Neg);
            if (layout.LaneBytes == 8) il.Emit(OpCodes.Conv_I8);
        }
        var laneType = layout.LaneType(dtype);
        if (laneType == typeof(float)) il.Emit(OpCodes.Stind_R4);
        else if (laneType == typeof(double)) il.Emit(OpCodes.Stind_R8);
        else if (layout.LaneBytes == 8) il.Emit(OpCodes.Stind_I8);
        else il.Emit(OpCodes.Stind_I4);
    }

    /// <summary>Whether some live vector node has no vector helper (then unrolling only multiplies per-lane code).</summary>
    private bool UsesLaneFallback()
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!live[i] || invariant[i] || OpNames(nodes[i]) is not { } names || IsIdentity(nodes[i], out _)) continue;
            var arguments = nodes[i].Operands().Select(o => layout.VectorType(nodes[o].DType)).ToArray();
            if (layout.FindHelper(names.Vector, arguments) is null) return true;
        }
        return false;
    }
}
