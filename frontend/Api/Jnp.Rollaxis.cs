using JaxNet.Core;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>numpy.rollaxis: moves <paramref name="axis"/> so that it sits before the axis now at
    /// <paramref name="start"/> (0..ndim; ndim puts it last). <see cref="Moveaxis"/> says the same more plainly.</summary>
    public static NDArray Rollaxis(NDArray x, int axis, int start = 0)
    {
        var a = Shapes.Axis(axis, x.Ndim, "rollaxis");
        var s = start < 0 ? start + x.Ndim : start;
        if (s < 0 || s > x.Ndim) throw new ShapeException($"rollaxis: start {start} is out of bounds for an array of rank {x.Ndim}");
        if (a < s) s--;
        return a == s ? x : Moveaxis(x, a, s);
    }
}
