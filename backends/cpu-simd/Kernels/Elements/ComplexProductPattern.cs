using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Kernels.Elements;

/// <summary>
/// Where an elementwise kernel is the frontend's complex product of two interleaved arrays (docs/frontend.md,
/// "Complex numbers"): shape [..., 2], result <c>select(index last == 0, x0 y0 - x1 y1, x0 y1 + x1 y0)</c>, each part
/// <c>xk</c> a load of buffer X at offset <c>oX + k</c> with strides that walk pairs (2 per point, 0 along the
/// last dimension). <see cref="X"/> and <see cref="Y"/> are the element offsets of the two operands' first real
/// parts; both may be one buffer (a square).
/// </summary>
internal sealed record ComplexProductPattern(int XBuffer, long X, int YBuffer, long Y, DType DType)
{
    /// <summary>The pattern of <paramref name="kernel"/>, or null when the kernel computes anything else, reads a part
    /// through a broadcast, a pad or a reshape, or is not float32/float64.</summary>
    public static ComplexProductPattern? Match(ElementwiseKernel kernel)
    {
        var program = kernel.Program;
        var rank = kernel.Shape.Length;
        if (rank == 0 || kernel.Shape[^1] != 2 || program.Results.Count != 1 || kernel.Outputs.Count != 1) return null;
        var dtype = program.ResultType(0);
        if (dtype is not (DType.Float32 or DType.Float64)) return null;
        if (program.Nodes[program.Results[0]] is not SelectNode select || ResidueZero(program, select.Predicate, rank - 1) is not { } zeroFirst)
            return null;
        var (real, imaginary) = zeroFirst ? (select.OnTrue, select.OnFalse) : (select.OnFalse, select.OnTrue);
        if (Products(program, real, BinaryOp.Sub) is not { } direct || Products(program, imaginary, BinaryOp.Add) is not { } cross) return null;
        Part? Read(int node) => program.Nodes[node] is LoadNode load && load.DType == dtype ? PartOf(kernel, load.Input) : null;
        if (Read(direct.First.A) is not { } x0 || Read(direct.First.B) is not { } y0) return null;
        if (Read(direct.Second.A) is not { } p || Read(direct.Second.B) is not { } q) return null;
        // The second product pairs the imaginary parts, in either order.
        Part x1, y1;
        if (p == x0.Next && q == y0.Next) (x1, y1) = (p, q);
        else if (q == x0.Next && p == y0.Next) (x1, y1) = (q, p);
        else return null;
        if (Read(cross.First.A) is not { } e || Read(cross.First.B) is not { } f) return null;
        if (Read(cross.Second.A) is not { } g || Read(cross.Second.B) is not { } h) return null;
        bool Is(Part u, Part v, Part m, Part n) => (u == m && v == n) || (u == n && v == m);
        var crossed = (Is(e, f, x0, y1) && Is(g, h, x1, y0)) || (Is(e, f, x1, y0) && Is(g, h, x0, y1));
        return crossed ? new ComplexProductPattern(x0.Buffer, x0.Offset, y0.Buffer, y0.Offset, dtype) : null;
    }

    /// <summary>One load's element of a pair: buffer and offset of the point-0 element.</summary>
    private readonly record struct Part(int Buffer, long Offset)
    {
        public Part Next => this with { Offset = Offset + 1 };
    }

    /// <summary>The input as a part read pair by pair: unpadded, not reshaped, 0 along the last dimension and, along
    /// each other dimension of extent above 1, 2 times the points that follow it (so point k reads element
    /// offset + 2k).</summary>
    private static Part? PartOf(ElementwiseKernel kernel, int input)
    {
        var (map, shape) = (kernel.Inputs[input].Map, kernel.Shape);
        if (map.IsPadded || map.ReshapeTo is not null || map.Strides.Length != shape.Length || map.Strides[^1] != 0) return null;
        var pairs = 1L;
        for (var dim = shape.Length - 2; dim >= 0; dim--)
        {
            if (shape[dim] != 1 && map.Strides[dim] != 2 * pairs) return null;
            pairs *= shape[dim];
        }
        return new Part(kernel.Inputs[input].Buffer, map.Offset);
    }

    /// <summary>The two products of <c>u v OP w z</c> as node pairs, or null.</summary>
    private static ((int A, int B) First, (int A, int B) Second)? Products(ScalarProgram program, int node, BinaryOp op)
    {
        if (program.Nodes[node] is not BinaryNode combined || combined.Op != op) return null;
        if (program.Nodes[combined.A] is not BinaryNode { Op: BinaryOp.Mul } left) return null;
        if (program.Nodes[combined.B] is not BinaryNode { Op: BinaryOp.Mul } right) return null;
        return ((left.A, left.B), (right.A, right.B));
    }

    /// <summary>Whether the predicate holds at position 0 of the last dimension and not at 1 (true), the reverse
    /// (false), or is no comparison of that coordinate with 0 or 1 (null).</summary>
    private static bool? ResidueZero(ScalarProgram program, int predicate, int last)
    {
        if (program.Nodes[predicate] is not BinaryNode { Op: BinaryOp.Eq or BinaryOp.Ne } compare) return null;
        var (left, right) = (program.Nodes[compare.A], program.Nodes[compare.B]);
        if (left is ConstNode) (left, right) = (right, left);
        if (left is not IndexNode index || index.Dimension != last || right is not ConstNode { Bits: 0 or 1 } constant || !constant.DType.IsInteger()) return null;
        return (constant.Bits == 0) == (compare.Op == BinaryOp.Eq);
    }
}
