using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// One-dimensional piecewise linear interpolation of the points (<paramref name="xp"/>, <paramref name="fp"/>)
    /// at <paramref name="x"/>, as jnp.interp: xp must increase (unchecked, as in NumPy); below xp[0] the result is
    /// <paramref name="left"/> (default fp[0]), above xp[-1] <paramref name="right"/> (default fp[-1]). With
    /// <paramref name="period"/>, the points are taken modulo the period (and sorted), and left and right do not
    /// apply. Coincident xp give the left value and a finite gradient. Differentiable in x, xp and fp.
    /// </summary>
    public static NDArray Interp(NDArray x, NDArray xp, NDArray fp, NDArray? left = null, NDArray? right = null, NDArray? period = null)
    {
        if (xp.Ndim != 1 || !Shapes.Equal(xp.Aval.Shape, fp.Aval.Shape))
            throw new ShapeException($"interp: xp and fp must be one-dimensional arrays of equal size, got {Shapes.Format(xp.Aval.Shape)} and {Shapes.Format(fp.Aval.Shape)}");
        if (xp.Aval.Shape[0] == 0) throw new ShapeException("interp: xp and fp must not be empty");
        var p = PromoteInexact(x, xp);
        (x, xp) = (p[0], p[1]);
        fp = PromoteInexact(fp)[0];
        if (period is not null)
        {
            if (period.Ndim != 0) throw new ShapeException($"interp: period must be a scalar, got shape {Shapes.Format(period.Aval.Shape)}");
            var abs = Abs(period);
            x = Remainder(x, abs);
            var sorted = Lax.Sort([Remainder(xp, abs), fp], 0, isStable: true, numKeys: 1);
            var (sx, sf) = (sorted[0], sorted[1]);
            var m = sx.Aval.Shape[0];
            xp = Concatenate([Lax.SliceInDim(sx, m - 1, m) - abs, sx, Lax.SliceInDim(sx, 0, 1) + abs]);
            fp = Concatenate([Lax.SliceInDim(sf, m - 1, m), sf, Lax.SliceInDim(sf, 0, 1)]);
        }
        var n = xp.Aval.Shape[0];
        var i = Clip(Searchsorted(xp, x, SearchSide.Right), 1, Math.Max(1, n - 1));
        NDArray At(NDArray v, NDArray index) => Take(v, index, 0, TakeMode.Clip);
        var (x0, f0) = (At(xp, i - 1), At(fp, i - 1));
        var dx = At(xp, i) - x0;
        var df = At(fp, i) - f0;
        // jnp.interp's threshold: the spacing of epsilon.
        var tiny = xp.DType == DType.Float64 ? 4.930380657631324e-32 : 1.4210855e-14;
        var coincident = LessEqual(Abs(dx), tiny);
        var f = Where(coincident, f0, f0 + (x - x0) / Where(coincident, 1, dx) * df);
        if (period is not null) return f;
        var end = Lax.SliceInDim(fp, n - 1, n);
        f = Where(Less(x, Lax.Reshape(Lax.SliceInDim(xp, 0, 1), [])), left ?? Lax.Reshape(Lax.SliceInDim(fp, 0, 1), []), f);
        return Where(Greater(x, Lax.Reshape(Lax.SliceInDim(xp, n - 1, n), [])), right ?? Lax.Reshape(end, []), f);
    }
}
