namespace JaxNet.Conformance.Numerics;

/// <summary>
/// Float64 implementations of erf, erfc, erf⁻¹, lgamma and digamma, written for accuracy and clarity (the
/// reference may be slow): convergent series with positive terms, a continued fraction for the tails, Stirling's
/// series after shifting the argument up, and Newton steps to polish erf⁻¹. erf, erfc and erf⁻¹ are accurate to
/// a few ulps; lgamma and digamma to about 1e-14 absolute (the upward shift cancels), which is relative too
/// away from their zeros. The tolerances of the suite (1e-12 for f64) are well above both.
/// </summary>
public static class SpecialFunctions
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double SqrtPi = 1.7724538509055159;
    private const double HalfLogTwoPi = 0.91893853320467274;
    private const double EulerGamma = 0.57721566490153286;

    /// <summary>The error function.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x == 0) return x; // keeps the sign of zero
        var a = Math.Abs(x);
        double result;
        if (a >= 6) result = 1;
        else if (a < 2.5) result = ErfSeries(a);
        else result = 1 - ErfcContinuedFraction(a);
        return x < 0 ? -result : result;
    }

    /// <summary>The complementary error function 1 - erf(x), accurate in the tails.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 0.5) return 1 - Erf(x);
        if (x < 2) return 1 - ErfSeries(x);
        if (x > 27.3) return 0;
        return ErfcContinuedFraction(x);
    }

    /// <summary>
    /// erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)): every term is positive, so nothing
    /// cancels (unlike the Maclaurin series), and it converges for every x.
    /// </summary>
    private static double ErfSeries(double x)
    {
        var x2 = x * x;
        var term = x;
        var sum = x;
        for (var n = 1; n < 500; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    /// <summary>erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) by Lentz's method, for x &gt;= 2.</summary>
    private static double ErfcContinuedFraction(double x)
    {
        const double tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var n = 1; n < 500; n++)
        {
            var an = n / 2.0;
            d = x + an * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-x * x) / SqrtPi / f;
    }

    /// <summary>The inverse error function on [-1, 1]: ±inf at ±1, NaN outside.</summary>
    public static double ErfInv(double y)
    {
        if (double.IsNaN(y) || y < -1 || y > 1) return double.NaN;
        if (y == 1) return double.PositiveInfinity;
        if (y == -1) return double.NegativeInfinity;
        if (y == 0) return y;
        var a = Math.Abs(y);
        var x = ErfInvInitialGuess(a);
        // Newton on erf(x) = a near 0, and on erfc(x) = 1 - a in the tail, where 1 - a is exact (Sterbenz) and
        // erfc keeps the relative accuracy that erf has lost.
        for (var i = 0; i < 8; i++)
        {
            var residual = a < 0.5 ? Erf(x) - a : (1 - a) - Erfc(x);
            var derivative = TwoOverSqrtPi * Math.Exp(-x * x);
            var step = residual / derivative;
            x -= step;
            if (Math.Abs(step) <= Math.Abs(x) * 1e-17) break;
        }
        return y < 0 ? -x : x;
    }

    /// <summary>Giles' single-precision approximation ("Approximating the erfinv function", 2010), polished by Newton.</summary>
    private static double ErfInvInitialGuess(double a)
    {
        var w = -Math.Log((1 - a) * (1 + a));
        double p;
        if (w < 5)
        {
            w -= 2.5;
            p = 2.81022636e-08;
            p = 3.43273939e-07 + p * w;
            p = -3.5233877e-06 + p * w;
            p = -4.39150654e-06 + p * w;
            p = 0.00021858087 + p * w;
            p = -0.00125372503 + p * w;
            p = -0.00417768164 + p * w;
            p = 0.246640727 + p * w;
            p = 1.50140941 + p * w;
        }
        else
        {
            w = Math.Sqrt(w) - 3;
            p = -0.000200214257;
            p = 0.000100950558 + p * w;
            p = 0.00134934322 + p * w;
            p = -0.00367342844 + p * w;
            p = 0.00573950773 + p * w;
            p = -0.0076224613 + p * w;
            p = 0.00943887047 + p * w;
            p = 1.00167406 + p * w;
            p = 2.83297682 + p * w;
        }
        return p * a;
    }

    /// <summary>log|Γ(x)|: +inf at the poles (0 and the negative integers) and at ±inf.</summary>
    public static double Lgamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsInfinity(x)) return double.PositiveInfinity;
        if (x <= 0 && x == Math.Floor(x)) return double.PositiveInfinity;
        if (Math.Abs(x) < 1e-8) return -Math.Log(Math.Abs(x)) - EulerGamma * x;
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1-x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(SinPi(x))) - Lgamma(1 - x);
        }
        if (x == 1 || x == 2) return 0;
        // Shift up to x >= 10, where Stirling's series converges to double precision.
        var shift = 0.0;
        while (x < 10)
        {
            shift += Math.Log(x);
            x += 1;
        }
        var inv = 1 / x;
        var inv2 = inv * inv;
        var series = inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260 + inv2 * (-1.0 / 1680 +
            inv2 * (1.0 / 1188 + inv2 * (-691.0 / 360360 + inv2 * (1.0 / 156)))))));
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series - shift;
    }

    /// <summary>The digamma function ψ = Γ'/Γ. NaN at the poles (0 and the negative integers) and at -inf, as XLA.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsPositiveInfinity(x)) return x;
        if (double.IsNegativeInfinity(x)) return double.NaN;
        if (x <= 0 && x == Math.Floor(x)) return double.NaN;
        if (Math.Abs(x) < 1e-8) return -1 / x - EulerGamma + Math.PI * Math.PI / 6 * x;
        if (x < 0.5)
        {
            // Reflection: ψ(1-x) - ψ(x) = π cot(πx).
            return Digamma(1 - x) - Math.PI * CosPi(x) / SinPi(x);
        }
        var shift = 0.0;
        while (x < 10)
        {
            shift += 1 / x;
            x += 1;
        }
        var inv2 = 1 / (x * x);
        var series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 -
            inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 * (1.0 / 12)))))));
        return Math.Log(x) - 0.5 / x - series - shift;
    }

    /// <summary>sin(πx), exact at the integers (the argument is reduced modulo 2 exactly first).</summary>
    public static double SinPi(double x)
    {
        var r = x - 2 * Math.Round(x / 2); // exact, in [-1, 1]
        if (r == Math.Floor(r)) return 0;
        return Math.Sin(Math.PI * r);
    }

    /// <summary>cos(πx), exact at the half-integers.</summary>
    public static double CosPi(double x)
    {
        var r = Math.Abs(x - 2 * Math.Round(x / 2));
        if (r == 0.5) return 0;
        return Math.Cos(Math.PI * r);
    }
}
