using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// The reduction of a square matrix to upper Hessenberg form by Householder similarities (LAPACK's gehd2, with the
/// product of the reflections formed as orghr/unghr does). Only rows and columns ilo..ihi are reduced: balancing has
/// already made the matrix triangular outside them.
/// </summary>
internal static class HostHessenberg<T> where T : struct, INumberBase<T>
{
    /// <summary>Overwrites <paramref name="a"/> with H and returns the unitary Q with A = Q H Qᴴ.</summary>
    public static T[,] Reduce(T[,] a, int ilo, int ihi)
    {
        var n = a.GetLength(0);
        var q = new T[n, n];
        for (var i = 0; i < n; i++) q[i, i] = T.One;
        var v = new T[n];
        // The last step has nothing below the subdiagonal; in complex arithmetic it still makes that entry real.
        for (var k = ilo; k < ihi; k++)
        {
            var reflected = v.AsSpan(0, ihi - k);
            for (var i = 1; i < reflected.Length; i++) reflected[i] = a[k + 1 + i, k];
            var (beta, tau) = Reflector<T>.Make(a[k + 1, k], reflected[1..]);
            reflected[0] = T.One;
            a[k + 1, k] = beta;
            for (var i = k + 2; i <= ihi; i++) a[i, k] = T.Zero;
            Reflector<T>.FromRight(a, reflected, tau, 0, ihi + 1, k + 1);
            Reflector<T>.FromLeft(a, reflected, Scalars<T>.Conj(tau), k + 1, k + 1, n);
            Reflector<T>.FromRight(q, reflected, tau, 0, n, k + 1);
        }
        return q;
    }
}
