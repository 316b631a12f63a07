using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// Float64 implementations of functions .NET lacks or computes inaccurately. Float32 ops call these and
/// round. They serve only without vector hardware and for the special lanes of the vector routines (log1p at or
/// below -1; erfinv at ±1, beyond and NaN; lgamma and digamma at the poles, infinities, NaN): the kernels use
/// VectorMath's (LogFamily, ExpFamily, Erf, ErfInv, Gamma) through VectorLane. Accuracy: a few ulp (log1p, expm1,
/// erf); erfinv up to about 180 ulps near 0.993, where its erfc is 1 - erf (the vector erfinv is within 2); about
/// 1e-15 absolute near the zeros of lgamma and digamma, relative elsewhere.
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

    public static double Erf(double x)
    {
        if (double.IsNaN(x) || x == 0) return x; // keeps -0, as the vector routine does
        var a = Math.Abs(x);
        double result;
        if (a < 2.5)
        {
            // erf(x) = 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1)): positive terms, no cancellation.
            var term = a;
            var sum = a;
            var x2 = a * a;
            for (var n = 1; n < 200 && term > sum * 1e-17; n++)
            {
                term *= 2d * x2 / (2 * n + 1);
                sum += term;
            }
            result = TwoOverSqrtPi * Math.Exp(-x2) * sum;
        }
        else
        {
            result = 1d - ErfcLarge(a);
        }
        return x < 0 ? -result : result;
    }

    /// <summary>erfc(x) for x &gt;= 0, accurate relative to its own size.</summary>
    public static double Erfc(double x) => x < 2d ? 1d - Erf(x) : ErfcLarge(x);

    /// <summary>erfc by its continued fraction (modified Lentz), for x &gt;= 2.</summary>
    private static double ErfcLarge(double x)
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
        return Math.Exp(-x * x) / (f * 1.7724538509055160);
    }

    /// <summary>The inverse of erf on (-1, 1): Giles' single-precision approximation, then Newton steps.</summary>
    public static double ErfInv(double y)
    {
        if (double.IsNaN(y) || y < -1d || y > 1d) return double.NaN;
        if (y == 1d) return double.PositiveInfinity;
        if (y == -1d) return double.NegativeInfinity;
        if (y == 0d) return y;
        var a = Math.Abs(y);
        var x = GilesErfInv(a);
        for (var i = 0; i < 3; i++)
        {
            // Near 1 the residual is taken on erfc, where 1 - a is exact, so no digits are lost.
            var residual = a > 0.5 ? (1d - a) - Erfc(x) : Erf(x) - a;
            var slope = TwoOverSqrtPi * Math.Exp(-x * x);
            if (slope == 0d) break;
            x -= residual / slope;
        }
        return y < 0 ? -x : x;
    }

    /// <summary>Giles' single-precision erfinv (its central and tail polynomials: PolynomialCoefficients).</summary>
    private static double GilesErfInv(double x)
    {
        var w = -Math.Log((1d - x) * (1d + x));
        var (coefficients, t) = w < 5d ? (PolynomialCoefficients.ErfInvCentral, w - 2.5) : (PolynomialCoefficients.GilesErfInvTail, Math.Sqrt(w) - 3d);
        var p = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++) p = coefficients[i] + p * t;
        return p * x;
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
