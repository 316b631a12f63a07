using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>The pieces jax.scipy.special's compositions share: argument promotion, polynomials, and half precision
/// computed in float32.</summary>
internal static class SpecialSeries
{
    /// <summary>The arguments promoted to one inexact dtype (integers to the default float) and broadcast together as
    /// elementwise operands (rank-0 ones stay rank 0); a shape mismatch names <paramref name="op"/>.</summary>
    public static NDArray[] Promote(string op, params NDArray[] xs) => Jnp.BroadcastOperands(op, Jnp.PromoteInexact(xs));

    /// <summary>f of the arguments promoted and broadcast by <see cref="Promote"/>.</summary>
    public static NDArray Binary(string op, Func<NDArray, NDArray, NDArray> f, NDArray x, NDArray y)
    {
        var p = Promote(op, x, y);
        return f(p[0], p[1]);
    }

    /// <summary>c[0] x^(n-1) + c[1] x^(n-2) + ... + c[n-1] by Horner's rule, in x's dtype.</summary>
    public static NDArray Horner(NDArray x, double[] c)
    {
        var r = x * c[0] + c[1];
        for (var i = 2; i < c.Length; i++) r = r * x + c[i];
        return r;
    }

    /// <summary>The same with a leading coefficient of 1 that the table leaves out (Cephes' p1evl).</summary>
    public static NDArray HornerMonic(NDArray x, double[] c)
    {
        var r = x + c[0];
        for (var i = 1; i < c.Length; i++) r = r * x + c[i];
        return r;
    }

    /// <summary>f computed in float32 for float16 and bfloat16 arguments and rounded back: the rational approximations'
    /// intermediate values overflow float16.</summary>
    public static NDArray Widened(NDArray x, Func<NDArray, NDArray> f) =>
        IsHalf(x.DType) ? Lax.ConvertElementType(f(Lax.ConvertElementType(x, DType.Float32)), x.DType) : f(x);

    /// <inheritdoc cref="Widened(NDArray, Func{NDArray, NDArray})"/>
    public static NDArray Widened(NDArray x, NDArray y, Func<NDArray, NDArray, NDArray> f) =>
        IsHalf(x.DType)
            ? Lax.ConvertElementType(f(Lax.ConvertElementType(x, DType.Float32), Lax.ConvertElementType(y, DType.Float32)), x.DType)
            : f(x, y);

    /// <summary>f of arguments promoted to one real dtype, computed in float32 for float16 and bfloat16 and rounded back
    /// (the loops' terms need float32's range); complex arguments are refused with an error naming
    /// <paramref name="op"/>.</summary>
    public static NDArray RealWidened(string op, NDArray[] p, Func<NDArray[], NDArray> f)
    {
        var dtype = p[0].DType;
        if (dtype.IsComplex()) throw new ArgumentException($"{op}: complex arguments are not supported, got {dtype.NumpyName()}");
        if (!IsHalf(dtype)) return f(p);
        return Lax.ConvertElementType(f([.. p.Select(v => Lax.ConvertElementType(v, DType.Float32))]), dtype);
    }

    /// <summary>True where any of the arguments is NaN (they broadcast).</summary>
    public static NDArray AnyNan(params NDArray[] xs) => xs.Select(Jnp.IsNan).Aggregate((a, b) => a | b);

    private static bool IsHalf(DType dtype) => dtype is DType.Float16 or DType.BFloat16;
}
