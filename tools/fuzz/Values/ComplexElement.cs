using System.Globalization;
using System.Numerics;

namespace JaxNet.Fuzz.Values;

/// <summary>
/// A complex64 or complex128 element held in one <see cref="Scalar"/>, so that every op that only moves elements
/// (reshape, transpose, slice, broadcast, concatenate, select, the vmapped batch) carries complex values unchanged:
/// <see cref="Scalar.Float"/> is the real part and <see cref="Scalar.Bits"/> the float64 encoding of the imaginary
/// part, both rounded to the component type. A complex element's bound holds for each part.
/// </summary>
public static class ComplexElement
{
    /// <summary><paramref name="value"/> as an element of <paramref name="dtype"/>, each part rounded to nearest even.</summary>
    public static Scalar Of(DType dtype, Complex value)
    {
        var part = dtype.RealPart();
        return new Scalar(dtype, BitConverter.DoubleToInt64Bits(FloatFormat.Round(value.Imaginary, part)), FloatFormat.Round(value.Real, part));
    }

    public static Complex Value(Scalar element) => new(element.Float, Imaginary(element));

    public static double Imaginary(Scalar element) => BitConverter.Int64BitsToDouble(element.Bits);

    /// <summary>Part <paramref name="imaginary"/> of a complex element as a float element of the component type.</summary>
    public static Scalar Part(Scalar element, bool imaginary) =>
        Scalar.FromDouble(element.DType.RealPart(), imaginary ? Imaginary(element) : element.Float);

    public static bool IsFinite(Scalar element) => double.IsFinite(element.Float) && double.IsFinite(Imaginary(element));

    /// <summary>An element as text: a float's or an integer's own, a complex one as (re, im).</summary>
    public static string Format(Scalar element) => element.DType.IsComplex()
        ? string.Create(CultureInfo.InvariantCulture, $"({element.Float:R}, {Imaginary(element):R})")
        : element.ToString();
}
