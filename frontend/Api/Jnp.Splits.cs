using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// array_split, hsplit, vsplit and dsplit on top of <see cref="Split(NDArray, int, int)"/>: array_split allows
/// sections that do not divide the axis (the first n % sections parts are one longer, as NumPy's); the others pick
/// the axis by rank and, given a count, require an equal division.
/// </summary>
public static partial class Jnp
{
    public static NDArray[] ArraySplit(NDArray x, int sections, int axis = 0)
    {
        if (sections <= 0) throw new ArgumentException($"array_split: number of sections must be larger than 0, got {sections}", nameof(sections));
        var n = x.Aval.Shape[Shapes.Axis(axis, x.Ndim, "array_split")];
        var (each, extras) = (n / sections, n % sections);
        var bounds = Enumerable.Range(1, sections - 1).Select(i => i * each + Math.Min(i, extras)).ToArray();
        return Split(x, bounds, axis);
    }

    public static NDArray[] ArraySplit(NDArray x, int[] indices, int axis = 0) => Split(x, indices, axis);

    /// <summary>Splits along axis 1 (axis 0 of a vector).</summary>
    public static NDArray[] Hsplit(NDArray x, int sections) => Split(x, sections, HsplitAxis(x));

    public static NDArray[] Hsplit(NDArray x, int[] indices) => Split(x, indices, HsplitAxis(x));

    /// <summary>Splits along axis 0 of an array of rank 2 or more.</summary>
    public static NDArray[] Vsplit(NDArray x, int sections) => Split(x, sections, SplitAxis(x, 0, 2, "vsplit"));

    public static NDArray[] Vsplit(NDArray x, int[] indices) => Split(x, indices, SplitAxis(x, 0, 2, "vsplit"));

    /// <summary>Splits along axis 2 of an array of rank 3 or more.</summary>
    public static NDArray[] Dsplit(NDArray x, int sections) => Split(x, sections, SplitAxis(x, 2, 3, "dsplit"));

    public static NDArray[] Dsplit(NDArray x, int[] indices) => Split(x, indices, SplitAxis(x, 2, 3, "dsplit"));

    private static int HsplitAxis(NDArray x)
    {
        if (x.Ndim == 0) throw new ShapeException("hsplit: only works on arrays of 1 or more dimensions");
        return x.Ndim == 1 ? 0 : 1;
    }

    private static int SplitAxis(NDArray x, int axis, int minRank, string op) => x.Ndim >= minRank
        ? axis
        : throw new ShapeException($"{op}: only works on arrays of {minRank} or more dimensions, got shape {Shapes.Format(x.Aval.Shape)}");

    /// <summary>The slices of x along <paramref name="axis"/>, each without that axis (the array API's unstack, the
    /// inverse of <see cref="Stack"/>).</summary>
    public static NDArray[] Unstack(NDArray x, int axis = 0)
    {
        if (x.Ndim == 0) throw new ShapeException("unstack: a scalar has no axis to unstack");
        var a = Shapes.Axis(axis, x.Ndim, "unstack");
        return Enumerable.Range(0, x.Aval.Shape[a])
            .Select(i => Jax.Lax.Squeeze(Jax.Lax.SliceInDim(x, i, i + 1, 1, a), [a])).ToArray();
    }
}
