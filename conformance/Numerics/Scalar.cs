using System.Globalization;

namespace JaxNet.Conformance.Numerics;

/// <summary>
/// One value of the reference interpreter. <see cref="Bits"/> is the exact content: for integers the numeric value
/// (sign-extended for signed dtypes, zero-extended for unsigned), for Bool 0 or 1, for floats the raw encoding
/// (so bitcasts keep NaN payloads). <see cref="Float"/> is a float's value as float64 (0 for non-floats).
/// </summary>
public readonly record struct Scalar(DType DType, long Bits, double Float)
{
    /// <summary>A value from its buffer encoding (the low bits of <paramref name="bits"/>).</summary>
    public static Scalar FromBits(DType dtype, long bits)
    {
        if (dtype.IsFloat())
        {
            var width = dtype.BitWidth();
            var raw = width == 64 ? bits : bits & ((1L << width) - 1);
            return new Scalar(dtype, raw, ElementCodec.DecodeFloat(dtype, raw));
        }
        return new Scalar(dtype, Integers.Wrap(bits, dtype), 0);
    }

    /// <summary>The float value <paramref name="value"/> rounded to nearest even in <paramref name="dtype"/>.</summary>
    public static Scalar FromDouble(DType dtype, double value)
    {
        var rounded = FloatFormat.Round(value, dtype);
        return new Scalar(dtype, ElementCodec.EncodeFloat(dtype, rounded), rounded);
    }

    /// <summary>An integer or Bool value, wrapped into <paramref name="dtype"/>.</summary>
    public static Scalar FromInteger(DType dtype, long value) => new(dtype, Integers.Wrap(value, dtype), 0);

    public static Scalar Bool(bool value) => new(DType.Bool, value ? 1 : 0, 0);

    public bool IsTrue => Bits != 0;

    public bool IsNaN => DType.IsFloat() && double.IsNaN(Float);

    /// <summary>The value as a float64 (exact for every dtype but the largest 64-bit integers).</summary>
    public double ToDouble() => DType.IsFloat() ? Float : DType.IsUnsignedInteger() ? (ulong)Bits : Bits;

    public override string ToString() => DType.IsFloat()
        ? Float.ToString("R", CultureInfo.InvariantCulture) + (double.IsNaN(Float) ? $"(0x{Bits:x})" : "")
        : DType == JaxNet.DType.Bool ? (Bits != 0 ? "true" : "false")
        : DType == JaxNet.DType.UInt64 ? ((ulong)Bits).ToString(CultureInfo.InvariantCulture) : Bits.ToString(CultureInfo.InvariantCulture);
}
