using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// The real Schur form of an upper Hessenberg matrix by Francis double-shift QR iterations (LAPACK's dlahqr, the
/// routine dhseqr uses for small matrices): H = Z T Zᵀ with T quasi-triangular, its 2x2 diagonal blocks standardized
/// complex-conjugate pairs. The implicit double shift keeps the arithmetic real, so conjugate eigenvalues come out
/// exactly conjugate.
/// </summary>
internal static class RealSchur
{
    // Exceptional shifts every 10 iterations without a deflation, with dlahqr's constants.
    private const int ExceptionalEvery = 10;
    private const double ExceptionalScale = 0.75;
    private const double ExceptionalOffDiagonal = -0.4375;

    /// <summary>
    /// Overwrites <paramref name="h"/> with T and accumulates the rotations into <paramref name="z"/>; rows and columns
    /// outside ilo..ihi are already triangular. Returns the eigenvalues (a pair with the positive imaginary part first),
    /// or null when an eigenvalue did not converge in 30 iterations per row, as dlahqr's info &gt; 0.
    /// </summary>
    public static Complex[]? Decompose(double[,] h, double[,] z, int ilo, int ihi)
    {
        var n = h.GetLength(0);
        var w = new Complex[n];
        for (var i = 0; i < n; i++)
            if (i < ilo || i > ihi) w[i] = h[i, i];
        var converged = Deflation<double>.Iterate(h, ilo, ihi, 2, (l, i, sinceDeflation) =>
        {
            var (shift1, shift2) = Shifts(h, l, i, sinceDeflation);
            var (m, v) = StartingColumn(h, l, i, shift1, shift2);
            Sweep(h, z, l, m, i, v);
        }, (l, i) =>
        {
            if (l == i) w[i] = h[i, i];
            else Standardize(h, z, i, w);
        });
        return converged ? w : null;
    }

    // The two shifts: the eigenvalues of the trailing 2x2 block (a complex pair, or the real one closer to h[i, i]
    // twice), or an exceptional pair built from the subdiagonal after 10 and 20 iterations without a deflation.
    private static (Complex First, Complex Second) Shifts(double[,] h, int l, int i, int sinceDeflation)
    {
        double h11, h12, h21, h22;
        if (sinceDeflation % (2 * ExceptionalEvery) == 0)
        {
            var s = Math.Abs(h[i, i - 1]) + Math.Abs(h[i - 1, i - 2]);
            (h11, h12, h21, h22) = (ExceptionalScale * s + h[i, i], ExceptionalOffDiagonal * s, s, ExceptionalScale * s + h[i, i]);
        }
        else if (sinceDeflation % ExceptionalEvery == 0)
        {
            var s = Math.Abs(h[l + 1, l]) + Math.Abs(h[l + 2, l + 1]);
            (h11, h12, h21, h22) = (ExceptionalScale * s + h[l, l], ExceptionalOffDiagonal * s, s, ExceptionalScale * s + h[l, l]);
        }
        else
            (h11, h12, h21, h22) = (h[i - 1, i - 1], h[i - 1, i], h[i, i - 1], h[i, i]);
        var scale = Math.Abs(h11) + Math.Abs(h12) + Math.Abs(h21) + Math.Abs(h22);
        if (scale == 0) return (0, 0);
        (h11, h12, h21, h22) = (h11 / scale, h12 / scale, h21 / scale, h22 / scale);
        var trace = (h11 + h22) / 2;
        var det = (h11 - trace) * (h22 - trace) - h12 * h21;
        var disc = Math.Sqrt(Math.Abs(det));
        if (det >= 0) return (new Complex(trace * scale, disc * scale), new Complex(trace * scale, -disc * scale));
        var (r1, r2) = (trace + disc, trace - disc);
        var closer = Math.Abs(r1 - h22) <= Math.Abs(r2 - h22) ? r1 : r2;
        return (closer * scale, closer * scale);
    }

    // Where the double-shift sweep starts: the last m whose subdiagonal entry is small enough that starting there does
    // not change the rest (two consecutive small subdiagonals), and the first column of (H - s1)(H - s2) from row m.
    private static (int M, double[] V) StartingColumn(double[,] h, int l, int i, Complex s1, Complex s2)
    {
        var v = new double[3];
        for (var m = i - 2; ; m--)
        {
            var s = Math.Abs(h[m, m] - s2.Real) + Math.Abs(s2.Imaginary) + Math.Abs(h[m + 1, m]);
            var h21s = h[m + 1, m] / s;
            v[0] = h21s * h[m, m + 1] + (h[m, m] - s1.Real) * ((h[m, m] - s2.Real) / s) - s1.Imaginary * (s2.Imaginary / s);
            v[1] = h21s * (h[m, m] + h[m + 1, m + 1] - s1.Real - s2.Real);
            v[2] = h21s * h[m + 2, m + 1];
            s = Math.Abs(v[0]) + Math.Abs(v[1]) + Math.Abs(v[2]);
            for (var k = 0; k < 3; k++) v[k] /= s;
            if (m == l) return (m, v);
            var h00 = Math.Abs(h[m, m - 1]) * (Math.Abs(v[1]) + Math.Abs(v[2]));
            var h01 = Math.Abs(v[0]) * (Math.Abs(h[m - 1, m - 1]) + Math.Abs(h[m, m]) + Math.Abs(h[m + 1, m + 1]));
            if (h00 <= Reals.Ulp * h01) return (m, v);
        }
    }

    // One implicit double-shift QR sweep over rows m..i: a 3-element reflection starts the bulge, which reflections of
    // the next columns chase down and off the matrix. T is kept whole (the rows right of i and the columns above l are
    // updated too), and Z accumulates the reflections.
    private static void Sweep(double[,] h, double[,] z, int l, int m, int i, double[] start)
    {
        var n = h.GetLength(0);
        Span<double> v = stackalloc double[3];
        for (var k = m; k < i; k++)
        {
            var nr = Math.Min(3, i - k + 1);
            var reflected = v[..nr];
            if (k > m)
                for (var r = 0; r < nr; r++) reflected[r] = h[k + r, k - 1];
            else
                start.AsSpan(0, nr).CopyTo(reflected);
            var (beta, tau) = Reflector<double>.Make(reflected[0], reflected[1..]);
            reflected[0] = 1;
            if (k > m)
            {
                h[k, k - 1] = beta;
                h[k + 1, k - 1] = 0;
                if (k < i - 1) h[k + 2, k - 1] = 0;
            }
            // dlahqr's form of h[k, k-1] = -h[k, k-1], safe when the reflection's tail underflows.
            else if (m > l) h[k, k - 1] *= 1 - tau;
            Reflector<double>.FromLeft(h, reflected, tau, k, k, n);
            Reflector<double>.FromRight(h, reflected, tau, 0, Math.Min(k + 3, i) + 1, k);
            Reflector<double>.FromRight(z, reflected, tau, 0, n, k);
        }
    }

    // A 2x2 block at rows i-1, i has split off: its standard form, and the rotation applied to the rest of T and to Z.
    private static void Standardize(double[,] h, double[,] z, int i, Complex[] w)
    {
        var n = h.GetLength(0);
        var block = StandardBlock.Standardize(h[i - 1, i - 1], h[i - 1, i], h[i, i - 1], h[i, i]);
        (h[i - 1, i - 1], h[i - 1, i], h[i, i - 1], h[i, i]) = (block.A, block.B, block.C, block.D);
        (w[i - 1], w[i]) = (block.First, block.Second);
        var (cs, sn) = (block.Cs, block.Sn);
        for (var j = i + 1; j < n; j++) (h[i - 1, j], h[i, j]) = (cs * h[i - 1, j] + sn * h[i, j], cs * h[i, j] - sn * h[i - 1, j]);
        for (var j = 0; j < i - 1; j++) (h[j, i - 1], h[j, i]) = (cs * h[j, i - 1] + sn * h[j, i], cs * h[j, i] - sn * h[j, i - 1]);
        for (var j = 0; j < n; j++) (z[j, i - 1], z[j, i]) = (cs * z[j, i - 1] + sn * z[j, i], cs * z[j, i] - sn * z[j, i - 1]);
    }
}
