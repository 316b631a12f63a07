using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// Where a Hessenberg matrix splits during QR iterations: the test of LAPACK's dlahqr and zlahqr for a negligible
/// subdiagonal entry (relative to its diagonal neighbours, then Ahues and Kressner's conservative refinement, which also
/// looks at the entry above the diagonal, so that graded matrices keep their small eigenvalues accurate).
/// </summary>
internal static class Deflation<T> where T : struct, INumberBase<T>
{
    /// <summary>The tiny subdiagonal magnitude treated as zero whatever its neighbours: safe minimum x n / ulp.</summary>
    public static double SmallNumber(int n) => Reals.SafeMinimum * (n / Reals.Ulp);

    /// <summary>
    /// The QR iteration's outer loop: the active window ends at row i; each pass finds where it splits (l), and a window
    /// of at most <paramref name="blockSize"/> rows has converged (<paramref name="converged"/>(l, i) reads its
    /// eigenvalues); otherwise <paramref name="sweep"/>(l, i, sweeps since the last deflation) runs one QR sweep on
    /// rows l..i. False when a window does not converge in 30 sweeps per row of the matrix (LAPACK's info &gt; 0).
    /// </summary>
    public static bool Iterate(T[,] h, int ilo, int ihi, int blockSize, Action<int, int, int> sweep, Action<int, int> converged)
    {
        var itmax = 30 * Math.Max(10, ihi - ilo + 1);
        var sinceDeflation = 0;
        for (var i = ihi; i >= ilo;)
        {
            var l = ilo;
            for (var its = 0; ; its++)
            {
                if (its > itmax) return false;
                l = Split(h, ilo, ihi, l, i);
                if (l > ilo) h[l, l - 1] = T.Zero;
                if (l > i - blockSize) break;
                sweep(l, i, ++sinceDeflation);
            }
            converged(l, i);
            sinceDeflation = 0;
            i = l - 1;
        }
        return true;
    }

    /// <summary>The largest k in l+1..i whose subdiagonal entry h[k, k-1] is negligible, or l when none is.</summary>
    public static int Split(T[,] h, int ilo, int ihi, int l, int i)
    {
        var smallNumber = SmallNumber(ihi - ilo + 1);
        for (var k = i; k > l; k--)
        {
            var sub = Abs(h[k, k - 1]);
            if (sub <= smallNumber) return k;
            var test = Abs(h[k - 1, k - 1]) + Abs(h[k, k]);
            if (test == 0)
            {
                if (k - 2 >= ilo) test += Abs(h[k - 1, k - 2]);
                if (k + 1 <= ihi) test += Abs(h[k + 1, k]);
            }
            if (sub > Reals.Ulp * test) continue;
            var above = Abs(h[k - 1, k]);
            var gap = Abs(h[k - 1, k - 1] - h[k, k]);
            var (ab, ba) = (Math.Max(sub, above), Math.Min(sub, above));
            var (aa, bb) = (Math.Max(Abs(h[k, k]), gap), Math.Min(Abs(h[k, k]), gap));
            var s = aa + ab;
            if (ba * (ab / s) <= Math.Max(smallNumber, Reals.Ulp * (bb * (aa / s)))) return k;
        }
        return l;
    }

    private static double Abs(T x) => Scalars<T>.Abs1(x);
}
