using System.Numerics;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// What the complex reference's elements share: an element's bound holds for each part, and is measured against the
/// modulus of the result (normwise), since the frontend's planar formulas round terms of the size of |w| into each
/// part. A function of a value that is not finite, or whose result leaves the finite range, is unknown: XLA's
/// formulas give NaN components where C99's Annex G gives infinities, and both are correct for JAX.
/// </summary>
internal static class ComplexBounds
{
    /// <summary>The allowance of one complex function, in units of the component type's roundoff, times |w|: the
    /// planar formulas chain a few real ops, each within the conformance suite's few ulps.</summary>
    public const double FunctionUlps = 32;

    public static double UnitRoundoff(DType dtype) => Bounds.UnitRoundoff(dtype.RealPart());

    /// <summary>The absolute error a result near the subnormals may carry: a few of the smallest subnormals, or the
    /// smallest normal where the backend flushes subnormals (an intermediate may become zero).</summary>
    public static double Tiny(DType dtype, NumericsModel numerics)
    {
        var part = dtype.RealPart();
        return numerics.Flushes(part) ? 4 * Bounds.MinNormal(part) : 4 * Bounds.MinSubnormal(part);
    }

    public static bool IsFinite(Complex z) => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary);

    /// <summary>A result element: <paramref name="w"/> rounded to <paramref name="dtype"/> with <paramref name="error"/>
    /// for each part, unknown where it is not finite or a value within the bound may overflow.</summary>
    public static (Scalar Value, double Error) Finish(DType dtype, Complex w, double error, NumericsModel numerics)
    {
        var value = ComplexElement.Of(dtype, w);
        if (double.IsNaN(error) || double.IsPositiveInfinity(error) || !ComplexElement.IsFinite(value)) return (value, Bounds.Unknown);
        var part = dtype.RealPart();
        var largest = Math.Max(Math.Abs(value.Float), Math.Abs(ComplexElement.Imaginary(value)));
        if (largest + error > Bounds.MaxFinite(part)) return (value, Bounds.Unknown);
        if (numerics.Flushes(part) && largest - error < Bounds.MinNormal(part)) error = Math.Max(error, largest);
        return (value, error);
    }

    /// <summary>An element whose parts were bounded apart (each by the real reference): the larger bound holds for both.</summary>
    public static (Scalar Value, double Error) Join(DType dtype, (Scalar Value, double Error) re, (Scalar Value, double Error) im) =>
        (ComplexElement.Of(dtype, new Complex(re.Value.Float, im.Value.Float)), Math.Max(re.Error, im.Error));

    /// <summary>An element of a real or complex operand as <paramref name="dtype"/> (complex), as JAX promotes it: a
    /// real value gets a zero imaginary part, and a float64 one is rounded for complex64.</summary>
    public static (Scalar Value, double Error) Promote(Scalar x, double error, DType dtype, NumericsModel numerics)
    {
        if (x.DType == dtype) return (x, error);
        if (x.DType.IsComplex())
            return Join(dtype, ElementBounds.Convert(ComplexElement.Part(x, false), error, dtype.RealPart(), numerics),
                ElementBounds.Convert(ComplexElement.Part(x, true), error, dtype.RealPart(), numerics));
        var re = ElementBounds.Convert(x, error, dtype.RealPart(), numerics);
        return (ComplexElement.Of(dtype, new Complex(re.Value.Float, 0)), re.Error);
    }
}
