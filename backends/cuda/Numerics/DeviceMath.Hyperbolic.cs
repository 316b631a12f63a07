namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// sinh, cosh, tanh and their inverses in fdlibm's structure: sinh by its Taylor series below 1, sinh/cosh/tanh
/// through expm1 (no cancellation near 0; tanh's quotient in double-double) and e^(|x| - ln2) in double-double
/// for large |x|, so results just below the overflow threshold stay finite; asinh/acosh/atanh through log1p near
/// their zeros and log beyond.
/// </summary>
internal static partial class DeviceMath
{
    /// <summary>e^a / 2 for a &gt;= 22, as e^(a - ln2) with the subtraction kept exact.</summary>
    private static double HalfExp(double a)
    {
        var hi = TwoSum(a, -Ln2Hi, out var lo);
        return ExpDoubleDouble(hi, lo - Ln2Lo);
    }

    /// <summary>Hyperbolic sine.</summary>
    public static double Sinh(double x)
    {
        if (IsNaN(x)) return x;
        var a = Math.Abs(x);
        if (a < 1e-9) return x; // keeps -0 and subnormals
        double r;
        if (a < 1.0)
        {
            // Taylor to x^25 (truncation below 2^-90): x + x^3 (1/3! + ...) with the exact x added last.
            var z = a * a;
            r = a + a * z * (0.16666666666666666 + z * (0.008333333333333333 + z * (0.0001984126984126984
                + z * (2.7557319223985893e-06 + z * (2.505210838544172e-08 + z * (1.6059043836821613e-10
                + z * (7.647163731819816e-13 + z * (2.8114572543455206e-15 + z * (8.22063524662433e-18
                + z * (1.9572941063391263e-20 + z * (3.868170170630684e-23 + z * 6.446950284384474e-26)))))))))));
        }
        else if (a < 22.0)
        {
            var t = Expm1(a);
            r = 0.5 * (t + t / (t + 1.0));
        }
        else
        {
            r = HalfExp(a);
        }
        return x < 0.0 ? -r : r;
    }

    /// <summary>Hyperbolic cosine.</summary>
    public static double Cosh(double x)
    {
        if (IsNaN(x)) return x;
        var a = Math.Abs(x);
        if (a < 1e-9) return 1.0;
        if (a < 22.0)
        {
            var t = Exp(a);
            return 0.5 * t + 0.5 / t;
        }
        return HalfExp(a);
    }

    /// <summary>Hyperbolic tangent.</summary>
    public static double Tanh(double x)
    {
        if (IsNaN(x)) return x;
        var a = Math.Abs(x);
        if (a < 1e-9) return x;
        double r;
        if (a >= 22.0) r = 1.0;
        else if (a >= 1.0) r = 1.0 - 2.0 / (Expm1(2.0 * a) + 2.0);
        else
        {
            // t / (t + 2) with t = e^(2a) - 1 and the quotient in double-double.
            var t = Expm1DoubleDouble(2.0 * a, out var tLo);
            var den = TwoSum(t, 2.0, out var denLo);
            denLo += tLo;
            var q = t / den;
            var pHi = TwoProduct(q, den, out var pLo);
            r = q + (((t - pHi) - pLo) + tLo - q * denLo) / den;
        }
        return x < 0.0 ? -r : r;
    }

    /// <summary>Inverse hyperbolic sine.</summary>
    public static double Asinh(double x)
    {
        if (IsNaNOrInfinity(x)) return x;
        var a = Math.Abs(x);
        if (a < 1e-9) return x;
        double r;
        if (a > 268435456.0) r = Log(a) + Ln2;
        else if (a > 2.0) r = Log(2.0 * a + 1.0 / (Math.Sqrt(a * a + 1.0) + a));
        else r = Log1p(a + a * a / (1.0 + Math.Sqrt(1.0 + a * a)));
        return x < 0.0 ? -r : r;
    }

    /// <summary>Inverse hyperbolic cosine; NaN below 1.</summary>
    public static double Acosh(double x)
    {
        if (!(x >= 1.0)) return double.NaN;
        if (IsInfinity(x)) return x;
        if (x > 268435456.0) return Log(x) + Ln2;
        if (x > 2.0) return Log(2.0 * x - 1.0 / (x + Math.Sqrt(x * x - 1.0)));
        var t = x - 1.0;
        return Log1p(t + Math.Sqrt(2.0 * t + t * t));
    }

    /// <summary>Inverse hyperbolic tangent; ±inf at ±1, NaN beyond.</summary>
    public static double Atanh(double x)
    {
        if (IsNaN(x)) return x;
        var a = Math.Abs(x);
        if (a > 1.0) return double.NaN;
        if (a == 1.0) return x > 0.0 ? double.PositiveInfinity : double.NegativeInfinity;
        if (a < 1e-9) return x;
        var r = a < 0.5 ? 0.5 * Log1p(2.0 * a + 2.0 * a * a / (1.0 - a)) : 0.5 * Log1p(2.0 * a / (1.0 - a));
        return x < 0.0 ? -r : r;
    }
}
