namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// sin, cos and tan: the reduction of <see cref="ReduceQuadrant"/> to r = rHi + rLo on [-pi/4, pi/4], then the
/// Taylor series of sin (to r^25) and cos (to r^24), truncated below 2^-90, with rLo entering to first order
/// and the leading terms added last (fdlibm's kernel structure): each kernel returns hi + lo, summed once for
/// sin and cos (within about half an ulp) and divided in double-double for tan.
/// </summary>
internal static partial class DeviceMath
{
    /// <summary>sin(r + rLo) = hi + lo (hi = r) for |r| &lt;= pi/4 + a hair.</summary>
    private static double SinKernel(double r, double rLo, out double lo)
    {
        var z = r * r;
        var v = z * r;
        // sin r - r = r^3 (-1/3! + z/5! - ...).
        var tail = -0.16666666666666666 + z * (0.008333333333333333 + z * (-0.0001984126984126984
            + z * (2.7557319223985893e-06 + z * (-2.505210838544172e-08 + z * (1.6059043836821613e-10
            + z * (-7.647163731819816e-13 + z * (2.8114572543455206e-15 + z * (-8.22063524662433e-18
            + z * (1.9572941063391263e-20 + z * (-3.868170170630684e-23 + z * 6.446950284384474e-26))))))))));
        lo = v * tail + rLo * (1.0 - 0.5 * z);
        return r;
    }

    /// <summary>cos(r + rLo) = hi + lo for |r| &lt;= pi/4 + a hair.</summary>
    private static double CosKernel(double r, double rLo, out double lo)
    {
        var z = r * r;
        // cos r - (1 - z/2) = z^2 (1/4! - z/6! + ...).
        var tail = 0.041666666666666664 + z * (-0.001388888888888889 + z * (2.48015873015873e-05
            + z * (-2.755731922398589e-07 + z * (2.08767569878681e-09 + z * (-1.1470745597729725e-11
            + z * (4.779477332387385e-14 + z * (-1.5619206968586225e-16 + z * (4.110317623312165e-19
            + z * (-8.896791392450574e-22 + z * 1.6117375710961184e-24)))))))));
        var halfZ = 0.5 * z;
        var w = 1.0 - halfZ;
        // (1 - w) - halfZ recovers the rounding error of w exactly (halfZ is exact).
        lo = ((1.0 - w) - halfZ) + (z * z * tail - r * rLo);
        return w;
    }

    /// <summary>Sine; NaN for NaN and infinities.</summary>
    public static double Sin(double x)
    {
        if (IsNaNOrInfinity(x)) return double.NaN;
        if (Math.Abs(x) < 1e-9) return x; // sin x rounds to x; keeps -0 and subnormals
        var r = ReduceQuadrant(x, out var rLo, out var q);
        double hi, lo;
        if ((q & 1) != 0) hi = CosKernel(r, rLo, out lo);
        else hi = SinKernel(r, rLo, out lo);
        var v = hi + lo;
        return (q & 2) != 0 ? -v : v;
    }

    /// <summary>Cosine; NaN for NaN and infinities.</summary>
    public static double Cos(double x)
    {
        if (IsNaNOrInfinity(x)) return double.NaN;
        var r = ReduceQuadrant(x, out var rLo, out var q);
        double hi, lo;
        if ((q & 1) != 0) hi = SinKernel(r, rLo, out lo);
        else hi = CosKernel(r, rLo, out lo);
        var v = hi + lo;
        return ((q + 1) & 2) != 0 ? -v : v;
    }

    /// <summary>Tangent; NaN for NaN and infinities.</summary>
    public static double Tan(double x)
    {
        if (IsNaNOrInfinity(x)) return double.NaN;
        if (Math.Abs(x) < 1e-9) return x;
        var r = ReduceQuadrant(x, out var rLo, out var q);
        // Fresh locals and one branch: the first GPU run gave tan errors near 1e-3 from a version that reused the
        // kernels' out-variables through FastTwoSum(s, sLo, out sLo) and chose operands by selects, which the host
        // computed correctly (cause not isolated; sin and cos, which share the reduction, were right on the GPU).
        var sinHi = SinKernel(r, rLo, out var sinTail);
        var cosHi = CosKernel(r, rLo, out var cosTail);
        var sinR = FastTwoSum(sinHi, sinTail, out var sinLo);
        var cosR = FastTwoSum(cosHi, cosTail, out var cosLo);
        double v;
        if ((q & 1) == 0) v = DivideDoubleDouble(sinR, sinLo, cosR, cosLo);
        else v = -DivideDoubleDouble(cosR, cosLo, sinR, sinLo);
        return v;
    }

    // (num + numLo) / (den + denLo) with only the last rounding: the quotient's error term comes from an exact
    // product (TwoProduct), so the result is within about half an ulp.
    private static double DivideDoubleDouble(double num, double numLo, double den, double denLo)
    {
        var quotient = num / den;
        var productHi = TwoProduct(quotient, den, out var productLo);
        var residual = ((num - productHi) - productLo) + numLo - quotient * denLo;
        return quotient + residual / den;
    }
}
