using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// LAPACK's gebal with job 'B' and its inverse gebak: permutations that isolate eigenvalues a row or column already
/// shows (so a triangular matrix is not iterated on at all, and its eigenvalues are its diagonal exactly), then a
/// diagonal similarity by powers of 2 (exact) that brings the norms of each row and column of the rest together,
/// which makes the eigenvalues of badly scaled matrices accurate.
/// </summary>
internal sealed class Balancing<T> where T : struct, INumberBase<T>
{
    private const double Radix = 2;

    private Balancing(int ilo, int ihi, double[] scale) => (Ilo, Ihi, Scale) = (ilo, ihi, scale);

    /// <summary>The first and last rows of the part still to reduce; outside it the matrix is triangular.</summary>
    public int Ilo { get; }

    public int Ihi { get; }

    // Outside ilo..ihi the index each row was swapped with, inside the scale factor of each row and column.
    private double[] Scale { get; }

    /// <summary>Balances <paramref name="a"/> in place (its entries must be finite).</summary>
    public static Balancing<T> Balance(T[,] a)
    {
        var n = a.GetLength(0);
        var scale = new double[n];
        if (n == 0) return new Balancing<T>(0, -1, scale);
        var (ilo, ihi) = (0, n - 1);
        if (!IsolateRows(a, scale, ref ihi))
        {
            // Every row was isolated: row 0 is the one left, unscaled.
            scale[0] = 1;
            return new Balancing<T>(0, 0, scale);
        }
        IsolateColumns(a, scale, ref ilo, ihi);
        for (var i = ilo; i <= ihi; i++) scale[i] = 1;
        ScaleRowsAndColumns(a, scale, ilo, ihi);
        return new Balancing<T>(ilo, ihi, scale);
    }

    /// <summary>
    /// Maps right eigenvectors of the balanced matrix (columns of <paramref name="v"/>) back to the original one: their
    /// rows are scaled by D, then swapped back.
    /// </summary>
    public void BackTransform<TV>(TV[,] v) where TV : struct, INumberBase<TV>
    {
        var (n, m) = (v.GetLength(0), v.GetLength(1));
        for (var i = Ilo; i <= Ihi; i++)
        {
            var s = Scalars<TV>.FromReal(Scale[i]);
            for (var j = 0; j < m; j++) v[i, j] *= s;
        }
        for (var k = 0; k < n; k++)
        {
            if (k >= Ilo && k <= Ihi) continue;
            // Undo the swaps in the reverse order they were made: the isolated columns from ilo down, rows from ihi up.
            var i = k < Ilo ? Ilo - 1 - k : k;
            var other = (int)Scale[i];
            if (other != i) SwapRows(v, i, other, 0, m);
        }
    }

    // Rows whose off-diagonal part within 0..ihi is zero go to the bottom. False when everything was isolated.
    private static bool IsolateRows(T[,] a, double[] scale, ref int ihi)
    {
        var n = a.GetLength(0);
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = ihi; i >= 0; i--)
            {
                if (!OffDiagonalZero(a, i, row: true, 0, ihi)) continue;
                scale[ihi] = i;
                if (i != ihi)
                {
                    SwapColumns(a, i, ihi, 0, ihi + 1);
                    SwapRows(a, i, ihi, 0, n);
                }
                changed = true;
                if (ihi == 0) return false;
                ihi--;
            }
        }
        return true;
    }

    // Columns whose off-diagonal part within ilo..ihi is zero go to the left.
    private static void IsolateColumns(T[,] a, double[] scale, ref int ilo, int ihi)
    {
        var n = a.GetLength(0);
        for (var changed = true; changed;)
        {
            changed = false;
            for (var j = ilo; j <= ihi; j++)
            {
                if (!OffDiagonalZero(a, j, row: false, ilo, ihi)) continue;
                scale[ilo] = j;
                if (j != ilo)
                {
                    SwapColumns(a, j, ilo, 0, ihi + 1);
                    SwapRows(a, j, ilo, ilo, n);
                }
                changed = true;
                ilo++;
            }
        }
    }

    private static bool OffDiagonalZero(T[,] a, int index, bool row, int from, int to)
    {
        for (var k = from; k <= to; k++)
            if (k != index && (row ? a[index, k] : a[k, index]) != T.Zero) return false;
        return true;
    }

    // Scales row i by 1/f and column i by f, f a power of 2, until no such step brings the 2-norms of row and column i
    // within ilo..ihi closer by 5 % (gebal's loop, with its guards against overflow and underflow of the factors).
    private static void ScaleRowsAndColumns(T[,] a, double[] scale, int ilo, int ihi)
    {
        var n = a.GetLength(0);
        var sfmin1 = Reals.SafeMinimum / Reals.Ulp;
        var sfmax1 = 1 / sfmin1;
        var sfmin2 = sfmin1 * Radix;
        var sfmax2 = 1 / sfmin2;
        var row = new T[n];
        var column = new T[n];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = ilo; i <= ihi; i++)
            {
                for (var k = 0; k < n; k++) (row[k], column[k]) = (a[i, k], a[k, i]);
                var c = Scalars<T>.Norm(column.AsSpan(ilo, ihi - ilo + 1));
                var r = Scalars<T>.Norm(row.AsSpan(ilo, ihi - ilo + 1));
                var ca = Scalars<T>.Abs(column[Scalars<T>.ArgMaxAbs1(column.AsSpan(0, ihi + 1))]);
                var ra = Scalars<T>.Abs(row[ilo + Scalars<T>.ArgMaxAbs1(row.AsSpan(ilo))]);
                if (c == 0 || r == 0) continue;
                var (g, f, s) = (r / Radix, 1.0, c + r);
                while (c < g && Math.Max(f, Math.Max(c, ca)) < sfmax2 && Math.Min(r, Math.Min(g, ra)) > sfmin2)
                {
                    (f, c, ca) = (f * Radix, c * Radix, ca * Radix);
                    (r, g, ra) = (r / Radix, g / Radix, ra / Radix);
                }
                g = c / Radix;
                while (g >= r && Math.Max(r, ra) < sfmax2 && Math.Min(Math.Min(f, c), Math.Min(g, ca)) > sfmin2)
                {
                    (f, c, g, ca) = (f / Radix, c / Radix, g / Radix, ca / Radix);
                    (r, ra) = (r * Radix, ra * Radix);
                }
                if (c + r >= 0.95 * s) continue;
                if (f < 1 && scale[i] < 1 && f * scale[i] <= sfmin1) continue;
                if (f > 1 && scale[i] > 1 && scale[i] >= sfmax1 / f) continue;
                scale[i] *= f;
                changed = true;
                var (down, up) = (Scalars<T>.FromReal(1 / f), Scalars<T>.FromReal(f));
                for (var k = ilo; k < n; k++) a[i, k] *= down;
                for (var k = 0; k <= ihi; k++) a[k, i] *= up;
            }
        }
    }

    private static void SwapRows<TV>(TV[,] a, int i, int j, int from, int to)
    {
        for (var k = from; k < to; k++) (a[i, k], a[j, k]) = (a[j, k], a[i, k]);
    }

    private static void SwapColumns(T[,] a, int i, int j, int from, int to)
    {
        for (var k = from; k < to; k++) (a[k, i], a[k, j]) = (a[k, j], a[k, i]);
    }
}
