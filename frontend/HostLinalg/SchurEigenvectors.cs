using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// Right eigenvectors from a Schur form A = Z T Zᴴ (LAPACK's trevc with howmny 'B'): for each eigenvalue λ, x with
/// (T - λ) x = 0 by back-substitution on the (quasi-)upper-triangular T, then v = Z x. T is complex here; a real
/// Schur form (its 2x2 diagonal blocks standardized conjugate pairs) is passed with zero imaginary parts, and a pair's
/// second vector is the conjugate of its first. Near-singular pivots are replaced by a small multiple of |λ|, as LAPACK
/// does, so that repeated eigenvalues give finite vectors.
/// </summary>
internal static class SchurEigenvectors
{
    // Beyond this a back-substituted entry is rescaled, with the whole vector, before it can overflow.
    private const double Big = 1e290;

    /// <summary>The n eigenvectors as the columns of an n x n matrix, not yet normalized.</summary>
    public static Complex[,] Right(Complex[,] t, Complex[,] z, Complex[] w)
    {
        var n = t.GetLength(0);
        var v = new Complex[n, n];
        var x = new Complex[n];
        var smallNumber = Reals.SafeMinimum * (n / Reals.Ulp);
        for (var k = n - 1; k >= 0; k--)
        {
            var pair = k > 0 && t[k, k - 1] != Complex.Zero;
            var top = pair ? k - 1 : k;
            var lambda = w[top];
            var smin = Math.Max(Reals.Ulp * (Math.Abs(lambda.Real) + Math.Abs(lambda.Imaginary)), smallNumber);
            Array.Clear(x);
            Start(t, top, pair, lambda, x);
            BackSubstitute(t, lambda, smin, top, x);
            for (var r = 0; r < n; r++)
            {
                var sum = Complex.Zero;
                for (var j = 0; j <= k; j++) sum += z[r, j] * x[j];
                v[r, top] = sum;
                if (pair) v[r, k] = Complex.Conjugate(sum);
            }
            if (pair) k--;
        }
        return v;
    }

    // x on the eigenvalue's own block, and the right-hand sides -T[j, block] x[block] of the rows above it. For a pair
    // [a b; c a] with λ = a + iω, (1, iω/b) or (-ω/c, i), whichever divides by the larger of b and c (trevc's choice).
    private static void Start(Complex[,] t, int top, bool pair, Complex lambda, Complex[] x)
    {
        if (!pair) x[top] = 1;
        else if (Complex.Abs(t[top, top + 1]) >= Complex.Abs(t[top + 1, top]))
            (x[top], x[top + 1]) = (1, new Complex(0, lambda.Imaginary) / t[top, top + 1]);
        else
            (x[top], x[top + 1]) = (-lambda.Imaginary / t[top + 1, top], Complex.ImaginaryOne);
        var last = pair ? top + 1 : top;
        for (var j = 0; j < top; j++)
            for (var c = top; c <= last; c++) x[j] -= t[j, c] * x[c];
    }

    // Solves the rows above the block from the bottom up, one diagonal block (1x1 or 2x2) at a time, subtracting each
    // solved entry's column from the right-hand sides above it.
    private static void BackSubstitute(Complex[,] t, Complex lambda, double smin, int top, Complex[] x)
    {
        for (var j = top - 1; j >= 0;)
        {
            var first = j > 0 && t[j, j - 1] != Complex.Zero ? j - 1 : j;
            SolveBlock(t, lambda, smin, first, j, x);
            Rescale(t, x, first, j);
            for (var r = 0; r < first; r++)
                for (var c = first; c <= j; c++) x[r] -= t[r, c] * x[c];
            j = first - 1;
        }
    }

    // (T[block] - λ) x[block] = x[block], solved for right-hand sides scaled to 1 (so that no intermediate overflows:
    // the solution is then at most about 3/smin); if the solution scaled back would pass Big, the whole vector is
    // scaled down first (trevc's scale factors from dlaln2).
    private static void SolveBlock(Complex[,] t, Complex lambda, double smin, int first, int last, Complex[] x)
    {
        var size = 0.0;
        for (var c = first; c <= last; c++) size = Math.Max(size, Abs1(x[c]));
        if (size == 0) return;
        for (var c = first; c <= last; c++) x[c] /= size;
        if (first == last) x[first] /= Perturbed(t[first, first] - lambda, smin);
        else Solve2x2(t, lambda, smin, first, x);
        var solved = 0.0;
        for (var c = first; c <= last; c++) solved = Math.Max(solved, Abs1(x[c]));
        if (solved > 1 && size > Big / solved)
        {
            var shrink = Big / solved / size;
            for (var r = 0; r < x.Length; r++)
                if (r < first || r > last) x[r] *= shrink;
            size *= shrink;
        }
        for (var c = first; c <= last; c++) x[c] *= size;
    }

    // A pivot smaller than smin is replaced by smin (LAPACK's perturbation for near-singular systems).
    private static Complex Perturbed(Complex d, double smin) => Abs1(d) < smin ? smin : d;

    // (T[f..f+1, f..f+1] - λ) [x_f, x_f+1] = [x_f, x_f+1] by Gaussian elimination with complete pivoting (dlaln2).
    private static void Solve2x2(Complex[,] t, Complex lambda, double smin, int f, Complex[] x)
    {
        var m = new Complex[2, 2] { { t[f, f] - lambda, t[f, f + 1] }, { t[f + 1, f], t[f + 1, f + 1] - lambda } };
        var (pr, pc) = (0, 0);
        for (var r = 0; r < 2; r++)
            for (var c = 0; c < 2; c++)
                if (Abs1(m[r, c]) > Abs1(m[pr, pc])) (pr, pc) = (r, c);
        if (Abs1(m[pr, pc]) < smin)
        {
            (x[f], x[f + 1]) = (x[f] / smin, x[f + 1] / smin);
            return;
        }
        var (or, oc) = (1 - pr, 1 - pc);
        var (bp, bo) = (x[f + pr], x[f + or]);
        var multiplier = m[or, pc] / m[pr, pc];
        var xo = (bo - multiplier * bp) / Perturbed(m[or, oc] - multiplier * m[pr, oc], smin);
        var xp = (bp - m[pr, oc] * xo) / m[pr, pc];
        (x[f + pc], x[f + oc]) = (xp, xo);
    }

    // Scales x down when a new entry is so large that its column's contributions to the rows above could
    // overflow; eigenvectors are normalized later, so only the direction matters.
    private static void Rescale(Complex[,] t, Complex[] x, int first, int last)
    {
        var size = 0.0;
        for (var c = first; c <= last; c++) size = Math.Max(size, Abs1(x[c]));
        var columns = 0.0;
        for (var r = 0; r < first; r++)
            for (var c = first; c <= last; c++) columns += Abs1(t[r, c]);
        if (size <= 1 || columns <= Big / size) return;
        var scale = 1 / size;
        for (var r = 0; r < x.Length; r++) x[r] *= scale;
    }

    private static double Abs1(Complex c) => Scalars<Complex>.Abs1(c);
}
