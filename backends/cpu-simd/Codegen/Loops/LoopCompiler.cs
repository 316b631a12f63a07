using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Emit;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>Input k of a loop's program: read from slot <see cref="Slot"/> through <see cref="Map"/>.</summary>
internal sealed record LoopInput(int Slot, DType DType, IndexMap Map);

/// <summary>The value of program node <see cref="Node"/> stored to slot <see cref="Slot"/> at Strides . point.</summary>
internal sealed record LoopOutput(int Slot, int Node, long[] Strides);

/// <summary>
/// The innermost loop dimension is reduced: node <see cref="Node"/> is combined into the accumulator in slot
/// <see cref="ValueSlot"/> (and, for arg ops, the position into <see cref="IndexSlot"/>), at Strides . point.
/// </summary>
internal sealed record LoopFold(ReduceOp Op, int Node, int ValueSlot, int IndexSlot, long[] Strides);

/// <summary>Builds the loop nest of a kernel, emits its row function and pairs them in a <see cref="LoopRunner"/>.</summary>
internal static class LoopCompiler
{
    public static LoopRunner Compile(string name, int[] shape, IReadOnlyList<LoopInput> inputs, ScalarProgram program,
        IReadOnlyList<LoopOutput> outputs, LoopFold? fold, VectorWidth width)
    {
        var nest = Nest(shape, inputs, program, outputs, fold);
        var loopProgram = RemapIndexNodes(program, nest.DimensionMap);

        var rowInputs = inputs.Select((input, i) => new RowInput(i, input.DType, nest.InnerStride(i), nest.Operands[i].GroupStride)).ToArray();
        var rowOutputs = outputs.Select((output, r) => new RowOutput(inputs.Count + r, output.Node, nest.InnerStride(inputs.Count + r))).ToArray();
        var foldPointer = inputs.Count + outputs.Count;
        var rowFold = fold is null
            ? null
            : new RowFold(fold.Op, fold.Node, foldPointer, fold.IndexSlot >= 0 ? foldPointer + 1 : -1);
        var spec = new RowSpec(loopProgram, rowInputs, rowOutputs, rowFold, nest.Inner, nest.Period);
        var row = RowFunctionEmitter.Emit(spec, width, name, out var vectorized);
        // An accumulator that the points of several rows update (a reduction over an outer dimension) must not be
        // split by rows across cores: they would add into the same elements at once.
        var rowsShareOutputs = Enumerable.Range(inputs.Count, outputs.Count)
            .Any(i => Enumerable.Range(0, nest.Inner).Any(d => nest.Shape[d] > 1 && nest.Operands[i].Strides[d] == 0));
        return new LoopRunner(nest, row, rowFold, vectorized, rowsShareOutputs);
    }

    /// <summary>The loop nest <see cref="Compile"/> runs the kernel in, planned without emitting its row function (a
    /// caller deciding between code paths by the nest's shape need not compile one it will not use).</summary>
    public static LoopNest Nest(int[] shape, IReadOnlyList<LoopInput> inputs, ScalarProgram program, IReadOnlyList<LoopOutput> outputs,
        LoopFold? fold)
    {
        var operands = new List<LoopOperand>();
        operands.AddRange(inputs.Select(i => LoopOperand.Read(i.Slot, i.DType, i.Map)));
        operands.AddRange(outputs.Select(o => new LoopOperand(o.Slot, program.Nodes[o.Node].DType, 0, o.Strides)));
        if (fold is not null)
        {
            operands.Add(new LoopOperand(fold.ValueSlot, program.Nodes[fold.Node].DType, 0, fold.Strides));
            if (fold.IndexSlot >= 0) operands.Add(new LoopOperand(fold.IndexSlot, DType.Int32, 0, fold.Strides));
        }
        var indexed = program.Nodes.OfType<IndexNode>().Select(n => n.Dimension).ToHashSet();
        // Loops may be reordered when each point stores outputs of its own; an accumulator that several points
        // update (stride 0 along a reduced dimension) must keep its order.
        var ownOutputs = fold is null && outputs.All(o => o.Strides.Select((stride, d) => stride != 0 || shape[d] == 1).All(x => x));
        // Accumulators updated at each point (a reduction vectorized across its outputs) may still have a long kept
        // dimension moved innermost in place of short reduced rows.
        var accumulators = fold is null && !ownOutputs ? Enumerable.Range(inputs.Count, outputs.Count).ToArray() : null;
        var nest = LoopNest.Create(shape, operands, indexed, reorderable: ownOutputs, accumulators);
        return ownOutputs ? nest.WithTransposedInputsStaged(inputs.Count) : nest;
    }

    private static ScalarProgram RemapIndexNodes(ScalarProgram program, int[] dimensionMap)
    {
        if (!program.Nodes.OfType<IndexNode>().Any()) return program;
        var nodes = program.Nodes
            .Select(n => n is IndexNode index ? index with { Dimension = dimensionMap[index.Dimension] } : n)
            .ToArray();
        return program with { Nodes = nodes };
    }
}
