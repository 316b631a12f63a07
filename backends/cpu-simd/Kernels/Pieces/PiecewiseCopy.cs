using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Loops;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels.Pieces;

/// <summary>
/// An elementwise kernel whose one result only chooses, by the point's coordinates, between inputs (padded or not)
/// and constants: concatenate, pad, stack and the copies that materialise them. Each output row is written
/// stretch by stretch, straight from the inputs, as NumPy does: a block copy for each input's valid stretch and a
/// fill for each run of padding or constant. The generated row code would first gather every padded input's row into
/// scratch and then select between the rows element by element, four times the memory traffic.
/// </summary>
internal sealed unsafe class PiecewiseCopy : ICpuKernel
{
    private readonly ElementwiseKernel kernel;
    private readonly PieceLayout layout;
    private readonly int size;
    private readonly long outerPoints;

    private PiecewiseCopy(ElementwiseKernel kernel, PieceLayout layout)
    {
        this.kernel = kernel;
        this.layout = layout;
        size = kernel.Program.ResultType(0).SizeOf();
        outerPoints = layout.OuterShape.Aggregate(1L, (a, b) => a * b);
        InputsRead = PieceTree.Inputs(layout.Tree).Count();
    }

    /// <summary>How many inputs the copy reads (for the kernel's description).</summary>
    public int InputsRead { get; }

    /// <summary>The rows it writes (tests check how dimensions were merged).</summary>
    public PieceLayout Layout => layout;

    /// <summary>The copy of <paramref name="kernel"/>, or null when its result is not a piecewise copy (it computes,
    /// has several results, or reads a reshaped input) or is one the generated code does as well: a plain strided
    /// copy or a constant fill, which run with vectors on every core.</summary>
    public static PiecewiseCopy? TryCreate(ElementwiseKernel kernel)
    {
        if (kernel.Program.Results.Count != 1 || kernel.Outputs.Count != 1) return null;
        if (PieceTree.Parse(kernel.Program, kernel.Program.Results[0]) is not { } tree) return null;
        if (PieceTree.Inputs(tree).Any(i => kernel.Inputs[i].Map.ReshapeTo is not null)) return null;
        if (tree is FillPiece || tree is InputPiece input && !kernel.Inputs[input.Input].Map.IsPadded) return null;
        return new PiecewiseCopy(kernel, PieceLayout.Create(kernel.Shape, kernel.Inputs, tree));
    }

    public void Run(BufferTable buffers)
    {
        var total = outerPoints * layout.RowLength;
        if (total == 0) return;
        var inputs = new nint[kernel.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = buffers[kernel.Inputs[i].Buffer];
        var output = buffers[kernel.Outputs[0]];
        if (Environment.ProcessorCount == 1 || total < LoopRunner.ParallelElements)
        {
            RunPart(inputs, output, 0, outerPoints, 0, layout.RowLength);
            return;
        }
        // As the generated loops split: by rows when there are enough, else by ranges of the row cut at multiples
        // of 64 elements (no two cores write one cache line). A few parts per core even out a busy core.
        var parts = 4 * Environment.ProcessorCount;
        if (outerPoints >= parts)
        {
            CpuParallel.For(parts, p => RunPart(inputs, output, outerPoints * p / parts, outerPoints * (p + 1) / parts, 0, layout.RowLength));
            return;
        }
        const long alignment = 64;
        var blocks = (layout.RowLength + alignment - 1) / alignment;
        parts = (int)Math.Min(parts, blocks);
        CpuParallel.For(parts, p => RunPart(inputs, output, 0, outerPoints,
            Math.Min(layout.RowLength, blocks * p / parts * alignment), Math.Min(layout.RowLength, blocks * (p + 1) / parts * alignment)));
    }

    /// <summary>Writes positions [from, to) of the rows of outer points [outerFirst, outerLast).</summary>
    private void RunPart(nint[] inputs, nint output, long outerFirst, long outerLast, long from, long to)
    {
        var shape = layout.OuterShape;
        Span<long> coords = stackalloc long[shape.Length];
        var rest = outerFirst;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            coords[d] = rest % shape[d];
            rest /= shape[d];
        }
        for (var outer = outerFirst; outer < outerLast; outer++)
        {
            Write(layout.Tree, inputs, coords, output + (nint)(outer * layout.RowLength * size), from, to);
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++coords[d] < shape[d]) break;
                coords[d] = 0;
            }
        }
    }

    /// <summary>Writes positions [from, to) of one row, whose outer point is <paramref name="coords"/>, as the tree says.</summary>
    private void Write(Piece piece, nint[] inputs, ReadOnlySpan<long> coords, nint row, long from, long to)
    {
        if (from >= to) return;
        switch (piece)
        {
            case ChoicePiece choice when choice.Dimension < coords.Length:
                var inside = choice.Lo <= coords[choice.Dimension] && coords[choice.Dimension] < choice.Hi;
                Write(inside ? choice.Inside : choice.Outside, inputs, coords, row, from, to);
                break;
            case ChoicePiece choice:
                var lo = Math.Clamp(choice.Lo, from, to);
                var hi = Math.Clamp(choice.Hi, lo, to);
                Write(choice.Outside, inputs, coords, row, from, lo);
                Write(choice.Inside, inputs, coords, row, lo, hi);
                Write(choice.Outside, inputs, coords, row, hi, to);
                break;
            case FillPiece fill:
                ElementRuns.Fill(row + (nint)(from * size), to - from, size, fill.Bits);
                break;
            case InputPiece input:
                WriteInput(layout.Sources[input.Input]!, inputs[input.Input], coords, row, from, to);
                break;
        }
    }

    /// <summary>An input's stretch of a row: its pad value, its valid stretch copied, its pad value again.</summary>
    private void WriteInput(RowSource source, nint input, ReadOnlySpan<long> coords, nint row, long from, long to)
    {
        var offset = source.Offset;
        for (var d = 0; d < coords.Length; d++)
        {
            if (coords[d] < source.OuterLo[d] || coords[d] >= source.OuterHi[d])
            {
                ElementRuns.Fill(row + (nint)(from * size), to - from, size, source.PadBits);
                return;
            }
            offset += source.OuterStrides[d] * coords[d];
        }
        var lo = Math.Clamp(source.RowLo, from, to);
        var hi = Math.Clamp(source.RowHi, lo, to);
        ElementRuns.Fill(row + (nint)(from * size), lo - from, size, source.PadBits);
        ElementRuns.Copy(input + (nint)((offset + lo * source.RowStride) * size), source.RowStride, row + (nint)(lo * size), hi - lo, size);
        ElementRuns.Fill(row + (nint)(hi * size), to - hi, size, source.PadBits);
    }
}
