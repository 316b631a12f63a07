namespace JaxNet.Tests.Api;

/// <summary>Normal distributions computed in double on the host, as references independent of the frontend.</summary>
internal static class GaussianReference
{
    /// <summary>erf by its Maclaurin series; Abramowitz-Stegun 7.1.26 is too coarse for 1e-6. Good to about 1e-9 for
    /// |x| &lt;= 5, where the alternating terms start to cancel.</summary>
    public static double Erf(double x)
    {
        double sum = 0, term = x;
        for (var n = 0; n < 200; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>Φ(z), the standard normal's cdf; exact 0 and 1 beyond 8.</summary>
    public static double Cdf(double z) => z < -8 ? 0 : z > 8 ? 1 : 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    /// <summary>N(diff; 0, cov) for a d-vector and a symmetric positive definite d × d matrix, through its Cholesky
    /// factor L: the quadratic form is |L⁻¹ diff|² and √det(cov) the product of L's diagonal.</summary>
    public static double Density(double[] diff, double[,] cov)
    {
        var d = diff.Length;
        var lower = new double[d, d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j <= i; j++)
            {
                var s = cov[i, j];
                for (var k = 0; k < j; k++) s -= lower[i, k] * lower[j, k];
                lower[i, j] = i == j ? Math.Sqrt(s) : s / lower[j, j];
            }
        var z = new double[d];
        double quadratic = 0, root = 1;
        for (var i = 0; i < d; i++)
        {
            var s = diff[i];
            for (var k = 0; k < i; k++) s -= lower[i, k] * z[k];
            z[i] = s / lower[i, i];
            quadratic += z[i] * z[i];
            root *= lower[i, i];
        }
        return Math.Exp(-0.5 * quadratic) / (Math.Pow(2 * Math.PI, d / 2.0) * root);
    }
}
