using System.Numerics;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// The complex reference's functions, element by element: the value in float64 (careful forms where the textbook
/// one overflows), and a normwise bound: <see cref="ComplexBounds.FunctionUlps"/> roundings of |w| plus how far the
/// function moves over the operand's bound. Unknown where the operand's bound reaches a branch cut or a pole, or the
/// value is not finite (but for the values JAX defines exactly: |z| with an infinite part, the logarithm of zero).
/// </summary>
internal static class ComplexFunctions
{
    private static double Roundings(Scalar x, double magnitude) => ComplexBounds.FunctionUlps * ComplexBounds.UnitRoundoff(x.DType) * magnitude;

    public static (Scalar Value, double Error) Part(Scalar x, double ex, bool imaginary) => (ComplexElement.Part(x, imaginary), ex);

    /// <summary>|z|, as hypot: an infinite part gives inf even beside NaN.</summary>
    public static (Scalar Value, double Error) Abs(Scalar x, double ex, NumericsModel numerics)
    {
        var part = x.DType.RealPart();
        var z = ComplexElement.Value(x);
        if (double.IsInfinity(z.Real) || double.IsInfinity(z.Imaginary))
            return (Scalar.FromDouble(part, double.PositiveInfinity), double.IsPositiveInfinity(ex) ? Bounds.Unknown : 0);
        if (!ComplexBounds.IsFinite(z)) return (Scalar.FromDouble(part, double.NaN), double.IsPositiveInfinity(ex) ? Bounds.Unknown : 0);
        var m = Complex.Abs(z);
        var value = Scalar.FromDouble(part, m);
        var error = Math.Sqrt(2) * ex + Roundings(x, m) + ComplexBounds.Tiny(x.DType, numerics);
        return (value, Bounds.Finish(value, error, numerics));
    }

    /// <summary>arg z = atan2(im, re), as the real reference bounds atan2 (signed zeros give 0, pi, -0 or -pi).</summary>
    public static (Scalar Value, double Error) Angle(Scalar x, double ex, NumericsModel numerics) =>
        ElementBounds.Binary(BinaryOp.Atan2, ComplexElement.Part(x, true), ex, ComplexElement.Part(x, false), ex, numerics);

    /// <summary>e^re (cos im + i sin im); a real argument (im exactly zero) as the real exp, its zero kept.</summary>
    public static (Scalar Value, double Error) Exp(Scalar x, double ex, NumericsModel numerics)
    {
        var z = ComplexElement.Value(x);
        if (!ComplexBounds.IsFinite(z)) return (x, Bounds.Unknown);
        if (z.Imaginary == 0 && ex == 0)
        {
            var real = ElementBounds.Unary(UnaryOp.Exp, ComplexElement.Part(x, false), 0, numerics);
            if (!double.IsFinite(real.Value.Float)) return (x, Bounds.Unknown);
            return ComplexBounds.Join(x.DType, real, (ComplexElement.Part(x, true), 0));
        }
        var part = x.DType.RealPart();
        // e^re alone must stay in range: the planar form multiplies it by cos and sin.
        var scale = Math.Exp(z.Real + ex);
        if (scale > Bounds.MaxFinite(part) / 2 || Math.Exp(z.Real - ex) < Bounds.MinNormal(part) * 1e3) return (x, Bounds.Unknown);
        var w = Complex.Exp(z);
        var spread = Complex.Abs(w) * (Math.Exp(2 * ex) - 1) * (1 + 1e-12);
        return ComplexBounds.Finish(x.DType, w, spread + Roundings(x, scale) + ComplexBounds.Tiny(x.DType, numerics), numerics);
    }

    /// <summary>The principal logarithm log|z| + i arg z; log 0 is -inf + i arg 0 (arg of the signed zeros).</summary>
    public static (Scalar Value, double Error) Log(Scalar x, double ex, NumericsModel numerics)
    {
        var z = ComplexElement.Value(x);
        if (!ComplexBounds.IsFinite(z)) return (x, Bounds.Unknown);
        var near = Math.Sqrt(2) * ex;
        var m = Complex.Abs(z);
        if (m == 0 && ex == 0)
        {
            var angle = Angle(x, 0, numerics);
            return (ComplexElement.Of(x.DType, new Complex(double.NegativeInfinity, angle.Value.Float)), angle.Error);
        }
        if (m <= 4 * near || (ex > 0 && z.Real <= ex && Math.Abs(z.Imaginary) <= ex)) return (x, Bounds.Unknown); // zero, or the cut
        var w = new Complex(Math.Log(m), Math.Atan2(z.Imaginary, z.Real));
        var spread = 2 * near / m;
        var error = spread + Roundings(x, Math.Abs(w.Real) + Math.Abs(w.Imaginary) + 1) + ComplexBounds.Tiny(x.DType, numerics) / m;
        return ComplexBounds.Finish(x.DType, w, error, numerics);
    }

    /// <summary>The principal square root (re >= 0, im with the sign of z's, zeros included), formed on a scaled z so
    /// that |z| + |re| cannot overflow.</summary>
    public static (Scalar Value, double Error) Sqrt(Scalar x, double ex, NumericsModel numerics)
    {
        var z = ComplexElement.Value(x);
        if (!ComplexBounds.IsFinite(z)) return (x, Bounds.Unknown);
        if (ex > 0 && z.Real <= ex && Math.Abs(z.Imaginary) <= ex) return (x, Bounds.Unknown); // the cut along the negative reals
        var w = PrincipalSqrt(z);
        var near = Math.Sqrt(2) * ex;
        var m = Complex.Abs(z);
        var spread = ex == 0 ? 0 : m > 2 * near ? near / Math.Sqrt(m - near) : 2 * Math.Sqrt(2 * near);
        var error = spread * (1 + 1e-12) + Roundings(x, Complex.Abs(w) + spread) + ComplexBounds.Tiny(x.DType, numerics);
        return ComplexBounds.Finish(x.DType, w, error, numerics);
    }

    /// <summary>sqrt(z) with z scaled by an even power of two into [1, 4) and the root scaled back.</summary>
    public static Complex PrincipalSqrt(Complex z)
    {
        var (a, b) = (z.Real, z.Imaginary);
        if (a == 0 && b == 0) return new Complex(0, b);
        var k = Math.ILogB(Math.Max(Math.Abs(a), Math.Abs(b))) & ~1;
        var (sa, sb) = (Math.ScaleB(a, -k), Math.ScaleB(b, -k));
        var t = Math.Sqrt((Complex.Abs(new Complex(sa, sb)) + Math.Abs(sa)) / 2);
        var (re, im) = sa >= 0 ? (t, sb / (2 * t)) : (Math.Abs(sb) / (2 * t), Math.CopySign(t, sb));
        return new Complex(Math.ScaleB(re, k / 2), Math.ScaleB(im, k / 2));
    }

    /// <summary>sin z or cos z: |w| is at most cosh(im), and the function is cosh(|im| + bound)-Lipschitz on the bound.</summary>
    public static (Scalar Value, double Error) SinOrCos(Scalar x, double ex, bool cosine, NumericsModel numerics)
    {
        var z = ComplexElement.Value(x);
        var part = x.DType.RealPart();
        if (!ComplexBounds.IsFinite(z) || Math.Abs(z.Imaginary) + ex > Math.Log(Bounds.MaxFinite(part)) - 1) return (x, Bounds.Unknown);
        var w = cosine ? Complex.Cos(z) : Complex.Sin(z);
        var size = Math.Cosh(Math.Abs(z.Imaginary) + 2 * ex);
        var error = 2 * ex * size + Roundings(x, size) + ComplexBounds.Tiny(x.DType, numerics);
        return ComplexBounds.Finish(x.DType, w, error, numerics);
    }

    /// <summary>tanh z in Kahan's form (finite for large re); near a pole (|w| large) its bound grows as |w|^2.</summary>
    public static (Scalar Value, double Error) Tanh(Scalar x, double ex, NumericsModel numerics)
    {
        var z = ComplexElement.Value(x);
        if (!ComplexBounds.IsFinite(z)) return (x, Bounds.Unknown);
        var th = Math.Tanh(z.Real);
        var tn = Math.Tan(z.Imaginary);
        var den = 1 + th * th * tn * tn;
        var w = new Complex(th * (1 + tn * tn) / den, tn * (1 - th * th) / den);
        var size = 1 + Complex.Abs(w);
        var spread = 4 * ex * size * size;
        if (spread > 0.25 * size) return (x, Bounds.Unknown); // a pole may lie within the bound
        return ComplexBounds.Finish(x.DType, w, spread + Roundings(x, size * size) + ComplexBounds.Tiny(x.DType, numerics), numerics);
    }

    /// <summary>z^n by repeated multiplication (the reciprocal for n below zero), bounded normwise; unknown where a
    /// partial product of the binary powering may leave the finite range.</summary>
    public static (Scalar Value, double Error) IntegerPower(Scalar x, double ex, int n, NumericsModel numerics)
    {
        var dtype = x.DType;
        if (n == 0) return (ComplexElement.Of(dtype, Complex.One), double.IsPositiveInfinity(ex) ? Bounds.Unknown : 0);
        var z = ComplexElement.Value(x);
        if (!ComplexBounds.IsFinite(z)) return (x, Bounds.Unknown);
        var part = dtype.RealPart();
        var m = Complex.Abs(z) + Math.Sqrt(2) * ex;
        var k = Math.Abs(n);
        var widest = Math.Pow(Math.Max(m, 1), 2 * k);
        var narrowest = Math.Pow(Math.Min(Complex.Abs(z), 1), 2 * k);
        if (widest > Bounds.MaxFinite(part) / 4 || (narrowest < Bounds.MinNormal(part) * 1e6 && z != Complex.Zero)) return (x, Bounds.Unknown);
        if (n < 0 && Complex.Abs(z) <= 2 * Math.Sqrt(2) * ex) return (x, Bounds.Unknown);
        var p = Complex.One;
        for (var j = 0; j < k; j++) p *= z;
        var mp = Complex.Abs(p);
        var spread = Math.Pow(m, k) - Math.Pow(Complex.Abs(z), k);
        var error = spread + 2 * k * ComplexBounds.FunctionUlps * ComplexBounds.UnitRoundoff(dtype) * (mp + spread);
        if (n < 0)
        {
            if (p == Complex.Zero) return (x, Bounds.Unknown);
            var reciprocal = Complex.Reciprocal(p);
            var low = mp - error;
            if (low <= 0) return (x, Bounds.Unknown);
            error = error / (mp * low) + ComplexBounds.FunctionUlps * ComplexBounds.UnitRoundoff(dtype) * Complex.Abs(reciprocal);
            p = reciprocal;
        }
        return ComplexBounds.Finish(dtype, p, error + ComplexBounds.Tiny(dtype, numerics) * (1 + Complex.Abs(p)), numerics);
    }
}
