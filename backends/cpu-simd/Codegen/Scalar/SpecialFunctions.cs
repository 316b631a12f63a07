using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// Float64 implementations of functions .NET lacks or computes inaccurately. Float32 ops call these and
/// round. They serve only without vector hardware and for the special lanes of the vector routines (log1p at or
/// below -1; erfinv at ±1, beyond and NaN; lgamma and digamma at the poles, infinities, NaN): the kernels use
/// VectorMath's (LogFamily, ExpFamily, Erf, ErfInv, Gamma) through VectorLane. Accuracy: a few ulp (log1p, expm1,
/// erf, erfc, erfinv; erfinv within 3 ulps of mpmath over a sweep of (-1, 1)); about 1e-15 absolute near the
/// zeros of lgamma and digamma, relative elsewhere.
/// </summary>
internal static class SpecialFunctions
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double HalfLogTwoPi = 0.91893853320467274;

    /// <summary>log(1 + x) without the cancellation of computing 1 + x first (Goldberg's trick).</summary>
    public static double Log1p(double x)
    {
        if (!(x >= -1d)) return double.NaN;
        var u = 1d + x;
        if (u == 1d) return x;
        if (double.IsInfinity(u)) return u;
        // x / (u - 1) first: it is close to 1, while Math.Log(u) * x overflows for x near the largest double.
        return Math.Log(u) * (x / (u - 1d));
    }

    /// <summary>exp(x) - 1 accurate near 0 (Kahan's trick).</summary>
    public static double Expm1(double x)
    {
        if (x == 0) return x; // keeps -0, as the vector routine does
        if (Math.Abs(x) < 1e-5) return x + 0.5 * x * x + x * x * x / 6d;
        var u = Math.Exp(x);
        if (u == 1d) return x;
        var um1 = u - 1d;
        if (um1 == -1d || double.IsInfinity(u)) return um1;
        // x / log(u) first: it is close to 1, while um1 * x overflows when e^x is near the largest double.
        return um1 * (x / Math.Log(u));
    }

    /// <summary>
    /// erf: below 0.875 its Maclaurin series, 2/sqrt(pi) (x + x sum), the leading x kept apart from the small
    /// alternating sum; from there 1 - erfc, erfc keeping its relative precision (<see cref="Erfc"/>).
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x) || x == 0) return x; // keeps -0, as the vector routine does
        var a = Math.Abs(x);
        var result = a < ErfcTable.Start ? ErfSeries(a) : 1d - Erfc(a);
        return x < 0 ? -result : result;
    }

    /// <summary>2/sqrt(pi) sum (-1)^n a^(2n+1) / (n! (2n+1)) for 0 &lt;= a &lt; 0.875, where the terms fall fast.</summary>
    private static double ErfSeries(double a)
    {
        var x2 = a * a;
        var term = 1d;
        var sum = 0d;
        for (var n = 1; n < 60; n++)
        {
            term *= -x2 / n;
            var add = term / (2 * n + 1);
            sum += add;
            if (Math.Abs(add) < 1e-18) break;
        }
        var leading = TwoOverSqrtPi * a;
        return leading + leading * sum;
    }

    /// <summary>
    /// erfc(x) for x &gt;= 0, accurate relative to its own size: 1 - erf below 0.875 (erfc is above 0.2 there), then
    /// e^(-x^2) times the polynomial of <see cref="ErfcTable"/> to 6, then the continued fraction. x^2 is split with an
    /// FMA, since e^(-x^2) would otherwise carry the rounding of x^2 times x^2 (tens of ulps at 6).
    /// </summary>
    public static double Erfc(double x)
    {
        if (x < ErfcTable.Start) return 1d - Erf(x);
        return x <= ErfcTable.End ? ExpMinusSquare(x) * ErfcTable.Scaled(x) : ErfcContinuedFraction(x);
    }

    /// <summary>e^(-x^2) with x^2 taken exactly as hi + lo (e^(-lo) = 1 - lo to the last bit, lo being below an ulp of hi).</summary>
    private static double ExpMinusSquare(double x)
    {
        var square = x * x;
        var squareLo = Math.FusedMultiplyAdd(x, x, -square);
        return Math.Exp(-square) * (1d - squareLo);
    }

    /// <summary>erfc by its continued fraction (modified Lentz): <see cref="Erfc"/> beyond 6, and a reference for the
    /// tests of erf that shares nothing with <see cref="ErfcTable"/> (it converges within 60 terms from 2.5 on).</summary>
    internal static double ErfcContinuedFraction(double x)
    {
        if (x > 27d) return 0d;
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))).
        const double tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0d;
        for (var k = 1; k < 5000; k++)
        {
            var a = k * 0.5;
            d = x + a * d;
            if (d == 0) d = tiny;
            c = x + a / c;
            if (c == 0) c = tiny;
            d = 1d / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1d) < 1e-16) break;
        }
        return ExpMinusSquare(x) / (f * 1.7724538509055160);
    }

    /// <summary>
    /// The inverse of erf on (-1, 1): a start from w = -log(1 - a^2) (Giles' central polynomial below w = 5, the
    /// vector routine's tail polynomial in sqrt(w) above), then Newton steps. From x = 0.875 the residual is taken
    /// on erfc, (1 - a) - erfc x, where 1 - a is exact and erfc keeps its relative precision (as 1 - erf it lost up to
    /// about 180 ulps of x near 0.993); below, erfc is 1 - erf and the residual erf x - a rounds once less.
    /// </summary>
    public static double ErfInv(double y)
    {
        if (double.IsNaN(y) || y < -1d || y > 1d) return double.NaN;
        if (y == 1d) return double.PositiveInfinity;
        if (y == -1d) return double.NegativeInfinity;
        if (y == 0d) return y;
        var a = Math.Abs(y);
        var x = ErfInvStart(a);
        for (var i = 0; i < 3; i++)
        {
            var residual = x < ErfcTable.Start ? Erf(x) - a : (1d - a) - Erfc(x);
            var slope = TwoOverSqrtPi * Math.Exp(-x * x);
            if (slope == 0d) break;
            x -= residual / slope;
        }
        return y < 0 ? -x : x;
    }

    /// <summary>erfinv(a) to about 2.4e-6 relative: Giles' central polynomial in w - 2.5 below w = 5, then the vector
    /// routine's tail polynomial in sqrt(w) - 4.2 (Giles' own tail fails beyond w = 16, a = 1 - 1e-7).</summary>
    private static double ErfInvStart(double a)
    {
        var w = -Math.Log((1d - a) * (1d + a));
        var (coefficients, t) = w < 5d ? (PolynomialCoefficients.ErfInvCentral, w - 2.5) : (PolynomialCoefficients.ErfInvTail, Math.Sqrt(w) - 4.2);
        var p = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++) p = coefficients[i] + p * t;
        return p * a;
    }

    /// <summary>Lanczos' coefficients for g = 7 (the vector lgamma, VectorMath.Gamma.cs, sums the same terms).</summary>
    internal static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    private const double EulerGamma = 0.57721566490153286061;

    /// <summary>log|Gamma(x)|; +inf at the poles (0, -1, -2, ...).</summary>
    public static double Lgamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsInfinity(x)) return double.PositiveInfinity;
        if (x <= 0 && x == Math.Floor(x)) return double.PositiveInfinity;
        if (x == 1d || x == 2d) return 0d;
        // Near zero Gamma(x) ~ 1/x - gamma: the reflection below would overflow computing pi / sin(pi x).
        if (Math.Abs(x) < 1e-8) return -Math.Log(Math.Abs(x)) - EulerGamma * x;
        if (x < 0.5)
        {
            // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x).
            return Math.Log(Math.PI / Math.Abs(SinPi(x))) - Lgamma(1d - x);
        }
        var z = x - 1d;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++) sum += LanczosCoefficients[i] / (z + i);
        var t = z + 7.5;
        return HalfLogTwoPi + (z + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>The derivative of lgamma; NaN at the poles (0, -1, -2, ...), as XLA.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || double.IsNegativeInfinity(x)) return double.NaN;
        if (double.IsPositiveInfinity(x)) return x;
        if (x <= 0 && x == Math.Floor(x)) return double.NaN;
        var result = 0d;
        if (x < 0.5)
        {
            // Reflection: psi(1 - x) - psi(x) = pi cot(pi x).
            result = -Math.PI * CosPi(x) / SinPi(x);
            x = 1d - x;
        }
        while (x < 10d)
        {
            result -= 1d / x;
            x += 1d;
        }
        var inv2 = 1d / (x * x);
        var series = inv2 * (1d / 12 - inv2 * (1d / 120 - inv2 * (1d / 252 - inv2 * (1d / 240 - inv2 * (1d / 132
            - inv2 * (691d / 32760 - inv2 / 12))))));
        return result + Math.Log(x) - 0.5 / x - series;
    }

    /// <summary>sin(pi x) with the argument reduced exactly, so integers give exact zeros.</summary>
    private static double SinPi(double x)
    {
        var r = x - 2d * Math.Round(x * 0.5);
        if (r > 0.5) r = 1d - r;
        else if (r < -0.5) r = -1d - r;
        return Math.Sin(Math.PI * r);
    }

    private static double CosPi(double x) => SinPi(x + 0.5);
}
