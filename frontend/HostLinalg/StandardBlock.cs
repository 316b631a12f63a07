using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// LAPACK's dlanv2: the Schur factorization of a real 2x2 block, [a b; c d] = [cs -sn; sn cs] [aa bb; cc dd]
/// [cs sn; -sn cs], in standard form: either triangular (cc = 0, two real eigenvalues) or with equal diagonal entries
/// and off-diagonal entries of opposite signs (a complex pair aa ± i sqrt(|bb cc|)).
/// </summary>
internal static class StandardBlock
{
    private const double Multiplier = 4;

    /// <summary>The standardized block, its eigenvalues (the one with positive imaginary part first) and the
    /// rotation.</summary>
    public static (double A, double B, double C, double D, Complex First, Complex Second, double Cs, double Sn) Standardize(
        double a, double b, double c, double d)
    {
        double cs = 1, sn = 0;
        if (c != 0 && b == 0)
        {
            // Swap the rows and columns.
            (cs, sn) = (0, 1);
            (a, d) = (d, a);
            (b, c) = (-c, 0);
        }
        // A block with equal diagonal entries and off-diagonal entries of opposite signs is standard already.
        else if (c != 0 && (a - d != 0 || Math.Sign(b) == Math.Sign(c)))
            (a, b, c, d, cs, sn) = Rotate(a, b, c, d);
        var imaginary = c == 0 ? 0 : Math.Sqrt(Math.Abs(b)) * Math.Sqrt(Math.Abs(c));
        return (a, b, c, d, new Complex(a, imaginary), new Complex(d, -imaginary), cs, sn);
    }

    private static (double A, double B, double C, double D, double Cs, double Sn) Rotate(double a, double b, double c, double d)
    {
        var temp = a - d;
        var p = 0.5 * temp;
        var bcmax = Math.Max(Math.Abs(b), Math.Abs(c));
        var bcmis = Math.Min(Math.Abs(b), Math.Abs(c)) * Math.Sign(b) * Math.Sign(c);
        var scale = Math.Max(Math.Abs(p), bcmax);
        var z = p / scale * p + bcmax / scale * bcmis;
        if (z >= Multiplier * Reals.Ulp)
        {
            // Real eigenvalues: make the block upper triangular.
            z = p + Math.CopySign(Math.Sqrt(scale) * Math.Sqrt(z), p);
            var tau = Reals.Hypot(c, z);
            return (d + z, b - c, 0, d - bcmax / z * bcmis, z / tau, c / tau);
        }
        // Complex or nearly equal real eigenvalues: make the diagonal entries equal.
        var sigma = b + c;
        var tau2 = Reals.Hypot(sigma, temp);
        var cs = Math.Sqrt(0.5 * (1 + Math.Abs(sigma) / tau2));
        var sn = -(p / (tau2 * cs)) * (sigma >= 0 ? 1 : -1);
        // [aa bb; cc dd] = [a b; c d] [cs -sn; sn cs], then [a b; c d] = [cs sn; -sn cs] [aa bb; cc dd].
        var (aa, bb) = (a * cs + b * sn, -a * sn + b * cs);
        var (cc, dd) = (c * cs + d * sn, -c * sn + d * cs);
        (a, b) = (aa * cs + cc * sn, bb * cs + dd * sn);
        (c, d) = (-aa * sn + cc * cs, -bb * sn + dd * cs);
        var mean = 0.5 * (a + d);
        (a, d) = (mean, mean);
        if (c == 0) return (a, b, c, d, cs, sn);
        if (b == 0)
            return (a, -c, 0, d, -sn, cs);
        if (Math.Sign(b) != Math.Sign(c)) return (a, b, c, d, cs, sn);
        // Real eigenvalues after all: reduce to upper triangular form.
        var (sab, sac) = (Math.Sqrt(Math.Abs(b)), Math.Sqrt(Math.Abs(c)));
        var root = Math.CopySign(sab * sac, c);
        var t = 1 / Math.Sqrt(Math.Abs(b + c));
        var (cs1, sn1) = (sab * t, sac * t);
        return (mean + root, b - c, 0, mean - root, cs * cs1 - sn * sn1, cs * sn1 + sn * cs1);
    }
}

