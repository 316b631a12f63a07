using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// What the host eigensolver's generic routines (balancing, Householder reflections, the Hessenberg reduction) need of
/// an element beyond arithmetic: conjugation, magnitudes and real parts. T is double (LAPACK's d routines) or
/// <see cref="Complex"/> (its z routines); the type tests are resolved when the JIT specializes each routine.
/// </summary>
internal static class Scalars<T> where T : struct, INumberBase<T>
{
    private static bool IsComplex => typeof(T) == typeof(Complex);

    public static T Conj(T x) => IsComplex ? (T)(object)Complex.Conjugate((Complex)(object)x) : x;

    /// <summary>|x|, the modulus for complex values.</summary>
    public static double Abs(T x) => IsComplex ? Complex.Abs((Complex)(object)x) : Math.Abs((double)(object)x);

    /// <summary>|Re x| + |Im x|: LAPACK's cheap magnitude (cabs1), which its complex pivot searches use.</summary>
    public static double Abs1(T x) => IsComplex ? Math.Abs(((Complex)(object)x).Real) + Math.Abs(((Complex)(object)x).Imaginary) : Math.Abs((double)(object)x);

    public static double Real(T x) => IsComplex ? ((Complex)(object)x).Real : (double)(object)x;

    public static double Imag(T x) => IsComplex ? ((Complex)(object)x).Imaginary : 0;

    public static T FromReal(double x) => IsComplex ? (T)(object)new Complex(x, 0) : (T)(object)x;

    /// <summary>The 2-norm of x without overflow or underflow in the squares (LAPACK's dnrm2 scaling).</summary>
    public static double Norm(ReadOnlySpan<T> x)
    {
        var scale = 0.0;
        foreach (var v in x) scale = Math.Max(scale, Abs(v));
        if (scale == 0 || double.IsInfinity(scale)) return scale;
        var sum = 0.0;
        foreach (var v in x)
        {
            var a = Abs(v) / scale;
            sum += a * a;
        }
        return scale * Math.Sqrt(sum);
    }

    /// <summary>The index of the first element of largest <see cref="Abs1"/> (BLAS's idamax/izamax).</summary>
    public static int ArgMaxAbs1(ReadOnlySpan<T> x)
    {
        var (best, index) = (-1.0, 0);
        for (var i = 0; i < x.Length; i++)
            if (Abs1(x[i]) > best) (best, index) = (Abs1(x[i]), i);
        return index;
    }
}

/// <summary>Scalar helpers that do not depend on the element type.</summary>
internal static class Reals
{
    /// <summary>The unit roundoff LAPACK calls 'P' (eps times the base): 2^-52.</summary>
    public const double Ulp = 2.220446049250313e-16;

    /// <summary>The smallest normal double (LAPACK's safe minimum).</summary>
    public const double SafeMinimum = 2.2250738585072014e-308;

    /// <summary>sqrt(a² + b²) without overflow (LAPACK's dlapy2).</summary>
    public static double Hypot(double a, double b)
    {
        var (x, y) = (Math.Abs(a), Math.Abs(b));
        var (w, z) = (Math.Max(x, y), Math.Min(x, y));
        if (z == 0 || double.IsInfinity(w)) return w;
        var r = z / w;
        return w * Math.Sqrt(1 + r * r);
    }
}
