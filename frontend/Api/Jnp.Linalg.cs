using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>NumPy's dot: products of vectors, matrix products, and sum over the last axis of x and the second-to-last of y.</summary>
    public static NDArray Dot(NDArray x, NDArray y)
    {
        var p = Promote(x, y);
        (x, y) = (p[0], p[1]);
        if (x.Ndim == 0 || y.Ndim == 0) return Multiply(x, y);
        var yAxis = y.Ndim == 1 ? 0 : y.Ndim - 2;
        CheckContract("dot", x, y, x.Ndim - 1, yAxis);
        return Lax.DotGeneral(x, y, ([x.Ndim - 1], [yAxis]));
    }

    /// <summary>Matrix product with NumPy's broadcasting of leading (batch) dimensions.</summary>
    public static NDArray Matmul(NDArray x, NDArray y)
    {
        var p = Promote(x, y);
        (x, y) = (p[0], p[1]);
        if (x.Ndim == 0 || y.Ndim == 0) throw new ShapeException("matmul: operands must not be scalars");
        var xv = x.Ndim == 1;
        var yv = y.Ndim == 1;
        if (xv) x = Lax.Reshape(x, [1, x.Aval.Shape[0]]);
        if (yv) y = Lax.Reshape(y, [y.Aval.Shape[0], 1]);
        CheckContract("matmul", x, y, x.Ndim - 1, y.Ndim - 2);
        var batch = Shapes.Broadcast("matmul", x.Aval.Shape[..^2], y.Aval.Shape[..^2]);
        x = BroadcastTo(x, [.. batch, .. x.Aval.Shape[^2..]]);
        y = BroadcastTo(y, [.. batch, .. y.Aval.Shape[^2..]]);
        var b = Enumerable.Range(0, batch.Length).ToArray();
        var result = Lax.DotGeneral(x, y, ([x.Ndim - 1], [y.Ndim - 2]), (b, b));
        var shape = result.Aval.Shape.ToList();
        if (yv) shape.RemoveAt(shape.Count - 1);
        if (xv) shape.RemoveAt(shape.Count - (yv ? 1 : 2));
        return Lax.Reshape(result, shape.ToArray());
    }

    public static NDArray Inner(NDArray x, NDArray y)
    {
        var p = Promote(x, y);
        if (p[0].Ndim == 0 || p[1].Ndim == 0) return Multiply(p[0], p[1]);
        CheckContract("inner", p[0], p[1], p[0].Ndim - 1, p[1].Ndim - 1);
        return Lax.DotGeneral(p[0], p[1], ([p[0].Ndim - 1], [p[1].Ndim - 1]));
    }

    /// <summary>The dot product of the flattened inputs, which must have the same number of elements; a complex
    /// <paramref name="x"/> is conjugated first (Σ conj(x) y), as in NumPy and JAX.</summary>
    public static NDArray Vdot(NDArray x, NDArray y)
    {
        if (x.Size != y.Size)
            throw new ShapeException($"vdot: shapes {Shapes.Format(x.Aval.Shape)} and {Shapes.Format(y.Aval.Shape)} have different sizes ({x.Size} != {y.Size})");
        return Dot(Ravel(Conj(x)), Ravel(y));
    }

    /// <summary>The outer product of the flattened inputs.</summary>
    public static NDArray Outer(NDArray x, NDArray y)
    {
        var (a, b) = (Ravel(x), Ravel(y));
        return Multiply(Lax.Reshape(a, [(int)a.Size, 1]), Lax.Reshape(b, [1, (int)b.Size]));
    }

    /// <summary>Sums products over the last <paramref name="axes"/> axes of x and the first of y.</summary>
    public static NDArray Tensordot(NDArray x, NDArray y, int axes = 2)
    {
        var p = Promote(x, y);
        if (axes < 0 || axes > x.Ndim || axes > y.Ndim)
            throw new ShapeException($"tensordot: cannot contract {axes} axes of shapes {Shapes.Format(x.Aval.Shape)} and {Shapes.Format(y.Aval.Shape)}");
        var xa = Enumerable.Range(p[0].Ndim - axes, axes).ToArray();
        var ya = Enumerable.Range(0, axes).ToArray();
        for (var i = 0; i < axes; i++) CheckContract("tensordot", p[0], p[1], xa[i], ya[i]);
        return Lax.DotGeneral(p[0], p[1], (xa, ya));
    }

    /// <summary>
    /// numpy.trace: the sum of the diagonal with offset <paramref name="offset"/> of the matrices that
    /// <paramref name="axis1"/> and <paramref name="axis2"/> span (the first two axes by default); the other axes stay.
    /// </summary>
    /// <exception cref="ShapeException">fewer than 2 dimensions, or equal axes.</exception>
    public static NDArray Trace(NDArray x, int offset = 0, int axis1 = 0, int axis2 = 1) => Sum(Diagonal(x, offset, axis1, axis2), -1);

    /// <summary>
    /// numpy.diagonal: the diagonal with offset <paramref name="offset"/> (above the main one when positive) of the
    /// matrices that <paramref name="axis1"/> (rows) and <paramref name="axis2"/> (columns) span, the first two axes by
    /// default. The two axes are removed and the diagonal becomes the last axis, as in NumPy; the dtype is kept.
    /// </summary>
    /// <exception cref="ShapeException">fewer than 2 dimensions, or equal axes.</exception>
    public static NDArray Diagonal(NDArray x, int offset = 0, int axis1 = 0, int axis2 = 1)
    {
        if (x.Ndim < 2) throw new ShapeException($"diagonal: expected at least 2 dimensions, got shape {Shapes.Format(x.Aval.Shape)}");
        var (rowAxis, columnAxis) = (Shapes.Axis(axis1, x.Ndim, "diagonal"), Shapes.Axis(axis2, x.Ndim, "diagonal"));
        if (rowAxis == columnAxis) throw new ShapeException($"diagonal: axis1 and axis2 must differ, got {axis1} and {axis2}");
        var others = Enumerable.Range(0, x.Ndim).Where(d => d != rowAxis && d != columnAxis);
        x = Lax.Transpose(x, [.. others, rowAxis, columnAxis]);
        var (n, m) = (x.Aval.Shape[^2], x.Aval.Shape[^1]);
        var mask = Eye(n, m, offset, DType.Bool);
        var length = Math.Max(0, Math.Min(n + Math.Min(offset, 0), m - Math.Max(offset, 0)));
        // A select, not a product with the identity, so that an infinity off the diagonal does not become a NaN.
        var masked = Where(mask, x, ZerosLike(x));
        var sums = offset >= 0 ? Sum(masked, -2) : Sum(masked, -1);
        var (start, size) = (Math.Abs(offset), sums.Aval.Shape[^1]);
        var diagonal = Lax.SliceInDim(sums, Math.Min(start, size), Math.Min(start + length, size), axis: sums.Ndim - 1);
        // Sum widens bool and uint8 to int32; each sum has one nonzero term, so narrowing back is exact.
        return diagonal.DType == x.DType ? diagonal : Lax.ConvertElementType(diagonal, x.DType, x.WeakType);
    }

    /// <summary>The lower triangle (on and below diagonal k) of the last two axes; zeros elsewhere.</summary>
    public static NDArray Tril(NDArray x, int k = 0) => Triangle(x, k, lower: true);

    /// <summary>The upper triangle (on and above diagonal k) of the last two axes; zeros elsewhere.</summary>
    public static NDArray Triu(NDArray x, int k = 0) => Triangle(x, k - 1, lower: false);

    private static NDArray Triangle(NDArray x, int k, bool lower)
    {
        if (x.Ndim < 2) throw new ShapeException($"tril/triu: expected at least 2 dimensions, got {Shapes.Format(x.Aval.Shape)}");
        var shape = x.Aval.Shape[^2..];
        var rows = Lax.BroadcastedIota(DType.Int32, shape, 0);
        var cols = Lax.BroadcastedIota(DType.Int32, shape, 1);
        var keep = lower ? LessEqual(cols, rows + k) : Greater(cols, rows + k);
        return Where(keep, x, ZerosLike(x));
    }

    private static void CheckContract(string op, NDArray x, NDArray y, int xAxis, int yAxis)
    {
        if (x.Aval.Shape[xAxis] != y.Aval.Shape[yAxis])
            throw new ShapeException($"{op}: shapes {Shapes.Format(x.Aval.Shape)} and {Shapes.Format(y.Aval.Shape)} are not aligned: " +
                $"{x.Aval.Shape[xAxis]} (dim {xAxis}) != {y.Aval.Shape[yAxis]} (dim {yAxis})");
    }
}
