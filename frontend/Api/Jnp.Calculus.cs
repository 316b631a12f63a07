using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>Numerical derivatives and integrals of sampled functions: gradient and trapezoid, as NumPy defines them,
/// built from slices, so they differentiate with respect to the samples and the spacing.</summary>
public static partial class Jnp
{
    /// <summary>
    /// The derivative of sampled values along one axis (numpy.gradient): second-order central differences inside,
    /// first-order one-sided differences at the two ends. <paramref name="spacing"/> is the distance between samples
    /// (a scalar, 1 by default) or their coordinates (a vector of the axis's length, unevenly spaced allowed).
    /// </summary>
    public static NDArray Gradient(NDArray f, int axis, NDArray? spacing = null) =>
        Gradient(f, spacing is null ? null : [spacing], [axis])[0];

    /// <summary>
    /// <see cref="Gradient(NDArray, int, NDArray?)"/> along each of <paramref name="axes"/> (all by default), one array
    /// per axis. <paramref name="spacing"/>: none (1 everywhere), one entry for every axis, or one per axis.
    /// </summary>
    public static NDArray[] Gradient(NDArray f, NDArray[]? spacing = null, int[]? axes = null)
    {
        var normal = axes is null ? Enumerable.Range(0, f.Ndim).ToArray() : axes.Select(a => Shapes.Axis(a, f.Ndim, "gradient")).ToArray();
        if (normal.Length == 0) return [];
        foreach (var a in normal)
            if (f.Aval.Shape[a] < 2)
                throw new ShapeException($"gradient: at least 2 samples are needed along axis {a}, got shape {Shapes.Format(f.Aval.Shape)}");
        spacing ??= [];
        if (spacing.Length is not (0 or 1) && spacing.Length != normal.Length)
            throw new ArgumentException($"gradient: {spacing.Length} spacings for {normal.Length} axes; give none, one, or one per axis", nameof(spacing));
        var promoted = PromoteInexact([f, .. spacing]);
        f = promoted[0];
        return normal.Select((a, i) => GradientAlong(f, spacing.Length == 0 ? null : promoted[1 + (spacing.Length == 1 ? 0 : i)], a)).ToArray();
    }

    private static NDArray GradientAlong(NDArray f, NDArray? h, int axis)
    {
        var n = f.Aval.Shape[axis];
        NDArray S(NDArray v, int start, int stop) => Lax.SliceInDim(v, start, stop, 1, axis);
        var (first, last) = (S(f, 1, 2) - S(f, 0, 1), S(f, n - 1, n) - S(f, n - 2, n - 1));
        if (h is null || h.Ndim == 0)
        {
            var step = h ?? (NDArray)1.0;
            return Concatenate([first / step, (S(f, 2, n) - S(f, 0, n - 2)) * 0.5 / step, last / step], axis);
        }
        if (h.Ndim != 1 || h.Aval.Shape[0] != n)
            throw new ShapeException($"gradient: coordinates must be a scalar or a vector of the axis's length {n}, got shape {Shapes.Format(h.Aval.Shape)}");
        var shape = Enumerable.Repeat(1, f.Ndim).ToArray();
        shape[axis] = n;
        var x = Lax.Reshape(h, shape);
        // Second-order differences on an uneven grid: the weights of the quadratic through three neighbours.
        var (dx1, dx2) = (S(x, 1, n - 1) - S(x, 0, n - 2), S(x, 2, n) - S(x, 1, n - 1));
        var inner = -dx2 / (dx1 * (dx1 + dx2)) * S(f, 0, n - 2) + (dx2 - dx1) / (dx1 * dx2) * S(f, 1, n - 1) + dx1 / (dx2 * (dx1 + dx2)) * S(f, 2, n);
        return Concatenate([first / (S(x, 1, 2) - S(x, 0, 1)), inner, last / (S(x, n - 1, n) - S(x, n - 2, n - 1))], axis);
    }

    /// <summary>
    /// The integral of sampled values along an axis by the trapezoidal rule (numpy.trapezoid, formerly trapz), with
    /// sample coordinates <paramref name="x"/> (a vector along the axis, or an array of y's shape) or an even
    /// spacing <paramref name="dx"/>. Fewer than two samples integrate to 0.
    /// </summary>
    public static NDArray Trapezoid(NDArray y, NDArray? x = null, double dx = 1.0, int axis = -1)
    {
        if (y.Ndim == 0) throw new ShapeException("trapezoid: y must have at least one dimension, got a scalar");
        var a = Shapes.Axis(axis, y.Ndim, "trapezoid");
        var promoted = x is null ? PromoteInexact(y) : PromoteInexact(y, x);
        y = Moveaxis(promoted[0], a, -1);
        var n = y.Aval.Shape[^1];
        var last = y.Ndim - 1;
        if (n < 2) return Zeros(y.Shape[..^1], y.DType);
        NDArray S(NDArray v, int start, int stop) => Lax.SliceInDim(v, start, stop, 1, v.Ndim - 1);
        if (x is null) return 0.5 * dx * Sum(S(y, 1, n) + S(y, 0, n - 1), last);
        var coordinates = promoted[1];
        var widths = coordinates.Ndim == 1 ? Diff(coordinates) : Moveaxis(Diff(coordinates, axis: a), a, -1);
        if (widths.Aval.Shape[^1] != n - 1)
            throw new ShapeException($"trapezoid: x {Shapes.Format(coordinates.Aval.Shape)} does not give {n} coordinates along axis {axis} of y {Shapes.Format(promoted[0].Aval.Shape)}");
        return 0.5 * Sum(widths * (S(y, 1, n) + S(y, 0, n - 1)), last);
    }
}
