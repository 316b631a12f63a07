using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>Sum over an axis (null: all). Bool and integers narrower than the default sum as the default int or,
    /// unsigned, as uint32 (<see cref="Accumulating"/>).</summary>
    public static NDArray Sum(NDArray x, int? axis = null, bool keepdims = false) => Sum(x, Axes(axis), keepdims);

    public static NDArray Sum(NDArray x, int[]? axes, bool keepdims = false)
    {
        return Reduce(Lax.ReduceSum, Accumulating(x), axes, keepdims, "sum");
    }

    public static NDArray Prod(NDArray x, int? axis = null, bool keepdims = false)
    {
        return Reduce(Lax.ReduceProd, Accumulating(x), Axes(axis), keepdims, "prod");
    }

    /// <summary>
    /// What sums and products accumulate in, as in JAX (jnp.sum's promote_integers): bools and signed integers
    /// narrower than the default int become the default int (int32, or int64 with x64), unsigned ones narrower than
    /// the default uint the default uint (uint32, or uint64 with x64). Floats keep their type.
    /// </summary>
    internal static NDArray Accumulating(NDArray x)
    {
        var to = x.DType switch
        {
            DType.Bool => TypePromotion.DefaultInt,
            _ when x.DType.IsSignedInteger() && x.DType.SizeOf() < TypePromotion.DefaultInt.SizeOf() => TypePromotion.DefaultInt,
            _ when x.DType.IsUnsignedInteger() && x.DType.SizeOf() < DefaultUInt.SizeOf() => DefaultUInt,
            _ => x.DType,
        };
        return to == x.DType ? x : Lax.ConvertElementType(x, to);
    }

    private static DType DefaultUInt => Jax.Config.EnableX64 ? DType.UInt64 : DType.UInt32;

    /// <summary>The largest value along an axis (null: all); complex values in JAX's lexicographic order.</summary>
    public static NDArray Max(NDArray x, int? axis = null, bool keepdims = false) =>
        x.DType.IsComplex() ? ComplexExtremum(x, Axes(axis), keepdims, max: true, "max") : Reduce(Lax.ReduceMax, x, Axes(axis), keepdims, "max");

    /// <summary>The smallest value along an axis (null: all); complex values in JAX's lexicographic order.</summary>
    public static NDArray Min(NDArray x, int? axis = null, bool keepdims = false) =>
        x.DType.IsComplex() ? ComplexExtremum(x, Axes(axis), keepdims, max: false, "min") : Reduce(Lax.ReduceMin, x, Axes(axis), keepdims, "min");

    public static NDArray Amax(NDArray x, int? axis = null, bool keepdims = false) => Max(x, axis, keepdims);

    public static NDArray Amin(NDArray x, int? axis = null, bool keepdims = false) => Min(x, axis, keepdims);

    public static NDArray All(NDArray x, int? axis = null, bool keepdims = false) => Reduce(Lax.ReduceAnd, ToBool(x), Axes(axis), keepdims, "all");

    public static NDArray Any(NDArray x, int? axis = null, bool keepdims = false) => Reduce(Lax.ReduceOr, ToBool(x), Axes(axis), keepdims, "any");

    /// <summary>The arithmetic mean (integers average as floats).</summary>
    public static NDArray Mean(NDArray x, int? axis = null, bool keepdims = false) => Mean(x, Axes(axis), keepdims);

    public static NDArray Mean(NDArray x, int[]? axes, bool keepdims = false)
    {
        var normal = Shapes.Axes(axes, x.Ndim, "mean");
        var count = normal.Aggregate(1L, (a, d) => a * x.Aval.Shape[d]);
        var sum = Sum(PromoteInexact(x)[0], normal, keepdims);
        return sum / (double)count;
    }

    /// <summary>Variance with <paramref name="ddof"/> delta degrees of freedom. Of complex values it is the mean of
    /// |x - mean|², a real array (float32 for complex64), as in NumPy and JAX.</summary>
    public static NDArray Var(NDArray x, int? axis = null, bool keepdims = false, int ddof = 0)
    {
        var axes = Shapes.Axes(Axes(axis), x.Ndim, "var");
        var count = axes.Aggregate(1L, (a, d) => a * x.Aval.Shape[d]);
        var f = PromoteInexact(x)[0];
        var centered = f - Mean(f, axes, keepdims: true);
        return Sum(SquaredModulus(centered), axes, keepdims) / (double)Math.Max(0, count - ddof);
    }

    /// <summary>|z|² as JAX's var forms it, real(z conj(z)); x² for real x.</summary>
    internal static NDArray SquaredModulus(NDArray z) => z.DType.IsComplex() ? Lax.Real(z * Lax.Conj(z)) : z * z;

    public static NDArray Std(NDArray x, int? axis = null, bool keepdims = false, int ddof = 0) => Sqrt(Var(x, axis, keepdims, ddof));

    /// <summary>Index of the largest value along an axis (null: of the flattened array); ties give the first.</summary>
    public static NDArray Argmax(NDArray x, int? axis = null, bool keepdims = false) => ArgReduce(Lax.Argmax, x, axis, keepdims, "argmax");

    public static NDArray Argmin(NDArray x, int? axis = null, bool keepdims = false) => ArgReduce(Lax.Argmin, x, axis, keepdims, "argmin");

    public static NDArray CountNonzero(NDArray x, int? axis = null, bool keepdims = false) => Sum(ToBool(x), axis, keepdims);

    private static NDArray ArgReduce(Func<NDArray, int, DType, NDArray> lax, NDArray x, int? axis, bool keepdims, string op)
    {
        if (axis is null)
        {
            var flat = Ravel(x);
            var r = lax(flat, 0, DType.Int32);
            return keepdims ? Lax.Reshape(r, Enumerable.Repeat(1, x.Ndim).ToArray()) : r;
        }
        var a = Shapes.Axis(axis.Value, x.Ndim, op);
        var result = lax(x, a, DType.Int32);
        return keepdims ? Lax.ExpandDims(result, [a]) : result;
    }

    private static int[]? Axes(int? axis) => axis is null ? null : [axis.Value];

    private static NDArray Reduce(Func<NDArray, int[], NDArray> lax, NDArray x, int[]? axes, bool keepdims, string op)
    {
        var normal = Shapes.Axes(axes, x.Ndim, op);
        var result = lax(x, normal);
        return keepdims ? Lax.ExpandDims(result, normal) : result;
    }
}
