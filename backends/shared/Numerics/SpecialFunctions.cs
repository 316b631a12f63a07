namespace JaxNet.Backends.Shared.Numerics;

/// <summary>
/// Double-precision special functions the BCL lacks (or computes inaccurately near zero): log1p, expm1, erf,
/// erfinv, lgamma and digamma. Float dtypes evaluate these in double and round the result. Shared as source by the
/// tpu-sim and cuda plugins (each compiles its own copy); the reflections are not recursive, so ILGPU can compile them for a GPU.
/// </summary>
internal static class SpecialFunctions
{
    /// <summary>log(1 + x), accurate for tiny x (Kahan's trick: the rounding error of 1 + x cancels).</summary>
    public static double Log1p(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsInfinity(u) || u <= 0) return SpecialMath.Log(u);
        // x / (u - 1) first: it is close to 1, while SpecialMath.Log(u) * x overflows for x near the largest double.
        return SpecialMath.Log(u) * (x / (u - 1.0));
    }

    /// <summary>exp(x) - 1, accurate for tiny x.</summary>
    public static double Expm1(double x)
    {
        // Kahan: the rounding error of exp(x) cancels in (u - 1) / log(u).
        var u = SpecialMath.Exp(x);
        if (u == 1.0) return x;
        var um1 = u - 1.0;
        if (um1 == -1.0 || double.IsInfinity(u)) return um1;
        // x / log(u) first: it is close to 1, while um1 * x overflows when e^x is near the largest double.
        return um1 * (x / SpecialMath.Log(u));
    }

    /// <summary>
    /// The error function: its Maclaurin series below 2.5, 2/sqrt(pi) (x + x sum), the leading x kept apart from the
    /// small alternating sum so that it rounds once; 1 - erfc in the tails.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        var a = SpecialMath.Abs(x);
        if (a < 2.5)
        {
            // erf x = 2/sqrt(pi) (x + sum_{n >= 1} (-1)^n x^(2n+1) / (n! (2n+1)))
            double term = 1, sum = 0, x2 = a * a;
            for (var n = 1; n < 200; n++)
            {
                term *= -x2 / n;
                var add = term / (2 * n + 1);
                sum += add;
                if (SpecialMath.Abs(add) < 1e-18) break;
            }
            var leading = TwoOverSqrtPi * a;
            return SpecialMath.CopySign(leading + leading * sum, x);
        }
        return SpecialMath.CopySign(1.0 - Erfc(a), x);
    }

    /// <summary>
    /// erfc for x &gt;= <see cref="ErfcStart"/> by Lentz's continued fraction, to a few ulps relative to itself (it
    /// converges within 300 terms from there, within 40 from 2.5).
    /// </summary>
    private static double Erfc(double x)
    {
        if (x > 27) return 0;
        // erfc x = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (var n = 1; n < 1000; n++)
        {
            var an = n * 0.5;
            d = x + an * d;
            d = SpecialMath.Abs(d) < tiny ? tiny : d;
            c = x + an / c;
            c = SpecialMath.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (SpecialMath.Abs(delta - 1) < 1e-16) break;
        }
        return SpecialMath.Exp(-x * x) / (f * 1.7724538509055160);
    }

    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>Where erfinv's residual moves from erf onto erfc (erf 0.875 = 0.78).</summary>
    private const double ErfcStart = 0.875;

    /// <summary>
    /// The inverse error function: Giles' single-precision approximation refined by Newton steps. From x = 0.875 the
    /// steps solve log erfc x = log(1 - a) (1 - a is exact, erfc keeps its relative precision): erf x - a would lose
    /// all digits near 1 (erf x rounds to 1 from 1 - 2^-54), and the logarithm is nearly quadratic in the tail, where
    /// Giles' start is 12% low at 1 - 2^-53 and plain Newton on erfc would creep up to the root. Within 4 ulps of a
    /// 60-digit reference (tests/oracle/erfinv_oracle.py) from 0.3 to 1 - 2^-53.
    /// </summary>
    public static double ErfInv(double y)
    {
        if (double.IsNaN(y) || y < -1 || y > 1) return double.NaN;
        if (y == 1) return double.PositiveInfinity;
        if (y == -1) return double.NegativeInfinity;
        if (y == 0) return y;
        var a = SpecialMath.Abs(y);
        var t = 1.0 - a;
        var x = ErfInvStart(a);
        for (var i = 0; i < 10; i++)
        {
            var slope = TwoOverSqrtPi * SpecialMath.Exp(-x * x);
            double step;
            if (x < ErfcStart)
            {
                step = (Erf(x) - a) / slope;
            }
            else
            {
                // log erfc x - log t = log1p((erfc x - t) / t), over the slope of log erfc, -slope / erfc x.
                var erfc = Erfc(x);
                step = -Log1p((erfc - t) / t) * erfc / slope;
            }
            x -= step;
            if (SpecialMath.Abs(step) <= 2.220446049250313e-16 * x) break;
        }
        return SpecialMath.CopySign(x, y);
    }

    /// <summary>Giles' approximation of erfinv a: a polynomial in w = -log(1 - a^2), central below w = 5, in sqrt(w)
    /// above (2e-8 relative up to 1 - 2^-24, then falling to 12% low at 1 - 2^-53).</summary>
    private static double ErfInvStart(double a)
    {
        var w = -SpecialMath.Log((1.0 - a) * (1.0 + a));
        double p;
        if (w < 5)
        {
            w -= 2.5;
            p = 2.81022636e-08;
            p = 3.43273939e-07 + p * w; p = -3.5233877e-06 + p * w; p = -4.39150654e-06 + p * w;
            p = 0.00021858087 + p * w; p = -0.00125372503 + p * w; p = -0.00417768164 + p * w;
            p = 0.246640727 + p * w; p = 1.50140941 + p * w;
        }
        else
        {
            w = SpecialMath.Sqrt(w) - 3;
            p = -0.000200214257;
            p = 0.000100950558 + p * w; p = 0.00134934322 + p * w; p = -0.00367342844 + p * w;
            p = 0.00573950773 + p * w; p = -0.0076224613 + p * w; p = 0.00943887047 + p * w;
            p = 1.00167406 + p * w; p = 2.83297682 + p * w;
        }
        return p * a;
    }

    /// <summary>log|Gamma(x)|: reflection below 0.5, recurrence up to 15, then Stirling's series. Poles give +inf.</summary>
    public static double Lgamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsInfinity(x)) return double.PositiveInfinity;
        if (x <= 0 && SpecialMath.Floor(x) == x) return double.PositiveInfinity;
        // Near zero Gamma(x) ~ 1/x - euler_gamma; sin(pi x) would underflow for subnormal x.
        if (SpecialMath.Abs(x) < 1e-10) return -SpecialMath.Log(SpecialMath.Abs(x)) - 0.57721566490153286 * x;
        if (x < 0.5)
            return SpecialMath.Log(SpecialMath.PI / SpecialMath.Abs(SpecialMath.Sin(SpecialMath.PI * x))) - LgammaAboveHalf(1 - x);
        return LgammaAboveHalf(x);
    }

    // Split from Lgamma so that the reflection is not recursive: GPU kernels cannot recurse.
    private static double LgammaAboveHalf(double x)
    {
        if (x == 1 || x == 2) return 0;
        // Gamma(x) = Gamma(x + n) / (x (x+1) ... (x+n-1)).
        double shift = 1;
        while (x < 15)
        {
            shift *= x;
            x += 1;
        }
        var f = 1 / (x * x);
        var series = (1.0 / 12 - f * (1.0 / 360 - f * (1.0 / 1260 - f * (1.0 / 1680 - f * (1.0 / 1188))))) / x;
        return (x - 0.5) * SpecialMath.Log(x) - x + 0.91893853320467274 + series - SpecialMath.Log(shift);
    }

    /// <summary>The digamma function psi(x): reflection, recurrence up to 12, then the asymptotic series.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || x == double.NegativeInfinity) return double.NaN;
        if (x == double.PositiveInfinity) return x;
        if (x <= 0 && SpecialMath.Floor(x) == x) return double.NaN;
        if (x < 0) return DigammaPositive(1 - x) - SpecialMath.PI / SpecialMath.Tan(SpecialMath.PI * x);
        return DigammaPositive(x);
    }

    // Split from Digamma so that the reflection is not recursive: GPU kernels cannot recurse.
    private static double DigammaPositive(double x)
    {
        double result = 0;
        while (x < 12)
        {
            result -= 1 / x;
            x += 1;
        }
        var f = 1 / (x * x);
        var series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132 - f * (691.0 / 32760 - f / 12))))));
        return result + SpecialMath.Log(x) - 0.5 / x - series;
    }
}
