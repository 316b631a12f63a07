using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// The other names jax.numpy gives functions JaxNet already has: the array API's spellings (acos, pow, concat,
/// permute_dims, bitwise_left_shift, matrix_transpose, vecdot, ...) and NumPy's older ones (fabs, empty). Each forwards to the one
/// implementation, so both names promote, broadcast and differentiate alike.
/// </summary>
public static partial class Jnp
{
    public static NDArray Acos(NDArray x) => Arccos(x);
    public static NDArray Acosh(NDArray x) => Arccosh(x);
    public static NDArray Asin(NDArray x) => Arcsin(x);
    public static NDArray Asinh(NDArray x) => Arcsinh(x);
    public static NDArray Atan(NDArray x) => Arctan(x);
    public static NDArray Atanh(NDArray x) => Arctanh(x);
    public static NDArray Atan2(NDArray y, NDArray x) => Arctan2(y, x);
    public static NDArray Pow(NDArray x, NDArray y) => Power(x, y);

    /// <summary>The array API's concat: <see cref="Concatenate"/>; a null axis flattens every array first.</summary>
    public static NDArray Concat(NDArray[] arrays, int? axis = 0) =>
        axis is null ? Concatenate(arrays.Select(Ravel).ToArray(), 0) : Concatenate(arrays, axis.Value);

    /// <summary>The array API's permute_dims: <see cref="Transpose"/> with the permutation required.</summary>
    public static NDArray PermuteDims(NDArray x, int[] axes)
    {
        if (axes.Length != x.Ndim)
            throw new ShapeException($"permute_dims: {axes.Length} axes given for an array of rank {x.Ndim}");
        return Transpose(x, axes);
    }

    /// <summary>|x| as a float (integers promote, as jnp.fabs does); complex values are refused, as in JAX.</summary>
    public static NDArray Fabs(NDArray x)
    {
        RequireReal("fabs", x);
        return InexactUnary(Lax.Abs, x);
    }

    /// <summary>jnp.copy. NDArrays are immutable, so the array itself is as good as a copy: nothing can write to
    /// either afterwards (a dtype asks for a converted copy).</summary>
    public static NDArray Copy(NDArray x, DType? dtype = null) => dtype is { } d ? Astype(x, d) : x;

    /// <summary>jnp.matrix_transpose: <see cref="Linalg.MatrixTranspose"/> (the last two axes swapped).</summary>
    public static NDArray MatrixTranspose(NDArray x) => Linalg.MatrixTranspose(x);

    /// <summary>jnp.vecdot: <see cref="Linalg.Vecdot"/> (Σ conj(x1) x2 along <paramref name="axis"/>).</summary>
    public static NDArray Vecdot(NDArray x1, NDArray x2, int axis = -1) => Linalg.Vecdot(x1, x2, axis);

    /// <summary>jnp.i0: the modified Bessel function of the first kind of order 0, <see cref="Jax.Scipy.Special.I0"/>.</summary>
    public static NDArray I0(NDArray x) => Jax.Scipy.Special.I0(x);

    public static NDArray BitwiseLeftShift(NDArray x, NDArray y) => LeftShift(x, y);
    public static NDArray BitwiseRightShift(NDArray x, NDArray y) => RightShift(x, y);
    public static NDArray BitwiseInvert(NDArray x) => Invert(x);

    /// <summary>The number of 1 bits in |x| as uint8, as NumPy and JAX count them (the sign does not count);
    /// integers and booleans only.</summary>
    public static NDArray BitwiseCount(NDArray x)
    {
        if (!x.DType.IsInteger() && x.DType != DType.Bool)
            throw new ArgumentException($"bitwise_count: needs integer or boolean input, got {x.DType.NumpyName()}", nameof(x));
        var bits = x.DType == DType.Bool ? Lax.ConvertElementType(x, DType.UInt8) : Lax.PopulationCount(Abs(x));
        return Lax.ConvertElementType(bits, DType.UInt8);
    }

    /// <summary>jnp.empty: XLA has no uninitialised buffers, so JAX returns zeros, and so does this.</summary>
    public static NDArray Empty(int[] shape, DType dtype = DType.Float32) => Zeros(shape, dtype);

    /// <summary>jnp.empty_like: zeros of x's shape and dtype (or <paramref name="dtype"/>).</summary>
    public static NDArray EmptyLike(NDArray x, DType? dtype = null) => ZerosLike(x, dtype);
}
