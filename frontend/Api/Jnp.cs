using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// jax.numpy: NumPy's names and semantics (broadcasting, JAX's type promotion, axis and keepdims arguments) on
/// top of the lax primitives. Split by family over the Jnp.*.cs files.
/// </summary>
public static partial class Jnp
{
    /// <summary>The operands converted to their common dtype (jnp's promote_dtypes).</summary>
    internal static NDArray[] Promote(params NDArray[] xs)
    {
        Span<(DType, bool)> types = stackalloc (DType, bool)[xs.Length];
        for (var i = 0; i < xs.Length; i++) types[i] = (xs[i].DType, xs[i].WeakType);
        var (dtype, weak) = TypePromotion.ResultType(types);
        var result = new NDArray[xs.Length];
        for (var i = 0; i < xs.Length; i++) result[i] = Jax.Lax.ConvertElementType(xs[i], dtype, weak);
        return result;
    }

    /// <summary>Operands promoted to a float type (for true division, sqrt of integers, means).</summary>
    internal static NDArray[] PromoteInexact(params NDArray[] xs)
    {
        var promoted = Promote(xs);
        if (promoted[0].DType.IsInexact()) return promoted;
        return promoted.Select(x => Jax.Lax.ConvertElementType(x, TypePromotion.DefaultFloat, x.WeakType)).ToArray();
    }

    /// <summary>The arrays broadcast to their common shape, as NumPy's broadcast_arrays: every result has that shape,
    /// rank-0 and weak-typed operands included. A mismatch names <paramref name="op"/> and every shape.</summary>
    internal static NDArray[] BroadcastArrays(string op, params NDArray[] xs) => BroadcastCommon(op, xs, keepRank0: false);

    /// <summary>Operands of an elementwise primitive broadcast to their common shape, except that rank-0 operands stay
    /// rank 0: the primitives broadcast those themselves, and an eager scalar operand then costs no broadcast.</summary>
    internal static NDArray[] BroadcastOperands(string op, params NDArray[] xs) => BroadcastCommon(op, xs, keepRank0: true);

    private static NDArray[] BroadcastCommon(string op, NDArray[] xs, bool keepRank0)
    {
        // A loop rather than BroadcastAll: this is every eager binary operation's path, and the list of shapes is
        // only needed for the error.
        var shape = System.Array.Empty<int>();
        foreach (var x in xs) shape = Shapes.TryBroadcast(shape, x.Aval.Shape) ?? throw Shapes.Incompatible(op, xs.Select(a => a.Aval.Shape));
        return [.. xs.Select(x => (keepRank0 && x.Ndim == 0) || Shapes.Equal(x.Aval.Shape, shape) ? x : BroadcastTo(x, shape))];
    }

    internal static NDArray Binary(Func<NDArray, NDArray, NDArray> lax, NDArray x, NDArray y, string op)
    {
        // The common case (same dtype, weakness and shape) needs neither promotion nor broadcasting: skipping their
        // arrays is most of jnp's share of a tiny eager op.
        if (x.DType == y.DType && x.WeakType == y.WeakType && Shapes.Equal(x.Aval.Shape, y.Aval.Shape)) return lax(x, y);
        var p = Promote(x, y);
        var b = BroadcastOperands(op, p[0], p[1]);
        return lax(b[0], b[1]);
    }

    private static NDArray InexactUnary(Func<NDArray, NDArray> lax, NDArray x) => lax(PromoteInexact(x)[0]);
}
