using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// The complex Schur form of an upper Hessenberg matrix, H = Z T Zᴴ with T upper triangular, by single-shift QR
/// iterations as LAPACK's zlahqr does them: Wilkinson's shift (the eigenvalue of the trailing 2x2 block nearer the
/// last diagonal entry), exceptional shifts after 10 and 20 sweeps without a deflation, and the same deflation test.
/// Each sweep chases the bulge with Givens rotations (zlahqr uses 2-element reflections, the same transformations up
/// to phases).
/// </summary>
internal static class ComplexSchur
{
    private const int ExceptionalEvery = 10;
    private const double ExceptionalScale = 0.75;

    /// <summary>Overwrites <paramref name="h"/> with T and accumulates the rotations into <paramref name="z"/>; returns
    /// T's diagonal, or null when an eigenvalue did not converge.</summary>
    public static Complex[]? Decompose(Complex[,] h, Complex[,] z, int ilo, int ihi)
    {
        var n = h.GetLength(0);
        var w = new Complex[n];
        for (var i = 0; i < n; i++)
            if (i < ilo || i > ihi) w[i] = h[i, i];
        var converged = Deflation<Complex>.Iterate(h, ilo, ihi, 1, (l, i, sinceDeflation) => Sweep(h, z, l, i, Shift(h, l, i, sinceDeflation)),
            (_, i) => w[i] = h[i, i]);
        return converged ? w : null;
    }

    private static Complex Shift(Complex[,] h, int l, int i, int sinceDeflation)
    {
        if (sinceDeflation % (2 * ExceptionalEvery) == 0) return ExceptionalScale * Complex.Abs(h[i, i - 1]) + h[i, i];
        if (sinceDeflation % ExceptionalEvery == 0) return ExceptionalScale * Complex.Abs(h[l + 1, l]) + h[l, l];
        // The eigenvalue of [[a, b], [c, d]] nearer d: d - u²/(x + y) with x = (a - d)/2, u² = bc, y = ±sqrt(x² + u²)
        // signed to avoid cancellation.
        var d = h[i, i];
        var u = Complex.Sqrt(h[i - 1, i]) * Complex.Sqrt(h[i, i - 1]);
        var s = Abs1(u);
        if (s == 0) return d;
        var x = 0.5 * (h[i - 1, i - 1] - d);
        var sx = Abs1(x);
        s = Math.Max(s, sx);
        var y = s * Complex.Sqrt(x / s * (x / s) + u / s * (u / s));
        if (sx > 0 && (x / sx).Real * y.Real + (x / sx).Imaginary * y.Imaginary < 0) y = -y;
        return d - u * (u / (x + y));
    }

    // One implicit single-shift sweep over rows l..i: a rotation of rows l, l+1 that the shift chooses makes a bulge
    // below the subdiagonal, which rotations of the next rows chase off the bottom of the window. T is kept whole.
    private static void Sweep(Complex[,] h, Complex[,] z, int l, int i, Complex shift)
    {
        var n = h.GetLength(0);
        var (x, y) = (h[l, l] - shift, h[l + 1, l]);
        for (var k = l; k < i; k++)
        {
            if (k > l) (x, y) = (h[k, k - 1], h[k + 1, k - 1]);
            var (c, s, r) = Givens(x, y);
            if (k > l) (h[k, k - 1], h[k + 1, k - 1]) = (r, Complex.Zero);
            // G = [c s; -conj(s) c] on rows k, k+1 from the left, Gᴴ on columns k, k+1 from the right.
            for (var j = k; j < n; j++)
                (h[k, j], h[k + 1, j]) = (c * h[k, j] + s * h[k + 1, j], -Complex.Conjugate(s) * h[k, j] + c * h[k + 1, j]);
            RotateColumns(h, k, c, s, Math.Min(k + 2, i) + 1);
            RotateColumns(z, k, c, s, n);
        }
    }

    private static void RotateColumns(Complex[,] a, int k, double c, Complex s, int rows)
    {
        for (var r = 0; r < rows; r++)
            (a[r, k], a[r, k + 1]) = (c * a[r, k] + Complex.Conjugate(s) * a[r, k + 1], -s * a[r, k] + c * a[r, k + 1]);
    }

    // c real and s with [c s; -conj(s) c] [x; y] = [r; 0].
    private static (double C, Complex S, Complex R) Givens(Complex x, Complex y)
    {
        if (y == Complex.Zero) return (1, Complex.Zero, x);
        var norm = Reals.Hypot(Complex.Abs(x), Complex.Abs(y));
        if (x == Complex.Zero) return (0, Complex.Conjugate(y) / Complex.Abs(y), norm);
        var phase = x / Complex.Abs(x);
        return (Complex.Abs(x) / norm, phase * Complex.Conjugate(y) / norm, phase * norm);
    }

    private static double Abs1(Complex c) => Scalars<Complex>.Abs1(c);
}
