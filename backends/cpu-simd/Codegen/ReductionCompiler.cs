using System.Runtime.InteropServices;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using JaxNet.Backends.CpuSimd.Codegen.Loops;

namespace JaxNet.Backends.CpuSimd.Codegen;

/// <summary>
/// Compiles a <see cref="ReductionKernel"/> into an accumulate loop over the input index space (the prologue
/// fused) and, when needed, an epilogue loop over the output. Two strategies:
/// <list type="bullet">
/// <item>The innermost (non-unit) dimension is reduced: each row is folded in registers (vector partial
/// accumulators, see <see cref="RowFunctionEmitter"/>) and combined into its output's accumulator.</item>
/// <item>The innermost dimension is kept: the reduction becomes an elementwise loop
/// <c>acc[out] = op(acc[out], prologue(point))</c> over rows, vectorized across neighbouring outputs.</item>
/// </list>
/// Reduced rows shorter than a vector (<see cref="LoopNest.ShortRow"/>) beside a long kept dimension take the second
/// strategy too, with that kept dimension innermost: a softmax's row max over [4096, 10] is then ten passes of
/// vectors holding one output per lane, each reading a point of 16 rows with a stride, rather than 4096 row function
/// calls that each fold a partial vector and combine its lanes.
/// Accumulators live in the output buffer when no epilogue or arg op needs them elsewhere, else in scratch.
/// </summary>
internal static class ReductionCompiler
{
    public static CompiledReductionKernel Compile(ReductionKernel kernel) => Compile(kernel, VectorWidth.Bits512);

    internal static CompiledReductionKernel Compile(ReductionKernel kernel, VectorWidth width)
    {
        var layout = new ReductionSlots(kernel);
        var accType = kernel.AccumulatorDType;
        var isArg = kernel.Op.IsArg();
        var outputShape = kernel.OutputShape;
        var outputStrides = IndexMap.RowMajorStrides(outputShape);
        var accStrides = new long[kernel.InputShape.Length];
        for (int d = 0, k = 0; d < accStrides.Length; d++)
            accStrides[d] = kernel.Axes.Contains(d) ? 0 : outputStrides[k++];

        var builder = new ScalarProgramBuilder();
        foreach (var node in kernel.Prologue.Nodes) builder.Add(node);
        var value = builder.Convert(kernel.Prologue.Results[0], accType);
        var inputs = kernel.Inputs.Select((input, i) => new LoopInput(i, input.DType, input.Map)).ToList();

        // Rows fold along the loop nest's innermost dimension, which is the last one of extent > 1 unless index nodes
        // or padded/reshaped operands keep a trailing 1-sized dimension. An arg op takes its positions from the row, so
        // it folds rows only when that innermost dimension is its axis.
        var indexed = kernel.Prologue.Nodes.OfType<IndexNode>().Select(n => n.Dimension).ToHashSet();
        var complex = kernel.Inputs.Any(i => i.Map.ReshapeTo is not null || i.Map.IsPadded);
        var shape = kernel.InputShape;
        var innermost = complex ? shape.Length - 1 : Enumerable.Range(0, shape.Length).LastOrDefault(d => shape[d] != 1 || indexed.Contains(d), -1);
        var lastEffective = Array.FindLastIndex(shape, extent => extent != 1);
        var foldsRows = isArg ? innermost < 0 || kernel.Axes.Contains(innermost) : lastEffective < 0 || kernel.Axes.Contains(lastEffective);
        if (foldsRows && !complex && ShortRowsRunAcrossOutputs(kernel, inputs, accStrides, indexed)) foldsRows = false;
        LoopRunner accumulate;
        if (foldsRows)
        {
            var fold = new LoopFold(kernel.Op, value, layout.AccValue, isArg ? layout.AccIndex : -1, accStrides);
            accumulate = LoopCompiler.Compile(kernel.Name, kernel.InputShape, inputs, builder.Build(), [], fold, width);
        }
        else
        {
            var outputs = new List<LoopOutput>();
            var accMap = new IndexMap(0, accStrides);
            inputs.Add(new LoopInput(layout.AccValue, accType, accMap));
            var acc = builder.Load(inputs.Count - 1, accType);
            if (isArg)
            {
                inputs.Add(new LoopInput(layout.AccIndex, DType.Int32, accMap));
                var index = builder.Load(inputs.Count - 1, DType.Int32);
                var better = builder.Binary(kernel.Op == ReduceOp.ArgMax ? BinaryOp.Gt : BinaryOp.Lt, value, acc);
                var firstNaN = builder.Binary(BinaryOp.And,
                    builder.Binary(BinaryOp.Ne, value, value), builder.Binary(BinaryOp.Eq, acc, acc));
                var takes = builder.Binary(BinaryOp.Or, better, firstNaN);
                outputs.Add(new LoopOutput(layout.AccValue, builder.Select(takes, value, acc), accStrides));
                var position = builder.Index(kernel.Axes[0], DType.Int32);
                outputs.Add(new LoopOutput(layout.AccIndex, builder.Select(takes, position, index), accStrides));
            }
            else
            {
                var combine = Enum.Parse<BinaryOp>(ReduceIdentity.CombineOpName(kernel.Op));
                outputs.Add(new LoopOutput(layout.AccValue, builder.Binary(combine, acc, value), accStrides));
            }
            accumulate = LoopCompiler.Compile(kernel.Name, kernel.InputShape, inputs, builder.Build(), outputs, null, width);
        }

        LoopRunner? epilogue = null;
        if (kernel.Epilogue is { } fused)
        {
            var reduced = new LoopInput(isArg ? layout.AccIndex : layout.AccValue, isArg ? DType.Int32 : accType,
                IndexMap.Identity(outputShape));
            var epilogueInputs = fused.Inputs
                .Select((input, k) => new LoopInput(layout.EpilogueInput(k), input.DType, input.Map))
                .Prepend(reduced)
                .ToArray();
            var output = new LoopOutput(layout.Output, fused.Program.Results[0], outputStrides);
            epilogue = LoopCompiler.Compile(kernel.Name + "_epilogue", outputShape, epilogueInputs, fused.Program, [output], null, width);
        }
        return new CompiledReductionKernel(kernel, layout, accumulate, epilogue);
    }

    /// <summary>Whether the loop that accumulates per point would walk a long kept dimension innermost in place of the
    /// short reduced rows (the nest <see cref="LoopCompiler"/> plans for it, with one accumulator standing for the
    /// value and index accumulators, which share their strides).</summary>
    private static bool ShortRowsRunAcrossOutputs(ReductionKernel kernel, IEnumerable<LoopInput> inputs, long[] accStrides,
        IReadOnlySet<int> indexed)
    {
        var operands = inputs.Select(i => LoopOperand.Read(i.Slot, i.DType, i.Map))
            .Append(new LoopOperand(-1, kernel.AccumulatorDType, 0, accStrides))
            .ToArray();
        var indexedDimensions = kernel.Op.IsArg() ? indexed.Append(kernel.Axes[0]).ToHashSet() : indexed;
        return LoopNest.Create(kernel.InputShape, operands, indexedDimensions, accumulators: [operands.Length - 1]).Interchanged;
    }
}

/// <summary>
/// Slot numbers of a reduction's addresses: its inputs, the accumulator values, the arg positions, the
/// output, then the epilogue's extra inputs.
/// </summary>
internal sealed class ReductionSlots(ReductionKernel kernel)
{
    public int AccValue => kernel.Inputs.Count;

    public int AccIndex => kernel.Inputs.Count + 1;

    public int Output => kernel.Inputs.Count + 2;

    public int Count => kernel.Inputs.Count + 3 + (kernel.Epilogue?.Inputs.Count ?? 0);

    public int EpilogueInput(int k) => kernel.Inputs.Count + 3 + k;
}

/// <summary>
/// A compiled reduction. Each run fills the accumulators with the op's identity (so empty reductions give
/// it), accumulates, then runs the epilogue.
/// </summary>
internal sealed unsafe class CompiledReductionKernel(
    ReductionKernel kernel, ReductionSlots slots, LoopRunner accumulate, LoopRunner? epilogue) : ICpuKernel
{
    private readonly bool isArg = kernel.Op.IsArg();
    private readonly ulong identityBits = ElementBits.Of(ReduceIdentity.Of(kernel.Op, kernel.AccumulatorDType));
    private readonly long outputCount = kernel.OutputShape.Aggregate(1L, (p, s) => p * s);

    /// <summary>Whether the accumulate loop runs vector code.</summary>
    public bool Vectorized => accumulate.Vectorized;

    /// <summary>Whether the accumulate loop folds rows in its row function (else it updates an accumulator per point).</summary>
    public bool FoldsRows => accumulate.Folds;

    /// <summary>The accumulate loop's nest (tests check which loops a reduction runs).</summary>
    public LoopNest AccumulateNest => accumulate.Nest;

    /// <summary>How the accumulate loop differs from folding rows in place, for the kernel's description ("" when it does not).</summary>
    public string LoopNote => FoldsRows ? ""
        : accumulate.Nest.Interchanged ? ", an accumulator per point, a long kept dimension moved innermost"
        : ", an accumulator per point";

    public void Run(BufferTable buffers)
    {
        if (outputCount == 0) return;
        Span<nint> addresses = stackalloc nint[slots.Count];
        for (var i = 0; i < kernel.Inputs.Count; i++) addresses[i] = buffers[kernel.Inputs[i].Buffer];
        for (var k = 0; k < (kernel.Epilogue?.Inputs.Count ?? 0); k++) addresses[slots.EpilogueInput(k)] = buffers[kernel.Epilogue!.Inputs[k].Buffer];
        var output = buffers[kernel.Output];
        addresses[slots.Output] = output;

        var accSize = kernel.AccumulatorDType.SizeOf();
        nint valueScratch = 0, indexScratch = 0;
        try
        {
            // Accumulate straight into the output when nothing is left to do after the reduction.
            if (epilogue is null && !isArg)
            {
                addresses[slots.AccValue] = output;
            }
            else
            {
                valueScratch = Allocate(outputCount * accSize);
                addresses[slots.AccValue] = valueScratch;
                if (isArg) addresses[slots.AccIndex] = indexScratch = epilogue is null ? output : Allocate(outputCount * 4);
            }
            ElementRuns.Fill(addresses[slots.AccValue], outputCount, accSize, identityBits);
            if (isArg) ElementRuns.Fill(addresses[slots.AccIndex], outputCount, 4, 0);
            accumulate.Run(addresses);
            epilogue?.Run(addresses);
        }
        finally
        {
            if (valueScratch != 0) NativeMemory.AlignedFree((void*)valueScratch);
            if (indexScratch != 0 && indexScratch != output) NativeMemory.AlignedFree((void*)indexScratch);
        }
    }

    private static nint Allocate(long bytes) => (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 64), 64);
}
