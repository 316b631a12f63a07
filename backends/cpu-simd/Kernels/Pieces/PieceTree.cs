using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;

namespace JaxNet.Backends.CpuSimd.Kernels.Pieces;

/// <summary>
/// What an output element of a piecewise copy is: an input's element read through its index map, a constant, or
/// a choice between two pieces made by the point's coordinate along one dimension. This is the form the frontend
/// gives concatenate (a select per piece on an index node), pad (one padded load) and stack.
/// </summary>
internal abstract record Piece;

/// <summary>Kernel input <see cref="Input"/>, read through its index map (its pad value outside the valid region).</summary>
internal sealed record InputPiece(int Input) : Piece;

/// <summary>A constant: <see cref="Bits"/> are one stored element, zero-extended.</summary>
internal sealed record FillPiece(ulong Bits) : Piece;

/// <summary>Points whose coordinate along <see cref="Dimension"/> lies in [<see cref="Lo"/>, <see cref="Hi"/>) take
/// <see cref="Inside"/>, the others <see cref="Outside"/>.</summary>
internal sealed record ChoicePiece(int Dimension, long Lo, long Hi, Piece Inside, Piece Outside) : Piece;

/// <summary>Reads a scalar program's result as a <see cref="Piece"/> tree, when it is one.</summary>
internal static class PieceTree
{
    /// <summary>Deeper trees (concatenations of more pieces) are left to the generated code: the copy walks the tree
    /// recursively per row, and a few hundred frames is what it may put on a worker's stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>The tree that node <paramref name="node"/> computes, or null when it does arithmetic, converts, or
    /// selects on anything but a coordinate compared with a constant.</summary>
    public static Piece? Parse(ScalarProgram program, int node) => Parse(program, node, 0);

    /// <summary>The inputs the tree reads, each once.</summary>
    public static IEnumerable<int> Inputs(Piece piece) => piece switch
    {
        InputPiece input => [input.Input],
        ChoicePiece choice => Inputs(choice.Inside).Concat(Inputs(choice.Outside)).Distinct(),
        _ => [],
    };

    /// <summary>Whether some choice in the tree is made along <paramref name="dimension"/>.</summary>
    public static bool Chooses(Piece piece, int dimension) =>
        piece is ChoicePiece choice && (choice.Dimension == dimension || Chooses(choice.Inside, dimension) || Chooses(choice.Outside, dimension));

    private static Piece? Parse(ScalarProgram program, int node, int depth)
    {
        if (depth > MaxDepth) return null;
        switch (program.Nodes[node])
        {
            case LoadNode load:
                return new InputPiece(load.Input);
            case ConstNode constant:
                return new FillPiece(ElementBits.Of(constant));
            case SelectNode select when Interval(program, select.Predicate) is var (dimension, lo, hi, negated):
                if (Parse(program, select.OnTrue, depth + 1) is not { } onTrue) return null;
                if (Parse(program, select.OnFalse, depth + 1) is not { } onFalse) return null;
                return negated ? new ChoicePiece(dimension, lo, hi, onFalse, onTrue) : new ChoicePiece(dimension, lo, hi, onTrue, onFalse);
            default:
                return null;
        }
    }

    /// <summary>A predicate <c>index d OP c</c> (or <c>c OP index d</c>) as the coordinates [lo, hi) along d where it
    /// holds, or, for <c>ne</c>, where it does not (<c>Negated</c>).</summary>
    private static (int Dimension, long Lo, long Hi, bool Negated)? Interval(ScalarProgram program, int predicate)
    {
        if (program.Nodes[predicate] is not BinaryNode compare) return null;
        var (left, right, op) = (program.Nodes[compare.A], program.Nodes[compare.B], compare.Op);
        if (left is ConstNode && right is IndexNode)
            (left, right, op) = (right, left, Mirrored(op));
        if (left is not IndexNode { DType: DType.Int32 or DType.Int64 } index || right is not ConstNode constant) return null;
        var (d, c) = (index.Dimension, constant.Bits);
        // A coordinate is never long.MaxValue, so c + 1 may saturate there without changing the answer.
        var next = c == long.MaxValue ? c : c + 1;
        return op switch
        {
            BinaryOp.Lt => (d, long.MinValue, c, false),
            BinaryOp.Le => (d, long.MinValue, next, false),
            BinaryOp.Gt => (d, next, long.MaxValue, false),
            BinaryOp.Ge => (d, c, long.MaxValue, false),
            BinaryOp.Eq => (d, c, next, false),
            BinaryOp.Ne => (d, c, next, true),
            _ => null,
        };
    }

    /// <summary>The comparison with its operands swapped: <c>c &lt; i</c> is <c>i &gt; c</c>.</summary>
    private static BinaryOp Mirrored(BinaryOp op) => op switch
    {
        BinaryOp.Lt => BinaryOp.Gt,
        BinaryOp.Le => BinaryOp.Ge,
        BinaryOp.Gt => BinaryOp.Lt,
        BinaryOp.Ge => BinaryOp.Le,
        _ => op,
    };
}
