using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>How <see cref="Jnp.Pad(NDArray, ValueTuple{int, int}[], PadMode, double)"/> fills the border (jnp.pad's
/// <c>mode</c>).</summary>
public enum PadMode
{
    /// <summary>A constant value (the default).</summary>
    Constant,

    /// <summary>The edge value repeated.</summary>
    Edge,

    /// <summary>The mirror image without the edge: [1, 2, 3] padded by 2 gives [3, 2, 1, 2, 3, 2, 1].</summary>
    Reflect,

    /// <summary>The mirror image with the edge: [1, 2, 3] padded by 2 gives [2, 1, 1, 2, 3, 3, 2].</summary>
    Symmetric,

    /// <summary>The array repeated periodically: [1, 2, 3] padded by 2 gives [2, 3, 1, 2, 3, 1, 2].</summary>
    Wrap,
}

/// <summary>jnp.pad's non-constant modes, built from slices, reversals and concatenations axis by axis (JAX's
/// construction), so every mode differentiates and batches. Widths beyond the axis length repeat the pattern, as
/// in NumPy; an empty axis can only be padded with a constant.</summary>
public static partial class Jnp
{
    public static NDArray Pad(NDArray x, (int Before, int After)[] padWidth, PadMode mode, double constantValue = 0)
    {
        if (padWidth.Length == 1 && x.Ndim > 1) padWidth = Enumerable.Repeat(padWidth[0], x.Ndim).ToArray();
        if (padWidth.Length != x.Ndim)
            throw new ShapeException($"pad: {padWidth.Length} pad widths for an array of rank {x.Ndim}");
        if (padWidth.Any(p => p.Before < 0 || p.After < 0))
            throw new ArgumentException($"pad: widths must be non-negative, got [{string.Join(", ", padWidth)}]", nameof(padWidth));
        if (mode == PadMode.Constant) return Pad(x, padWidth, constantValue);
        for (var axis = 0; axis < x.Ndim; axis++)
        {
            var (before, after) = padWidth[axis];
            if (before == 0 && after == 0) continue;
            var n = x.Aval.Shape[axis];
            if (n == 0) throw new ShapeException($"pad: cannot pad an empty axis ({axis} of {Shapes.Format(x.Aval.Shape)}) with mode {mode}");
            x = mode switch
            {
                PadMode.Edge => Lax.Concatenate([Repeat(Lax.SliceInDim(x, 0, 1, 1, axis), before, axis), x,
                    Repeat(Lax.SliceInDim(x, n - 1, n, 1, axis), after, axis)], axis),
                PadMode.Wrap => PadWrap(x, axis, before, after),
                PadMode.Reflect or PadMode.Symmetric => PadMirror(x, axis, before, after, mode == PadMode.Reflect),
                _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "pad: unknown mode"),
            };
        }
        return x;
    }

    public static NDArray Pad(NDArray x, int width, PadMode mode, double constantValue = 0) =>
        Pad(x, Enumerable.Repeat((width, width), x.Ndim).ToArray(), mode, constantValue);

    private static NDArray PadWrap(NDArray x, int axis, int before, int after)
    {
        var n = x.Aval.Shape[axis];
        var parts = new List<NDArray>();
        if (before % n > 0) parts.Add(Lax.SliceInDim(x, n - before % n, n, 1, axis));
        parts.AddRange(Enumerable.Repeat(x, before / n + after / n + 1));
        if (after % n > 0) parts.Add(Lax.SliceInDim(x, 0, after % n, 1, axis));
        return Lax.Concatenate(parts.ToArray(), axis);
    }

    // Mirror images taken from the array as it grows, at most one period at a time, so wide pads reflect the
    // reflections (NumPy's rule). Reflecting a single element repeats it.
    private static NDArray PadMirror(NDArray x, int axis, int before, int after, bool reflect)
    {
        var n = x.Aval.Shape[axis];
        var offset = reflect && n > 1 ? 1 : 0;
        for (var left = before; left > 0;)
        {
            var chunk = Math.Min(left, n - offset);
            left -= chunk;
            x = Lax.Concatenate([Lax.Rev(Lax.SliceInDim(x, offset, offset + chunk, 1, axis), [axis]), x], axis);
        }
        for (var right = after; right > 0;)
        {
            var chunk = Math.Min(right, n - offset);
            right -= chunk;
            var length = x.Aval.Shape[axis];
            x = Lax.Concatenate([x, Lax.Rev(Lax.SliceInDim(x, length - chunk - offset, length - offset, 1, axis), [axis])], axis);
        }
        return x;
    }
}
