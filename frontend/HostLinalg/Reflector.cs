using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// Householder reflections H = I - tau v vᴴ with v[0] = 1, as LAPACK's dlarfg/zlarfg make them and dlarf/zlarf apply
/// them: Hᴴ maps (alpha, x) onto (beta, 0, ..., 0) with beta real.
/// </summary>
internal static class Reflector<T> where T : struct, INumberBase<T>
{
    /// <summary>
    /// The reflection for (<paramref name="alpha"/>, <paramref name="x"/>): returns beta and tau, and overwrites x with
    /// v[1..]. A vector already of that form (x = 0, alpha real) gives tau = 0, the identity.
    /// </summary>
    public static (T Beta, T Tau) Make(T alpha, Span<T> x)
    {
        var xnorm = Scalars<T>.Norm(x);
        var re = Scalars<T>.Real(alpha);
        if (xnorm == 0 && Scalars<T>.Imag(alpha) == 0) return (alpha, T.Zero);
        var beta = Scalars<T>.FromReal(-Math.CopySign(Reals.Hypot(Scalars<T>.Abs(alpha), xnorm), re));
        var scale = T.One / (alpha - beta);
        for (var i = 0; i < x.Length; i++) x[i] *= scale;
        return (beta, (beta - alpha) / beta);
    }

    /// <summary>a[rows, c0..c1) = (I - tau v vᴴ) a[rows, c0..c1), rows starting at <paramref name="r0"/>.</summary>
    public static void FromLeft(T[,] a, ReadOnlySpan<T> v, T tau, int r0, int c0, int c1)
    {
        if (tau == T.Zero) return;
        for (var j = c0; j < c1; j++)
        {
            var s = T.Zero;
            for (var i = 0; i < v.Length; i++) s += Scalars<T>.Conj(v[i]) * a[r0 + i, j];
            s *= tau;
            for (var i = 0; i < v.Length; i++) a[r0 + i, j] -= v[i] * s;
        }
    }

    /// <summary>a[r0..r1, cols) = a[r0..r1, cols) (I - tau v vᴴ), columns starting at <paramref name="c0"/>.</summary>
    public static void FromRight(T[,] a, ReadOnlySpan<T> v, T tau, int r0, int r1, int c0)
    {
        if (tau == T.Zero) return;
        for (var i = r0; i < r1; i++)
        {
            var s = T.Zero;
            for (var j = 0; j < v.Length; j++) s += a[i, c0 + j] * v[j];
            s *= tau;
            for (var j = 0; j < v.Length; j++) a[i, c0 + j] -= s * Scalars<T>.Conj(v[j]);
        }
    }
}
