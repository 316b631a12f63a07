using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Loops;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels.Pieces;

/// <summary>
/// An elementwise kernel whose one result only chooses, by the point's coordinates, between inputs (padded or not)
/// and constants: concatenate, pad, stack and the copies that materialise them. Output rows are written in blocks of
/// consecutive rows, stretch by stretch, straight from the inputs, as NumPy does: each input's valid rectangle is
/// copied (<see cref="Rectangles"/>: block copies per row, tiles for a transposed input, columns for one position of
/// a short row) and each run of padding or constant filled. The generated row code would first gather every padded
/// input's row into scratch and then select between the rows element by element, four times the memory traffic.
/// </summary>
internal sealed unsafe class PiecewiseCopy : ICpuKernel
{
    private const long BlockBytes = 32 << 10;

    private readonly ElementwiseKernel kernel;
    private readonly PieceLayout layout;
    private readonly int size;
    private readonly long outerPoints;
    private readonly long blockRows;
    private readonly bool streaming;

    private PiecewiseCopy(ElementwiseKernel kernel, PieceLayout layout)
    {
        this.kernel = kernel;
        this.layout = layout;
        size = kernel.Program.ResultType(0).SizeOf();
        outerPoints = layout.OuterShape.Aggregate(1L, (a, b) => a * b);
        // Blocks of rows small enough to stay in the first-level cache; at least 32 rows when an input is read across
        // the rows (transposed), so that it is moved in whole tiles and reads whole cache lines. Inputs read along
        // the rows need no minimum: a block of one long row writes the output in order, one stream, where 32 rows
        // would be written piece by piece, a stream per row.
        var across = layout.Sources.Any(source => source is not null && source.RowStride != 1);
        blockRows = Math.Max(across ? 32 : 1, BlockBytes / Math.Max(1, layout.RowLength * size));
        streaming = StreamingCopy.Available && outerPoints * layout.RowLength * size >= StreamingCopy.OutputBytes;
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

    /// <summary>Whether the block copies store around the caches (<see cref="StreamingCopy"/>: outputs from
    /// <see cref="StreamingCopy.OutputBytes"/> on).</summary>
    public bool Streams => streaming;

    /// <summary>Writes positions [from, to) of the rows of outer points [outerFirst, outerLast), in blocks of
    /// consecutive points along the last outer dimension.</summary>
    private void RunPart(nint[] inputs, nint output, long outerFirst, long outerLast, long from, long to)
    {
        WriteRange(inputs, output, outerFirst, outerLast, from, to);
        if (streaming) StreamingCopy.Fence();
    }

    private void WriteRange(nint[] inputs, nint output, long outerFirst, long outerLast, long from, long to)
    {
        var shape = layout.OuterShape;
        var last = shape.Length - 1;
        Span<long> coords = stackalloc long[shape.Length];
        var rest = outerFirst;
        for (var d = last; d >= 0; d--)
        {
            coords[d] = rest % shape[d];
            rest /= shape[d];
        }
        for (var outer = outerFirst; outer < outerLast;)
        {
            var rows = last < 0 ? 1 : Math.Min(Math.Min(blockRows, outerLast - outer), shape[last] - coords[last]);
            Write(layout.Tree, inputs, coords, rows, output + (nint)(outer * layout.RowLength * size), from, to);
            outer += rows;
            if (last < 0) continue;
            coords[last] += rows;
            for (var d = last; d > 0 && coords[d] == shape[d]; d--)
            {
                coords[d] = 0;
                coords[d - 1]++;
            }
        }
    }

    /// <summary>Writes positions [from, to) of <paramref name="rows"/> consecutive rows (along the last outer
    /// dimension, the first at outer point <paramref name="coords"/> and address <paramref name="start"/>) as the
    /// tree says.</summary>
    private void Write(Piece piece, nint[] inputs, Span<long> coords, long rows, nint start, long from, long to)
    {
        if (from >= to || rows <= 0) return;
        var last = coords.Length - 1;
        switch (piece)
        {
            case ChoicePiece choice when choice.Dimension < last:
                var inside = choice.Lo <= coords[choice.Dimension] && coords[choice.Dimension] < choice.Hi;
                Write(inside ? choice.Inside : choice.Outside, inputs, coords, rows, start, from, to);
                break;
            case ChoicePiece choice when choice.Dimension == last:
                var first = coords[last];
                var lo = Math.Clamp(choice.Lo, first, first + rows);
                var hi = Math.Clamp(choice.Hi, lo, first + rows);
                WriteRows(choice.Outside, inputs, coords, first, lo, start, from, to);
                WriteRows(choice.Inside, inputs, coords, lo, hi, start, from, to);
                WriteRows(choice.Outside, inputs, coords, hi, first + rows, start, from, to);
                break;
            case ChoicePiece choice:
                var rowLo = Math.Clamp(choice.Lo, from, to);
                var rowHi = Math.Clamp(choice.Hi, rowLo, to);
                Write(choice.Outside, inputs, coords, rows, start, from, rowLo);
                Write(choice.Inside, inputs, coords, rows, start, rowLo, rowHi);
                Write(choice.Outside, inputs, coords, rows, start, rowHi, to);
                break;
            case FillPiece fill:
                Rectangles.Fill(start + (nint)(from * size), layout.RowLength, rows, to - from, size, fill.Bits);
                break;
            case InputPiece input:
                WriteInput(layout.Sources[input.Input]!, inputs[input.Input], coords, rows, start, from, to);
                break;
        }
    }

    /// <summary>The rows of a block whose last outer coordinate lies in [lo, hi); the block starts at <c>coords[last]</c>.</summary>
    private void WriteRows(Piece piece, nint[] inputs, Span<long> coords, long lo, long hi, nint start, long from, long to)
    {
        if (lo >= hi) return;
        var last = coords.Length - 1;
        var first = coords[last];
        coords[last] = lo;
        Write(piece, inputs, coords, hi - lo, start + (nint)((lo - first) * layout.RowLength * size), from, to);
        coords[last] = first;
    }

    /// <summary>An input's stretch of a block of rows: its pad value around its valid rectangle, which is copied.</summary>
    private void WriteInput(RowSource source, nint input, ReadOnlySpan<long> coords, long rows, nint start, long from, long to)
    {
        var last = coords.Length - 1;
        var offset = source.Offset;
        for (var d = 0; d < last; d++)
        {
            if (coords[d] < source.OuterLo[d] || coords[d] >= source.OuterHi[d])
            {
                Rectangles.Fill(start + (nint)(from * size), layout.RowLength, rows, to - from, size, source.PadBits);
                return;
            }
            offset += source.OuterStrides[d] * coords[d];
        }
        long first = 0, validFirst = 0, validEnd = rows, rowStride = 0;
        if (last >= 0)
        {
            first = coords[last];
            validFirst = Math.Clamp(source.OuterLo[last], first, first + rows) - first;
            validEnd = Math.Clamp(source.OuterHi[last], first + validFirst, first + rows) - first;
            rowStride = source.OuterStrides[last];
            offset += rowStride * (first + validFirst);
        }
        var rowBytes = layout.RowLength * size;
        Rectangles.Fill(start + (nint)(from * size), layout.RowLength, validFirst, to - from, size, source.PadBits);
        Rectangles.Fill(start + (nint)(validEnd * rowBytes + from * size), layout.RowLength, rows - validEnd, to - from, size, source.PadBits);
        var valid = start + (nint)(validFirst * rowBytes);
        var validRows = validEnd - validFirst;
        var lo = Math.Clamp(source.RowLo, from, to);
        var hi = Math.Clamp(source.RowHi, lo, to);
        Rectangles.Fill(valid + (nint)(from * size), layout.RowLength, validRows, lo - from, size, source.PadBits);
        Rectangles.Copy(input + (nint)((offset + lo * source.RowStride) * size), rowStride, source.RowStride, valid + (nint)(lo * size),
            layout.RowLength, validRows, hi - lo, size, streaming);
        Rectangles.Fill(valid + (nint)(hi * size), layout.RowLength, validRows, to - hi, size, source.PadBits);
    }
}
