using JaxNet.Core;

namespace JaxNet.Spectral;

/// <summary>
/// What the spectral decompositions (Eigh, Svd, Qr) share around their one-matrix algorithms: argument checks,
/// promotion, mapping over leading batch axes, the dtype's epsilon, and the guards that keep iterations finite and
/// in range (scaling, NaN for non-finite input).
/// </summary>
internal static class Matrices
{
    /// <summary>The input as a float or complex array of matrices [..., m, n] (integers promote to the default float),
    /// or a <see cref="ShapeException"/> naming <paramref name="function"/> and the shape.</summary>
    public static NDArray Checked(NDArray a, string function, bool square)
    {
        LinalgMatrices.CheckMatrix($"Jax.Scipy.Linalg.{function}", a, square);
        return Jnp.PromoteInexact(a)[0];
    }

    /// <summary>
    /// <paramref name="f"/>, a function of one matrix with <paramref name="outputs"/> results, applied to every matrix
    /// of <paramref name="a"/> [..., m, n]: the leading axes are flattened into one and vmapped, and each result gets
    /// them back in front. An empty batch gives empty results of the right shapes.
    /// </summary>
    public static NDArray[] Map(Func<NDArray, NDArray[]> f, NDArray a, int outputs)
    {
        if (a.Ndim == 2) return f(a);
        var batch = a.Shape[..^2];
        var count = batch.Aggregate(1, (x, y) => x * y);
        NDArray[] results;
        if (count == 0)
        {
            var one = Jax.EvalShape(x => f(x[0]), Jnp.Zeros(a.Shape[^2..], a.DType));
            results = one.Select(s => Jnp.Zeros([0, .. s.Shape], s.DType)).ToArray();
        }
        else
        {
            var flat = Jax.Lax.Reshape(a, [count, .. a.Shape[^2..]]);
            results = Jax.Vmap(x => f(x[0]), [0], new int[outputs])([flat]);
        }
        return results.Select(r => Jax.Lax.Reshape(r, [.. batch, .. r.Shape[1..]])).ToArray();
    }

    /// <summary>numpy's finfo(dtype).eps: the distance from 1 to the next larger number (of the parts' type, for a
    /// complex dtype).</summary>
    public static double Epsilon(DType dtype) => dtype.RealPart() switch
    {
        DType.Float64 => Math.ScaleB(1, -52),
        DType.Float32 => Math.ScaleB(1, -23),
        DType.Float16 => Math.ScaleB(1, -10),
        DType.BFloat16 => Math.ScaleB(1, -7),
        _ => throw new ArgumentException($"not a float dtype: {dtype}"),
    };

    /// <summary>
    /// The largest magnitude in <paramref name="a"/>, or 1 where that is 0 or not finite. The algorithms run on
    /// a / scale, whose entries are at most 1, so that the sums of squares they form neither overflow nor underflow
    /// for matrices of huge or tiny numbers.
    /// </summary>
    public static NDArray Scale(NDArray a)
    {
        var largest = Jnp.Max(Jnp.Abs(a));
        return Jnp.Where(Jnp.IsFinite(largest) & (largest > 0), largest, Jnp.OnesLike(largest));
    }

    /// <summary>Whether every entry is finite: where one is not, the decompositions return NaN everywhere rather than
    /// whatever a stopped iteration left behind.</summary>
    public static NDArray AllFinite(NDArray a) => Jnp.All(Jnp.IsFinite(a));

    /// <summary><paramref name="x"/> where <paramref name="ok"/>, else NaN in every entry.</summary>
    public static NDArray NanUnless(NDArray ok, NDArray x) => Jnp.Where(ok, x, Jnp.FullLike(x, double.NaN));

    /// <summary>An int32 scalar (a start index for dynamic slices, a loop counter).</summary>
    public static NDArray Int(int value) => NDArray.FromScalar(Core.Scalar.Of(DType.Int32, value), false);
}
