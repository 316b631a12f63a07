using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.unwrap: removes the jumps of a phase along an axis. Where consecutive values differ by more than
    /// <paramref name="discont"/> (default and minimum: half the period), the difference is replaced by the one
    /// that is congruent modulo <paramref name="period"/> (default 2π) and lies in [-period/2, period/2] (a jump of
    /// exactly +period/2 stays +period/2, as NumPy's), and the corrections accumulate. The first value is kept;
    /// integers promote to float; a NaN spoils the values after it, as in NumPy.
    /// </summary>
    public static NDArray Unwrap(NDArray p, double? discont = null, int axis = -1, double period = 2 * Math.PI)
    {
        RequireReal("unwrap", p, nameof(p));
        var x = PromoteInexact(p)[0];
        if (x.Ndim == 0) throw new ShapeException("unwrap: needs an array of rank 1 or more");
        var a = Shapes.Axis(axis, x.Ndim, "unwrap");
        if (x.Aval.Shape[a] < 2) return x;
        var half = period / 2;
        var jump = Diff(x, axis: a);
        var wrapped = Remainder(jump + half, period) - half;
        wrapped = Where(LogicalAnd(Equal(wrapped, -half), Greater(jump, 0)), half, wrapped);
        var correction = Where(Less(Abs(jump), Math.Max(discont ?? half, half)), 0, wrapped - jump);
        var start = Lax.SliceInDim(x, 0, 1, 1, a);
        return Lax.Concatenate([start, Lax.SliceInDim(x, 1, x.Aval.Shape[a], 1, a) + Cumsum(correction, a)], a);
    }
}
