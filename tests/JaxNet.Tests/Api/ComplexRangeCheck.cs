using System.Numerics;

namespace JaxNet.Tests.Api;

/// <summary>
/// Assertions and references for complex functions at the ends of the floating range: each part checked relative
/// to its own magnitude (not to |z|, since one part may be 1e38 times the other), infinities and NaN exactly, and
/// the references computed in a wider format than the one tested (double for complex64, double-double for the
/// cancelling sums of complex128).
/// </summary>
internal static class ComplexRangeCheck
{
    /// <summary>Each part of <paramref name="actual"/> within <paramref name="relative"/> of the expected part's
    /// magnitude, or within <paramref name="absolute"/> of it (for parts that are zero or far below the other);
    /// infinite parts equal, NaN parts NaN. The expected values are first rounded to the dtype's part type, so that a
    /// part beyond float32's range is expected as infinite in complex64.</summary>
    public static void Parts(Complex[] expected, NDArray actual, DType dtype, double relative, double absolute = 0)
    {
        var got = Expect.Read<Complex>(actual, dtype, null, expected.Length);
        for (var i = 0; i < got.Length; i++)
        {
            var e = dtype == DType.Complex64 ? new Complex((float)expected[i].Real, (float)expected[i].Imaginary) : expected[i];
            Part(e.Real, got[i].Real, relative, absolute, $"element {i} (real part): expected {e}, got {got[i]}");
            Part(e.Imaginary, got[i].Imaginary, relative, absolute, $"element {i} (imaginary part): expected {e}, got {got[i]}");
        }
    }

    private static void Part(double expected, double actual, double relative, double absolute, string message)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(expected.Equals(actual), message);
            return;
        }
        Assert.True(Math.Abs(actual - expected) <= Math.Max(relative * Math.Abs(expected), absolute), message);
    }

    /// <summary>f eagerly and under Jit.</summary>
    public static void BothWays(Func<NDArray, NDArray> f, NDArray x, Action<NDArray> check)
    {
        check(f(x));
        check(Jax.Jit(f)(x));
    }

    /// <summary>f of two arguments eagerly and under Jit.</summary>
    public static void BothWays(Func<NDArray, NDArray, NDArray> f, NDArray x, NDArray y, Action<NDArray> check)
    {
        check(f(x, y));
        check(Jax.Jit(f)(x, y));
    }

    /// <summary>log(1 + x) in double to a few ulps: the rounding of 1 + x cancels in x / (u - 1) (Goldberg).</summary>
    public static double Log1p(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * (x / (u - 1));
    }

    /// <summary>2a + a^2 + b^2 to about 2^-100 of its terms: exact products (by FMA) and sums kept as double-doubles.</summary>
    public static double SquaredModulusOfOnePlusMinusOne(double a, double b)
    {
        var (aa, bb) = (a * a, b * b);
        var (aaLo, bbLo) = (Math.FusedMultiplyAdd(a, a, -aa), Math.FusedMultiplyAdd(b, b, -bb));
        var (s, sLo) = Sum(2 * a, bb);
        var (t, tLo) = Sum(s, aa);
        return t + (sLo + tLo + aaLo + bbLo);
    }

    private static (double Sum, double Error) Sum(double x, double y)
    {
        var s = x + y;
        var v = s - x;
        return (s, (x - (s - v)) + (y - v));
    }

    /// <summary>log(1 + z) where |1 + z| is near 1 (the cancelling case), in double from the double-double sum.</summary>
    public static Complex Log1pNearUnitCircle(Complex z) =>
        new(Log1p(SquaredModulusOfOnePlusMinusOne(z.Real, z.Imaginary)) / 2, Math.Atan2(z.Imaginary, 1 + z.Real));
}
