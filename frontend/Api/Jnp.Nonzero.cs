using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// nonzero, flatnonzero and argwhere. Their output length is the number of nonzero elements, which depends on the
/// values: under a transformation pass a static <c>size</c> (JAX's rule); the result is then cut to size, or padded
/// with <c>fillValue</c> (by default index 0). Indices are int32, found as JAX finds them: a bincount of the
/// running count of nonzeros, summed again (no sort).
/// </summary>
public static partial class Jnp
{
    /// <summary>The indices of the nonzero elements, one index vector per dimension.</summary>
    public static NDArray[] Nonzero(NDArray x, int? size = null, int? fillValue = null)
    {
        if (x.Ndim == 0) throw new ShapeException("nonzero: a scalar has no nonzero indices; use Jnp.Atleast1d first");
        var (positions, padded) = NonzeroFlat(x, size, "nonzero");
        var result = new NDArray[x.Ndim];
        var stride = 1;
        for (var d = x.Ndim - 1; d >= 0; d--)
        {
            var dim = x.Aval.Shape[d];
            var index = dim == 0 ? positions : Remainder(Lax.Div(positions, Full([], stride, DType.Int32)), dim);
            result[d] = padded is null || fillValue is null ? index : Where(padded, fillValue.Value, index);
            stride *= Math.Max(dim, 1);
        }
        return result;
    }

    /// <summary>The indices of the nonzero elements of the flattened array.</summary>
    public static NDArray Flatnonzero(NDArray x, int? size = null, int? fillValue = null)
    {
        var (positions, padded) = NonzeroFlat(x, size, "flatnonzero");
        return padded is null || fillValue is null ? positions : Where(padded, fillValue.Value, positions);
    }

    /// <summary>The indices of the nonzero elements as the rows of a [count, ndim] matrix.</summary>
    public static NDArray Argwhere(NDArray x, int? size = null, int? fillValue = null)
    {
        var columns = Nonzero(Atleast1d(x), size, fillValue);
        var result = Stack(columns, 1);
        return x.Ndim == 0 ? Lax.SliceInDim(result, 0, 0, 1, 1) : result;
    }

    // Flat positions of the nonzeros, cut or padded to size (padding reads position 0 after the wrap below), and
    // which entries are padding (null when nothing can be).
    private static (NDArray Positions, NDArray? Padded) NonzeroFlat(NDArray x, int? size, string op)
    {
        var mask = Ravel(ToBool(x));
        var count = Sum(mask);
        var n = (int)mask.Size;
        if (size is null)
        {
            if (!x.IsConcrete)
                throw new ConcretizationTypeError($"{op}: the number of nonzero elements depends on the values, which are traced here; pass a static size");
            size = count.Item<int>();
        }
        if (size < 0) throw new ArgumentException($"{op}: size must be non-negative, got {size}", nameof(size));
        if (n == 0 || size == 0) return (Zeros([size.Value], DType.Int32), null);
        // bins[j] counts the positions whose running count is j, so their running sum is the position of the
        // (j+1)-th nonzero, or n past the last one.
        var bins = ScatterAddInto(Zeros([size.Value], DType.Int32), Cumsum(mask), Ones([n], DType.Int32));
        var positions = Cumsum(bins);
        var padded = GreaterEqual(Lax.Iota(DType.Int32, size.Value), count);
        return (Where(padded, 0, positions), padded);
    }
}
