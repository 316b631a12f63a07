using JaxNet.Lowering;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// Complex products along axes, for the expansion of reduce_prod and cumprod (<see cref="ComplexExpansion"/>). The
/// kernels only multiply reals, and a complex product is not a product of the parts, so both are built from complex
/// multiplies of whole slices (<see cref="PlanarMath.Mul"/>, four real products each): the reduction as a pairwise
/// tree (ceil(log2 n) levels), the running product by doubling (Hillis-Steele: multiply by a copy shifted by 1, 2, 4,
/// ...), as the JVP of cumprod already does for reals. Missing partners are the identity 1 + 0i.
/// </summary>
internal static class ReductionComplex
{
    /// <summary>The product of z over <paramref name="axes"/>; 1 over an empty axis.</summary>
    public static Planar Product(Planar z, int[] axes)
    {
        var shape = z.Re.Aval.Shape;
        var kept = Enumerable.Range(0, shape.Length).Where(d => !axes.Contains(d)).ToArray();
        int[] outShape = [.. kept.Select(d => shape[d])];
        var n = axes.Aggregate(1, (size, a) => size * shape[a]);
        int[] perm = [.. kept, .. axes.Order()];
        NDArray Flatten(NDArray part) => Lax.Reshape(Lax.Transpose(part, perm), [.. outShape, n]);
        var (re, im) = (Flatten(z.Re), Flatten(z.ImOrZero));
        // An empty product is one identity; an odd level gets one as the last element's partner.
        if (n == 0) (re, im, n) = (AppendIdentity(re, 1.0), AppendIdentity(im, 0.0), 1);
        while (n > 1)
        {
            if (n % 2 == 1) (re, im, n) = (AppendIdentity(re, 1.0), AppendIdentity(im, 0.0), n + 1);
            n /= 2;
            var product = PlanarMath.Mul(Half(re, im, n, 0), Half(re, im, n, 1));
            (re, im) = (product.Re, product.Im!);
        }
        return Planar.Complex(Lax.Reshape(re, outShape), Lax.Reshape(im, outShape));
    }

    /// <summary>The inclusive running product of z along <paramref name="axis"/> (from the end when reversed).</summary>
    public static Planar RunningProduct(Planar z, int axis, bool reverse)
    {
        var (re, im) = (z.Re, z.ImOrZero);
        if (reverse) (re, im) = (Lax.Rev(re, [axis]), Lax.Rev(im, [axis]));
        var n = re.Aval.Shape[axis];
        for (var shift = 1; shift < n; shift *= 2)
        {
            var config = Enumerable.Range(0, re.Ndim).Select(d => d == axis ? (shift, -shift, 0) : (0, 0, 0)).ToArray();
            var product = PlanarMath.Mul(Planar.Complex(re, im), Planar.Complex(Lax.Pad(re, 1.0, config), Lax.Pad(im, 0.0, config)));
            (re, im) = (product.Re, product.Im!);
        }
        if (reverse) (re, im) = (Lax.Rev(re, [axis]), Lax.Rev(im, [axis]));
        return Planar.Complex(re, im);
    }

    // Elements 2i + which of the last axis (length 2n), as [..., n].
    private static Planar Half(NDArray re, NDArray im, int n, int which)
    {
        NDArray Take(NDArray part)
        {
            var shape = part.Aval.Shape;
            var pairs = Lax.Reshape(part, [.. shape[..^1], n, 2]);
            var start = new int[pairs.Ndim];
            start[^1] = which;
            int[] limit = [.. shape[..^1], n, which + 1];
            return Lax.Reshape(Lax.Slice(pairs, start, limit), [.. shape[..^1], n]);
        }
        return Planar.Complex(Take(re), Take(im));
    }

    // One more element at the end of the last axis: a part of the identity 1 + 0i.
    private static NDArray AppendIdentity(NDArray part, double value) =>
        Lax.Pad(part, value, Enumerable.Range(0, part.Ndim).Select(d => d == part.Ndim - 1 ? (0, 1, 0) : (0, 0, 0)).ToArray());
}
