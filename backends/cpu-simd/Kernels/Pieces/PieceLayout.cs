using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;

namespace JaxNet.Backends.CpuSimd.Kernels.Pieces;

/// <summary>
/// Where a piecewise copy's input lies relative to the copy's rows: element <c>Offset + Σ OuterStrides[d]·o[d] +
/// RowStride·p</c> at outer point o and row position p, provided o lies in [OuterLo, OuterHi) and p in [RowLo,
/// RowHi); elsewhere the element is <see cref="PadBits"/>.
/// </summary>
internal sealed record RowSource(long Offset, long[] OuterStrides, long[] OuterLo, long[] OuterHi, long RowStride, long RowLo, long RowHi,
    ulong PadBits);

/// <summary>
/// A piecewise copy's index space as outer points times rows: dimensions of extent 1 are dropped (a choice along one
/// is made once, here), and the row is the longest run of trailing dimensions that every input walks with one
/// stride and along which nothing is chosen or padded but its outermost (whose choices and valid region become
/// ranges of row positions). A concatenation along axis 0 is then a single row, one block copy per piece.
/// </summary>
internal sealed class PieceLayout
{
    private PieceLayout(long[] outerShape, long rowLength, Piece tree, RowSource?[] sources)
    {
        OuterShape = outerShape;
        RowLength = rowLength;
        Tree = tree;
        Sources = sources;
    }

    public long[] OuterShape { get; }

    public long RowLength { get; }

    /// <summary>The tree with choices along outer dimension k (&lt; <see cref="OuterShape"/>'s length) or along
    /// the row (dimension = that length, bounds in row positions).</summary>
    public Piece Tree { get; }

    /// <summary>Per kernel input, its layout (null for inputs the tree does not read).</summary>
    public RowSource?[] Sources { get; }

    public static PieceLayout Create(int[] shape, IReadOnlyList<MappedInput> inputs, Piece tree)
    {
        var kept = Enumerable.Range(0, shape.Length).Where(d => shape[d] != 1).ToArray();
        var extents = kept.Length == 0 ? [1L] : kept.Select(d => (long)shape[d]).ToArray();
        tree = DropUnitDimensions(tree, shape, inputs, kept);
        var used = PieceTree.Inputs(tree).ToHashSet();
        var lo = new long[inputs.Count][];
        var hi = new long[inputs.Count][];
        var strides = new long[inputs.Count][];
        foreach (var i in used)
        {
            var map = inputs[i].Map;
            // No kept dimension: one virtual dimension of extent 1, valid, that moves nothing.
            strides[i] = kept.Length == 0 ? [0] : kept.Select(d => map.Strides[d]).ToArray();
            lo[i] = kept.Length == 0 ? [0] : kept.Select(d => Math.Clamp(map.ValidLo?[d] ?? 0, 0, shape[d])).ToArray();
            hi[i] = kept.Length == 0 ? [1] : kept.Select((d, k) => Math.Clamp(map.ValidHi?[d] ?? shape[d], lo[i][k], shape[d])).ToArray();
        }

        // Grow the row outwards while the dimension it would absorb is plain and every input steps over it evenly.
        var rank = extents.Length;
        var first = rank - 1;
        while (first > 0 && !PieceTree.Chooses(tree, first)
            && used.All(i => lo[i][first] == 0 && hi[i][first] == extents[first] && strides[i][first - 1] == strides[i][first] * extents[first]))
            first--;
        var unit = 1L;
        for (var d = first + 1; d < rank; d++) unit *= extents[d];

        var sources = new RowSource?[inputs.Count];
        foreach (var i in used)
        {
            sources[i] = new RowSource(inputs[i].Map.Offset, strides[i][..first], lo[i][..first], hi[i][..first], strides[i][rank - 1],
                lo[i][first] * unit, hi[i][first] * unit, ElementBits.FromDouble(inputs[i].DType, inputs[i].Map.PadValue));
        }
        return new PieceLayout(extents[..first], extents[first] * unit, ToRows(tree, first, extents[first], unit), sources);
    }

    /// <summary>Makes the choices along dimensions of extent 1 (coordinate 0), turns an input that is all padding
    /// there into its pad value, and renumbers the other dimensions as <paramref name="kept"/> lists them.</summary>
    private static Piece DropUnitDimensions(Piece piece, int[] shape, IReadOnlyList<MappedInput> inputs, int[] kept)
    {
        switch (piece)
        {
            case ChoicePiece choice when shape[choice.Dimension] == 1:
                var taken = choice.Lo <= 0 && 0 < choice.Hi ? choice.Inside : choice.Outside;
                return DropUnitDimensions(taken, shape, inputs, kept);
            case ChoicePiece choice:
                return choice with
                {
                    Dimension = Array.IndexOf(kept, choice.Dimension),
                    Inside = DropUnitDimensions(choice.Inside, shape, inputs, kept),
                    Outside = DropUnitDimensions(choice.Outside, shape, inputs, kept),
                };
            case InputPiece input when inputs[input.Input].Map is { IsPadded: true } map:
                for (var d = 0; d < shape.Length; d++)
                    if (shape[d] == 1 && (map.ValidLo![d] > 0 || map.ValidHi![d] <= 0))
                        return new FillPiece(ElementBits.FromDouble(inputs[input.Input].DType, map.PadValue));
                return piece;
            default:
                return piece;
        }
    }

    /// <summary>Choices along the row's outermost dimension become ranges of row positions, clamped to the row.</summary>
    private static Piece ToRows(Piece piece, int rowDimension, long extent, long unit) => piece switch
    {
        ChoicePiece choice when choice.Dimension == rowDimension => choice with
        {
            Lo = Math.Clamp(choice.Lo, 0, extent) * unit,
            Hi = Math.Clamp(choice.Hi, 0, extent) * unit,
            Inside = ToRows(choice.Inside, rowDimension, extent, unit),
            Outside = ToRows(choice.Outside, rowDimension, extent, unit),
        },
        ChoicePiece choice => choice with
        {
            Inside = ToRows(choice.Inside, rowDimension, extent, unit),
            Outside = ToRows(choice.Outside, rowDimension, extent, unit),
        },
        _ => piece,
    };
}
