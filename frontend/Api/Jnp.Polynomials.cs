using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// NumPy's legacy polynomial functions on coefficient arrays, highest power first: polyval, polyadd, polysub,
/// polymul, polyder, polyint, and vander. Lengths are static; the factorial-like coefficients of polyder and polyint
/// are computed on the host, so each function is a few array operations that differentiate, jit and vmap.
/// </summary>
public static partial class Jnp
{
    // Up to this many coefficients Horner's rule is unrolled into one fused expression; beyond, a scan (JAX's scan
    // with unroll=16) keeps the traced program small.
    private const int UnrolledPolyvalTerms = 16;

    /// <summary>
    /// p[0] x^(n-1) + ... + p[n-1] by Horner's rule. Coefficients may have trailing axes, which broadcast with x
    /// (JAX's rule); no coefficients give zeros. Promotes like jnp.polyval (integers stay integers).
    /// </summary>
    public static NDArray Polyval(NDArray p, NDArray x)
    {
        if (p.Ndim == 0) throw new ShapeException("polyval: the coefficients must have at least one dimension, got a scalar");
        var promoted = Promote(p, x);
        (p, x) = (promoted[0], promoted[1]);
        var shape = Shapes.Broadcast("polyval", p.Aval.Shape[1..], x.Aval.Shape);
        var y = Zeros(shape, x.DType);
        var n = p.Aval.Shape[0];
        if (n > UnrolledPolyvalTerms)
            return Lax.Scan((acc, c) => ([acc[0] * x + c[0]], []), [y], [p]).Carry[0];
        for (var i = 0; i < n; i++) y = y * x + Lax.Squeeze(Lax.SliceInDim(p, i, i + 1), [0]);
        return y;
    }

    /// <summary>The coefficients of the sum of two polynomials: the shorter is aligned with the end (constant
    /// terms together) of the longer, and broadcast to its trailing axes (JAX's <c>a1.at[-n:].add(a2)</c>).</summary>
    public static NDArray Polyadd(NDArray a1, NDArray a2)
    {
        var p = Promote(a1, a2);
        (a1, a2) = (p[0], p[1]);
        if (a1.Ndim == 0 || a2.Ndim == 0)
            throw new ShapeException($"polyadd: the coefficients must have at least one dimension, got shapes {Shapes.Format(a1.Aval.Shape)} and {Shapes.Format(a2.Aval.Shape)}");
        var (longer, shorter) = a2.Aval.Shape[0] <= a1.Aval.Shape[0] ? (a1, a2) : (a2, a1);
        var shape = longer.Shape;
        shape[0] = shorter.Aval.Shape[0];
        var widths = new (int, int)[longer.Ndim];
        widths[0] = (longer.Aval.Shape[0] - shape[0], 0);
        return Add(longer, Pad(BroadcastTo(shorter, shape), widths));
    }

    /// <summary>The coefficients of a1 - a2 (aligned at the constant terms, as <see cref="Polyadd"/>).</summary>
    public static NDArray Polysub(NDArray a1, NDArray a2)
    {
        var p = Promote(a1, a2);
        return Polyadd(p[0], Negative(p[1]));
    }

    /// <summary>
    /// The coefficients of the product: the full convolution, in a float type (JAX's promotion). An empty input
    /// counts as the zero polynomial. With <paramref name="trimLeadingZeros"/> leading zeros are removed first, as
    /// NumPy does; the output length then depends on the values, so it needs concrete inputs (not under Jit).
    /// </summary>
    public static NDArray Polymul(NDArray a1, NDArray a2, bool trimLeadingZeros = false)
    {
        var p = PromoteInexact(a1, a2);
        (a1, a2) = (p[0], p[1]);
        if (a1.Ndim != 1 || a2.Ndim != 1)
            throw new ShapeException($"polymul: the coefficients must be one-dimensional, got shapes {Shapes.Format(a1.Aval.Shape)} and {Shapes.Format(a2.Aval.Shape)}");
        if (trimLeadingZeros && (a1.Size > 1 || a2.Size > 1)) (a1, a2) = (TrimLeadingZeros(a1), TrimLeadingZeros(a2));
        if (a1.Size == 0) a1 = Zeros([1], a1.DType);
        if (a2.Size == 0) a2 = Zeros([1], a2.DType);
        return Convolve(a1, a2);
    }

    /// <summary>The coefficients of the <paramref name="m"/>-th derivative, in a float type; m at least the length
    /// gives no coefficients (JAX's result).</summary>
    public static NDArray Polyder(NDArray p, int m = 1)
    {
        if (m < 0) throw new ArgumentException($"polyder: the order of the derivative must be non-negative, got {m}", nameof(m));
        p = PromoteInexact(p)[0];
        if (p.Ndim != 1) throw new ShapeException($"polyder: the coefficients must be one-dimensional, got shape {Shapes.Format(p.Aval.Shape)}");
        if (m == 0) return p;
        var n = p.Aval.Shape[0];
        var kept = Math.Max(0, n - m);
        // p[j] multiplies x^(n-1-j), whose m-th derivative has the factor (n-1-j)(n-2-j)...(n-m-j).
        var factors = Enumerable.Range(0, kept).Select(j => Enumerable.Range(0, m).Aggregate(1.0, (f, k) => f * (n - 1 - j - k))).ToArray();
        return Lax.SliceInDim(p, 0, kept) * FromHost<double>(factors, [kept], p.DType);
    }

    /// <summary>
    /// The coefficients of the <paramref name="m"/>-th antiderivative, in a float type, with integration constants
    /// <paramref name="k"/> (a scalar for every step or m values, the first integration's constant first; 0 by
    /// default).
    /// </summary>
    public static NDArray Polyint(NDArray p, int m = 1, NDArray? k = null)
    {
        if (m < 0) throw new ArgumentException($"polyint: the order of integration must be non-negative, got {m}", nameof(m));
        var promoted = PromoteInexact(p, k ?? 0);
        (p, k) = (promoted[0], Atleast1d(promoted[1]));
        if (p.Ndim != 1) throw new ShapeException($"polyint: the coefficients must be one-dimensional, got shape {Shapes.Format(p.Aval.Shape)}");
        if (k.Ndim != 1 || (k.Aval.Shape[0] != 1 && k.Aval.Shape[0] != m))
            throw new ShapeException($"polyint: k must be a scalar or a vector of length 1 or m = {m}, got shape {Shapes.Format(k.Aval.Shape)}");
        if (m == 0) return p;
        if (k.Aval.Shape[0] == 1) k = BroadcastTo(Lax.Reshape(k, []), [m]);
        var total = p.Aval.Shape[0] + m;
        // Entry t of [p, k] multiplies x^(total-1-t) after integrating: divided by (total-1-t)(total-2-t)... over
        // the m steps (factors below 1 count as 1, for the constants).
        var divisors = Enumerable.Range(0, total)
            .Select(t => Enumerable.Range(0, m).Aggregate(1.0, (f, j) => f * Math.Max(1, total - 1 - t - j))).ToArray();
        return Concatenate([p, k]) / FromHost<double>(divisors, [total], p.DType);
    }

    /// <summary>
    /// The Vandermonde matrix of a vector: column j is x^(N-1-j), or x^j when <paramref name="increasing"/>;
    /// <paramref name="n"/> columns (by default the length of x). Powers are running products, as NumPy forms them.
    /// </summary>
    public static NDArray Vander(NDArray x, int? n = null, bool increasing = false)
    {
        if (x.Ndim != 1) throw new ShapeException($"vander: x must be one-dimensional, got shape {Shapes.Format(x.Aval.Shape)}");
        var columns = n ?? x.Aval.Shape[0];
        if (columns < 0) throw new ArgumentException($"vander: the number of columns must be non-negative, got {columns}", nameof(n));
        if (columns == 0) return Zeros([x.Aval.Shape[0], 0], x.DType);
        var powers = new NDArray[columns];
        powers[0] = OnesLike(x);
        for (var j = 1; j < columns; j++) powers[j] = j == 1 ? x : Multiply(powers[j - 1], x);
        if (!increasing) System.Array.Reverse(powers);
        return Stack(powers, 1);
    }

    private static NDArray TrimLeadingZeros(NDArray a)
    {
        if (!a.IsConcrete)
            throw new ConcretizationTypeError("polymul: trimLeadingZeros makes the output length depend on the values, which are traced here; trim before the transformation");
        var values = a.ToArray<double>();
        var first = System.Array.FindIndex(values, v => v != 0);
        return first < 0 ? Lax.SliceInDim(a, 0, 0) : Lax.SliceInDim(a, first, values.Length);
    }
}
