using JaxNet.Abstractions.Kernels;
using JaxNet.Core;

namespace JaxNet.Lowering;

/// <summary>
/// A value being lowered, not yet materialised: a DAG of scalar operations over the value's own index space
/// (its shape). Leaves read buffers through index maps, are constants, iota coordinates, or the result of an
/// open reduction/contraction at the current point. Nodes are compared by identity; a DAG shares nodes, and
/// emission keeps the sharing. This is the unit of loop fusion.
/// </summary>
internal abstract class Expr(DType dtype)
{
    public DType DType { get; } = dtype;
}

/// <summary>Reads a buffer through an index map over the expression's index space.</summary>
internal sealed class LoadExpr(int buffer, DType dtype, IndexMap map) : Expr(dtype)
{
    public int Buffer { get; } = buffer;

    public IndexMap Map { get; } = map;

    /// <summary>
    /// True when this reads a contiguous buffer of the given shape from its start, element for element. The stride
    /// of a size-1 dimension is never applied (its index is always 0), so it may be anything: a vector reshaped to
    /// [n, 1] by a view (stride 0 on the unit axis) is still the buffer itself.
    /// </summary>
    public bool IsContiguous(int[] shape)
    {
        if (Map.ReshapeTo is not null || Map.IsPadded || Map.Offset != 0 || Map.Strides.Length != shape.Length) return false;
        var rowMajor = IndexMap.RowMajorStrides(shape);
        for (var d = 0; d < shape.Length; d++)
            if (shape[d] != 1 && Map.Strides[d] != rowMajor[d]) return false;
        return true;
    }
}

internal sealed class ConstExpr(Scalar value) : Expr(value.DType)
{
    public Scalar Value { get; } = value;
}

/// <summary><c>Offset + Scale * point[Dimension]</c> in an integer dtype (iota through views).</summary>
internal sealed class IotaExpr(DType dtype, int dimension, long scale, long offset) : Expr(dtype)
{
    public int Dimension { get; } = dimension;

    public long Scale { get; } = scale;

    public long Offset { get; } = offset;
}

/// <summary>The value, at the current point, of a kernel that is still open to an epilogue.</summary>
internal sealed class PendingExpr(OpenKernel kernel) : Expr(kernel.ValueDType)
{
    public OpenKernel Kernel { get; } = kernel;
}

internal sealed class UnaryExpr(UnaryOp op, Expr x) : Expr(op.ResultType(x.DType))
{
    public UnaryOp Op { get; } = op;

    public Expr X { get; } = x;
}

internal sealed class BinaryExpr(BinaryOp op, Expr a, Expr b) : Expr(op.ResultType(a.DType))
{
    public BinaryOp Op { get; } = op;

    public Expr A { get; } = a;

    public Expr B { get; } = b;
}

internal sealed class SelectExpr(Expr predicate, Expr onTrue, Expr onFalse) : Expr(onTrue.DType)
{
    public Expr Predicate { get; } = predicate;

    public Expr OnTrue { get; } = onTrue;

    public Expr OnFalse { get; } = onFalse;
}

internal sealed class ConvertExpr(Expr x, DType dtype) : Expr(dtype)
{
    public Expr X { get; } = x;
}

/// <summary>The bits of <see cref="X"/> read as another dtype of the same width (bitcast_convert_type).</summary>
internal sealed class BitcastExpr(Expr x, DType dtype) : Expr(dtype)
{
    public Expr X { get; } = x;
}

internal static class ExprWalk
{
    /// <summary>Every node of the DAG once, children before parents.</summary>
    public static List<Expr> PostOrder(Expr root)
    {
        var order = new List<Expr>();
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        void Visit(Expr e)
        {
            if (!seen.Add(e)) return;
            foreach (var c in Children(e)) Visit(c);
            order.Add(e);
        }
        Visit(root);
        return order;
    }

    public static IEnumerable<Expr> Children(Expr e) => e switch
    {
        UnaryExpr u => [u.X],
        BinaryExpr b => [b.A, b.B],
        SelectExpr s => [s.Predicate, s.OnTrue, s.OnFalse],
        ConvertExpr c => [c.X],
        BitcastExpr c => [c.X],
        _ => [],
    };

    /// <summary>
    /// True when recomputing the expression in each consumer costs less than a kernel and a round trip through
    /// memory: a leaf, or a few cheap arithmetic ops on loaded values (XLA duplicates such producers too).
    /// </summary>
    public static bool IsCheap(Expr e)
    {
        if (e is LoadExpr or ConstExpr or IotaExpr) return true;
        var nodes = PostOrder(e);
        return nodes.Count <= 8 && nodes.All(n => n switch
        {
            PendingExpr => false,
            UnaryExpr u => u.Op is UnaryOp.Neg or UnaryOp.Abs or UnaryOp.Not,
            _ => true,
        });
    }

    /// <summary>Open kernels the expression reads.</summary>
    public static List<OpenKernel> OpenKernels(Expr root) =>
        PostOrder(root).OfType<PendingExpr>().Select(p => p.Kernel).Where(k => !k.IsClosed).Distinct().ToList();
}
