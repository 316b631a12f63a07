using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// compress and extract: the slices (or elements) where a boolean condition holds. How many there are depends on
/// the values, so under a transformation pass a static <c>size</c> (JAX's rule): the selected slices come first, in
/// order, then slices filled with <c>fillValue</c> (0 by default), cut to size. Without a size the condition must be
/// concrete (a <see cref="ConcretizationTypeError"/> under Jit).
/// </summary>
public static partial class Jnp
{
    /// <summary>
    /// The slices of <paramref name="a"/> along <paramref name="axis"/> (of the flattened array when null) whose
    /// entry in the one-dimensional <paramref name="condition"/> is true (nonzero). A condition shorter than the axis
    /// selects among its first entries only; a longer one must be false beyond the axis. <paramref name="size"/>
    /// must lie in [0, selectable length].
    /// </summary>
    public static NDArray Compress(NDArray condition, NDArray a, int? axis = null, int? size = null, NDArray? fillValue = null)
    {
        if (condition.Ndim != 1)
            throw new ShapeException($"compress: condition must be one-dimensional, got shape {Shapes.Format(condition.Aval.Shape)}");
        var cond = ToBool(condition);
        var ax = axis is null ? 0 : Shapes.Axis(axis.Value, a.Ndim, "compress");
        var arr = axis is null ? Ravel(a) : Moveaxis(a, ax, 0);
        var length = arr.Aval.Shape[0];
        var kept = Math.Min(length, cond.Aval.Shape[0]);
        var extra = Lax.SliceInDim(cond, kept, cond.Aval.Shape[0]);
        (cond, arr) = (Lax.SliceInDim(cond, 0, kept), Lax.SliceInDim(arr, 0, kept));
        NDArray result;
        if (size is null)
        {
            if (!condition.IsConcrete)
                throw new ConcretizationTypeError("compress: the number of selected slices depends on the condition, which is traced here; pass a static size");
            if (Any(extra).Item<bool>())
                throw new ArgumentException($"compress: condition is true beyond the {length} slices of the axis", nameof(condition));
            result = Take(arr, Flatnonzero(cond), 0, TakeMode.Clip);
        }
        else
        {
            if (size < 0 || size > kept)
                throw new ArgumentException($"compress: size must lie in [0, {kept}] (the selectable slices), got {size}", nameof(size));
            var mask = Lax.Reshape(cond, [kept, .. Enumerable.Repeat(1, arr.Ndim - 1)]);
            var filled = Where(mask, arr, Lax.ConvertElementType(fillValue ?? 0, arr.DType));
            // A stable descending sort of the condition puts the selected slices first, in their order.
            var order = Lax.SliceInDim(Argsort(Lax.ConvertElementType(cond, DType.Int32), 0, descending: true), 0, size.Value);
            result = Take(filled, order, 0, TakeMode.Clip);
        }
        return axis is null ? result : Moveaxis(result, 0, ax);
    }

    /// <summary>The elements of the flattened <paramref name="a"/> where the flattened condition is true (numpy.extract);
    /// see <see cref="Compress"/> for <paramref name="size"/> and <paramref name="fillValue"/>.</summary>
    public static NDArray Extract(NDArray condition, NDArray a, int? size = null, NDArray? fillValue = null) =>
        Compress(Ravel(condition), Ravel(a), null, size, fillValue);
}
