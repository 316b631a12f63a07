using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// The <paramref name="n"/>-th discrete difference along an axis (out[i] = x[i+1] - x[i], applied n times),
    /// after joining <paramref name="prepend"/> and <paramref name="append"/> (scalars broadcast to one slice) to
    /// x. Booleans differ by not-equal, as in NumPy; n = 0 gives x unchanged.
    /// </summary>
    public static NDArray Diff(NDArray x, int n = 1, int axis = -1, NDArray? prepend = null, NDArray? append = null)
    {
        if (n < 0) throw new ArgumentException($"diff: order must be non-negative, got {n}", nameof(n));
        if (n == 0) return x;
        if (x.Ndim == 0) throw new ShapeException("diff: requires an input of at least one dimension, got a scalar");
        var a = Shapes.Axis(axis, x.Ndim, "diff");
        if (prepend is not null || append is not null)
        {
            NDArray Slab(NDArray v)
            {
                if (v.Ndim != 0) return v;
                var shape = x.Shape;
                shape[a] = 1;
                return BroadcastTo(v, shape);
            }
            var parts = new List<NDArray>();
            if (prepend is not null) parts.Add(Slab(prepend));
            parts.Add(x);
            if (append is not null) parts.Add(Slab(append));
            x = Concatenate(parts.ToArray(), a);
        }
        for (var k = 0; k < n; k++)
        {
            var length = x.Aval.Shape[a];
            var (upper, lower) = (Lax.SliceInDim(x, Math.Min(1, length), length, 1, a), Lax.SliceInDim(x, 0, Math.Max(0, length - 1), 1, a));
            x = x.DType == DType.Bool ? Lax.Ne(upper, lower) : Lax.Sub(upper, lower);
        }
        return x;
    }

    /// <summary>The differences of consecutive elements of the flattened array, with optional values before and
    /// after (flattened too); the result has x's dtype.</summary>
    public static NDArray Ediff1d(NDArray x, NDArray? toEnd = null, NDArray? toBegin = null)
    {
        var flat = Ravel(x);
        var d = Diff(flat);
        if (toBegin is null && toEnd is null) return d;
        var parts = new List<NDArray>();
        if (toBegin is not null) parts.Add(Lax.ConvertElementType(Ravel(toBegin), d.DType));
        parts.Add(d);
        if (toEnd is not null) parts.Add(Lax.ConvertElementType(Ravel(toEnd), d.DType));
        return Lax.Concatenate(parts.ToArray(), 0);
    }
}
