namespace JaxNet.Bench.Workloads;

/// <summary>
/// Independent references for the rows of functions .NET lacks, used only to check sampled outputs (not timed):
/// each is plain and slow, and accurate enough for the row's tolerance on its range.
/// </summary>
internal static class SpecialFunctionReferences
{
    private const double HalfLogTwoPi = 0.91893853320467274;

    /// <summary>erf by its Maclaurin series, to check the erf row's samples: up to |x| = 4 it loses about 23 bits to cancellation.</summary>
    public static double ErfBySeries(double x)
    {
        double term = x, sum = x;
        for (var n = 1; n < 200; n++)
        {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>The root of erf(x) = y by Newton's method from 0 (erf is concave on each side, so the steps never overshoot).</summary>
    public static double ErfinvByNewton(double y)
    {
        var x = 0d;
        for (var i = 0; i < 200; i++)
        {
            var step = (ErfBySeries(x) - y) / (2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x));
            x -= step;
            if (Math.Abs(step) <= 1e-15 * Math.Abs(x)) break;
        }
        return x;
    }

    /// <summary>log Gamma(x) for x &gt; 0: Stirling's series at x + n &gt;= 30, less the log of the product x (x + 1) ... (x + n - 1).</summary>
    public static double LgammaByStirling(double x)
    {
        var product = 1d;
        for (; x < 30; x++) product *= x;
        var inverse = 1 / x;
        var inverseSquare = inverse * inverse;
        var correction = inverse * (1d / 12 - inverseSquare * (1d / 360 - inverseSquare / 1260));
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + correction - Math.Log(product);
    }

    /// <summary>psi(x) for x &gt; 0: the asymptotic series at x + n &gt;= 30, less the sum of 1 / (x + k) for k &lt; n.</summary>
    public static double DigammaByStirling(double x)
    {
        var shifted = 0d;
        for (; x < 30; x++) shifted += 1 / x;
        var inverseSquare = 1 / (x * x);
        var tail = inverseSquare * (1d / 12 - inverseSquare * (1d / 120 - inverseSquare / 252));
        return Math.Log(x) - 0.5 / x - tail - shifted;
    }
}
