namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// erf and erfinv in float32 arithmetic, for the single register class: GELU's erf and the random normals' erfinv
/// then need no float64 instruction. The polynomials were fitted here (Chebyshev least squares against SciPy's
/// float64 erf, erfc and erfinv, then written in the power basis of a variable mapped to [-1, 1], where float32
/// Horner evaluation stays within about 2 float32 ulps of the fitted function).
/// </summary>
internal static partial class DeviceMath
{
    /// <summary>
    /// erf x: below 0.875, x P(x^2) (fit error 2e-10 relative); up to 3.92, 1 - e^(g(|x|) - x^2) with
    /// g = ln erfc + x^2 (fit error 3e-9 absolute, smooth and of order 1 where erfc itself spans seven decades);
    /// beyond, erfc is below half an ulp of 1.
    /// </summary>
    public static float ErfF(float x)
    {
        if (IsNaNF(x)) return x;
        var a = Math.Abs(x);
        if (a < 0.875f)
        {
            var u = x * x * (2f / 0.765625f) - 1f;
            var p = 0.999527508f + u * (-0.115019887f + u * (0.012622533f + u * (-0.00112169184f + u * (8.21612096e-05f
                + u * (-5.1122704e-06f + u * 2.72892071e-07f)))));
            return x * p; // keeps -0
        }
        float r;
        if (a >= 3.92f) r = 1f;
        else
        {
            var u = (a - 0.875f) * (2f / 3.045f) - 1f;
            var g = -1.52006409f + u * (-0.555003497f + u * (0.138121367f + u * (-0.0416159066f + u * (0.0128628551f
                + u * (-0.00385209747f + u * (0.00107841529f + u * (-0.00027676611f + u * (5.8099212e-05f
                + u * (-1.36801672e-07f + u * -4.48270349e-06f)))))))));
            r = 1f - ExpF(g - a * a);
        }
        return WithSignF(r, x);
    }

    /// <summary>
    /// erfinv x = x f(w) with w = -ln((1 - x)(1 + x)) (1 - x is exact near 1): f a polynomial in w for w &lt; 5
    /// (|x| up to 0.9966; fit error 7e-9 relative) and in sqrt w beyond (to the last float32 below 1, w = 15.9;
    /// fit error 1e-8). +-1 give +-infinity, |x| &gt; 1 and NaN give NaN.
    /// </summary>
    public static float ErfInvF(float x)
    {
        var a = Math.Abs(x);
        if (IsNaNF(x) || a > 1f) return float.NaN;
        if (a == 1f) return WithSignF(float.PositiveInfinity, x);
        var w = -LogF((1f - a) * (1f + a));
        float f;
        if (w < 5f)
        {
            var u = w * 0.4f - 1f;
            f = 1.50140936f + u * (0.616600696f + u * (-0.026108678f + u * (-0.0195738317f + u * (0.00852913629f
                + u * (-0.000485651258f + u * (-0.000845481875f + u * (0.000285807339f + u * (3.54993643e-05f
                + u * -3.41087088e-05f))))))));
        }
        else
        {
            var u = (MathF.Sqrt(w) - 2.23606798f) * (2f / 1.85049537f) - 1f;
            f = 2.99477988f + u * (0.929143331f + u * (0.00556542743f + u * (-0.00378827333f + u * (0.00245028171f
                + u * (-0.0015271907f + u * (0.000775946181f + u * (-0.000203539231f + u * (-7.6220448e-05f
                + u * 5.82078804e-05f))))))));
        }
        return x * f;
    }
}
