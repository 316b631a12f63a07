using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// apply_along_axis and apply_over_axes. As in JAX, apply_along_axis is vmap, not a loop: the function sees one
/// 1-d slice along the axis (traced once), is vmapped over the axes before it and after it, and its result's
/// dimensions take the axis's place (a scalar result removes the axis).
/// </summary>
public static partial class Jnp
{
    public static NDArray ApplyAlongAxis(Func<NDArray, NDArray> func, int axis, NDArray x)
    {
        var a = Shapes.Axis(axis, x.Ndim, "apply_along_axis");
        var f = func;
        for (var i = 0; i < a; i++) f = Jax.Vmap(f, inAxes: 0, outAxes: 0);
        for (var i = a + 1; i < x.Ndim; i++) f = Jax.Vmap(f, inAxes: -1, outAxes: -1);
        return f(x);
    }

    /// <summary>
    /// Applies <c>func(x, axis)</c> for each axis in turn; a result one rank lower (a reduction without keepdims)
    /// gets the axis back as size 1, so the rank never changes. Any other rank is an error.
    /// </summary>
    public static NDArray ApplyOverAxes(Func<NDArray, int, NDArray> func, NDArray x, params int[] axes)
    {
        foreach (var axis in axes)
        {
            var a = Shapes.Axis(axis, x.Ndim, "apply_over_axes");
            var result = func(x, a);
            if (result.Ndim == x.Ndim - 1) result = ExpandDims(result, a);
            else if (result.Ndim != x.Ndim)
                throw new ShapeException($"apply_over_axes: function is not returning an array of the correct shape (rank {result.Ndim} from rank {x.Ndim})");
            x = result;
        }
        return x;
    }
}
