namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// atan, asin, acos and atan2. atan: its Taylor series on |t| &lt;= tan(pi/8) (to t^49, truncated below 2^-64
/// relative), pi/4 + atan((t - 1)/(t + 1)) above with the quotient in double-double, pi/2 - atan(1/t) beyond 1;
/// results are carried as hi + lo so the constant and the series add with one final rounding. asin and acos:
/// asin's Taylor series on |x| &lt;= 1/2 (to x^57), and asin x = pi/2 - 2 asin(sqrt((1 - x)/2)) above, with the
/// square root in double-double (fdlibm's reduction). atan2 works on the exact ratio of the mantissas, so
/// subnormal operands keep their value.
/// </summary>
internal static partial class DeviceMath
{
    private const double ThreePiOver4 = 2.356194490192345;
    private const double PiOver4Tail = 3.061616997868383e-17;
    private const double PiTail = 1.2246467991473532e-16;

    /// <summary>(atan t - t) / t^3 as a polynomial in z = t^2, for |t| &lt;= tan(pi/8).</summary>
    private static double AtanTail(double z) =>
        -0.3333333333333333 + z * (0.2 + z * (-0.14285714285714285 + z * (0.1111111111111111
        + z * (-0.09090909090909091 + z * (0.07692307692307693 + z * (-0.06666666666666667 + z * (0.058823529411764705
        + z * (-0.05263157894736842 + z * (0.047619047619047616 + z * (-0.043478260869565216 + z * (0.04
        + z * (-0.037037037037037035 + z * (0.034482758620689655 + z * (-0.03225806451612903 + z * (0.030303030303030304
        + z * (-0.02857142857142857 + z * (0.02702702702702703 + z * (-0.02564102564102564 + z * (0.024390243902439025
        + z * (-0.023255813953488372 + z * (0.022222222222222223 + z * (-0.02127659574468085
        + z * 0.02040816326530612))))))))))))))))))))));

    /// <summary>(asin s - s) / s^3 as a polynomial in z = s^2, for |s| &lt;= 1/2 (to s^57, truncation below 2^-64).</summary>
    private static double AsinTail(double z) =>
        0.16666666666666666 + z * (0.075 + z * (0.044642857142857144 + z * (0.030381944444444444
        + z * (0.022372159090909092 + z * (0.017352764423076924 + z * (0.01396484375 + z * (0.011551800896139705
        + z * (0.009761609529194078 + z * (0.008390335809616815 + z * (0.0073125258735988454 + z * (0.006447210311889649
        + z * (0.005740037670841924 + z * (0.005153309682319905 + z * (0.004660143486915096 + z * (0.004240907093679363
        + z * (0.003880964558837669 + z * (0.0035692053938259347 + z * (0.003297059503473485 + z * (0.0030578216492580306
        + z * (0.002846178401108942 + z * (0.00265787063820729 + z * (0.0024894486782468836 + z * (0.002338091892111975
        + z * (0.0022014739737101384 + z * (0.0020776610325181676 + z * (0.0019650336162772837
        + z * 0.0018622264064031275))))))))))))))))))))))))));

    /// <summary>atan(t + tLo) = hi + lo for t in [0, 1] (a hair more) and |tLo| &lt;= an ulp of t.</summary>
    private static double AtanUnit(double t, double tLo, out double lo)
    {
        if (t <= 0.41421356237309503)
        {
            var z = t * t;
            lo = tLo / (1.0 + z) + t * z * AtanTail(z);
            return t;
        }
        // u = (t - 1)/(t + 1) in double-double; atan t = pi/4 + atan u, |u| <= tan(pi/8).
        var n = TwoSum(t, -1.0, out var nLo);
        nLo += tLo;
        var d = TwoSum(t, 1.0, out var dLo);
        dLo += tLo;
        var u = n / d;
        var pHi = TwoProduct(u, d, out var pLo);
        var uLo = (((n - pHi) - pLo) + nLo - u * dLo) / d;
        var uz = u * u;
        var hi = TwoSum(PiOver4, u, out var err);
        lo = err + (PiOver4Tail + uLo / (1.0 + uz) + u * uz * AtanTail(uz));
        return hi;
    }

    /// <summary>atan a = hi + lo for a &gt;= 0 or +inf.</summary>
    private static double AtanPositive(double a, out double lo)
    {
        if (a <= 1.0) return AtanUnit(a, 0.0, out lo);
        if (a > 1e20)
        {
            lo = PiOver2Tail;
            return PiOver2;
        }
        var t = 1.0 / a;
        var pHi = TwoProduct(t, a, out var pLo);
        var tLo = ((1.0 - pHi) - pLo) / a;
        var inner = AtanUnit(t, tLo, out var innerLo);
        var hi = TwoSum(PiOver2, -inner, out var err);
        lo = err + (PiOver2Tail - innerLo);
        return hi;
    }

    /// <summary>Arctangent, in [-pi/2, pi/2].</summary>
    public static double Atan(double x)
    {
        if (IsNaN(x)) return x;
        var a = Math.Abs(x);
        if (a < 1e-9) return x; // atan x rounds to x; keeps -0 and subnormals
        var hi = AtanPositive(a, out var lo);
        var r = hi + lo;
        return x < 0.0 ? -r : r;
    }

    /// <summary>sqrt(t) = hi + lo for t &gt;= 0.</summary>
    private static double SqrtDoubleDouble(double t, out double lo)
    {
        var s = Math.Sqrt(t);
        if (s == 0.0)
        {
            lo = 0.0;
            return s;
        }
        var sq = TwoProduct(s, s, out var sqLo);
        lo = ((t - sq) - sqLo) / (2.0 * s);
        return s;
    }

    /// <summary>asin(sqrt(t)) = hi + lo for t in [0, 1/4], t = (1 - |x|)/2 exactly.</summary>
    private static double AsinOfSqrt(double t, out double lo)
    {
        var s = SqrtDoubleDouble(t, out var sLo);
        lo = sLo + s * t * AsinTail(t);
        return s;
    }

    /// <summary>Arcsine, in [-pi/2, pi/2]; NaN outside [-1, 1].</summary>
    public static double Asin(double x)
    {
        var a = Math.Abs(x);
        if (!(a <= 1.0)) return double.NaN;
        if (a < 1e-9) return x;
        double r;
        if (a <= 0.5)
        {
            var z = a * a;
            r = a + a * z * AsinTail(z);
        }
        else
        {
            // pi/2 - 2 asin(sqrt((1 - a)/2)); 1 - a is exact for a >= 1/2.
            var s = AsinOfSqrt((1.0 - a) * 0.5, out var sLo);
            var hi = TwoSum(PiOver2, -2.0 * s, out var err);
            r = hi + (err + (PiOver2Tail - 2.0 * sLo));
        }
        return x < 0.0 ? -r : r;
    }

    /// <summary>Arccosine, in [0, pi]; NaN outside [-1, 1].</summary>
    public static double Acos(double x)
    {
        var a = Math.Abs(x);
        if (!(a <= 1.0)) return double.NaN;
        if (a <= 0.5)
        {
            // pi/2 - asin x.
            var z = x * x;
            var hi = TwoSum(PiOver2, -x, out var err);
            return hi + (err + (PiOver2Tail - x * z * AsinTail(z)));
        }
        var s = AsinOfSqrt((1.0 - a) * 0.5, out var sLo);
        if (x > 0.0) return 2.0 * s + 2.0 * sLo; // 2 asin(sqrt((1 - x)/2))
        var h = TwoSum(PI, -2.0 * s, out var e);
        return h + (e + (PiTail - 2.0 * sLo)); // pi - 2 asin(sqrt((1 + x)/2))
    }

    /// <summary>The angle of (x, y), in [-pi, pi], with C99's signed-zero and infinity cases.</summary>
    public static double Atan2(double y, double x)
    {
        if (IsNaN(x) || IsNaN(y)) return double.NaN;
        var xNegative = SignBit(x);
        double r;
        if (IsZero(y)) r = xNegative ? PI : 0.0;
        else if (IsZero(x)) r = PiOver2;
        else if (IsInfinity(x) && IsInfinity(y)) r = xNegative ? ThreePiOver4 : PiOver4;
        else if (IsInfinity(x)) r = xNegative ? PI : 0.0;
        else if (IsInfinity(y)) r = PiOver2;
        else
        {
            // |y| / |x| = (my / mx) 2^(ey - ex), formed without subnormal arithmetic; the angle of (|x|, |y|)
            // as rHi + rLo.
            var my = Frexp(y, out var ey);
            var mx = Frexp(x, out var ex);
            var d = ey - ex;
            var steep = d > 0 || (d == 0 && my > mx);
            var num = steep ? mx : my;
            var den = steep ? my : mx;
            var shift = steep ? -d : d;
            var t = 0.0;
            var tLo = 0.0;
            if (shift >= -1100)
            {
                var q = num / den;
                var pHi = TwoProduct(q, den, out var pLo);
                var qLo = ((num - pHi) - pLo) / den;
                t = Ldexp(q, shift);
                tLo = Ldexp(qLo, shift);
            }
            var rHi = AtanUnit(t, tLo, out var rLo);
            if (steep)
            {
                var h = TwoSum(PiOver2, -rHi, out var e);
                rLo = e + (PiOver2Tail - rLo);
                rHi = h;
            }
            if (xNegative)
            {
                var h = TwoSum(PI, -rHi, out var e);
                rLo = e + (PiTail - rLo);
                rHi = h;
            }
            r = rHi + rLo;
        }
        return SignBit(y) ? -r : r;
    }
}
