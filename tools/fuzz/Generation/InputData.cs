using JaxNet.Conformance.Cases;

namespace JaxNet.Fuzz.Generation;

/// <summary>
/// Random input data of one of several kinds: small dyadic grids (whose sums and products must come out exact),
/// uniform and wide-ranging floats, positive or unit-interval floats (the domains of log and asin), and integers that
/// are small, anywhere in the dtype's range, or shift amounts; some arrays carry special values (NaN, infinities,
/// signed zeros, subnormals, extremes) at random positions. <paramref name="smooth"/> data is only uniform, positive or
/// unit-interval floats without specials (grids would put points on kinks, wide data past overflow).
/// </summary>
public sealed class InputData(Random random, bool smooth = false)
{
    public enum Kind { Grid, Uniform, Wide, Positive, Unit, SmallInteger, FullRange, ShiftAmount }

    public Kind PickKind(DType dtype)
    {
        if (dtype.IsComplex()) return PickKind(dtype.RealPart());
        if (dtype.IsFloat() && smooth) return random.Next(3) switch { 0 => Kind.Uniform, 1 => Kind.Positive, _ => Kind.Unit };
        if (dtype.IsFloat())
            return random.Next(10) switch
            {
                < 3 => Kind.Grid,
                < 5 => Kind.Uniform,
                < 7 => Kind.Wide,
                < 9 => Kind.Positive,
                _ => Kind.Unit,
            };
        return random.Next(10) switch
        {
            < 5 => Kind.SmallInteger,
            < 8 => Kind.FullRange,
            _ => Kind.ShiftAmount,
        };
    }

    /// <summary>An input of <paramref name="type"/>: a random kind, with specials in some arrays.</summary>
    public RefArray Make(TensorType type) => Make(type, PickKind(type.DType), random.Next(4) == 0 && !smooth);

    public RefArray Make(TensorType type, Kind kind, bool specials)
    {
        var dtype = type.DType;
        var n = checked((int)type.Size);
        var values = new Scalar[n];
        var rate = specials ? random.NextDouble() * 0.05 + 0.005 : 0;
        for (var i = 0; i < n; i++)
        {
            if (dtype.IsComplex())
                values[i] = ComplexElement.Of(dtype, ComplexValue(kind, dtype.RealPart(), rate));
            else if (dtype.IsFloat())
                values[i] = Scalar.FromDouble(dtype, random.NextDouble() < rate ? Special(dtype) : Float(kind, dtype));
            else
                values[i] = Scalar.FromInteger(dtype, random.NextDouble() < rate ? Extreme(dtype) : Integer(kind, dtype));
        }
        return RefArray.Exact(type, values);
    }

    /// <summary>Integers in [lo, hi] (indices, start positions), with the dtype's extremes now and then.</summary>
    public RefArray Indices(TensorType type, long lo, long hi)
    {
        var values = new Scalar[checked((int)type.Size)];
        for (var i = 0; i < values.Length; i++)
            values[i] = Scalar.FromInteger(type.DType, random.Next(20) == 0 ? Extreme(type.DType) : lo + (long)(random.NextDouble() * (hi - lo + 1)));
        return RefArray.Exact(type, values);
    }

    /// <summary>
    /// A complex value whose parts are of <paramref name="kind"/> (each special at <paramref name="rate"/>): a fifth
    /// are real (an imaginary part of either zero), a tenth imaginary, and a tenth have a part near the component
    /// type's largest value, where |z| and the sums inside sqrt and division overflow unless formed with care.
    /// </summary>
    private System.Numerics.Complex ComplexValue(Kind kind, DType part, double rate)
    {
        double Part() => random.NextDouble() < rate ? Special(part) : random.Next(10) == 0
            ? (random.Next(2) == 0 ? -1 : 1) * Numerics.Bounds.MaxFinite(part) * (0.25 + 0.75 * random.NextDouble())
            : Float(kind, part);
        double Zero() => random.Next(2) == 0 ? 0.0 : -0.0;
        return random.Next(10) switch
        {
            < 2 => new(Part(), Zero()),
            < 3 => new(Zero(), Part()),
            _ => new(Part(), Part()),
        };
    }

    private double Float(Kind kind, DType dtype)
    {
        var sign = random.Next(2) == 0 ? -1 : 1;
        return kind switch
        {
            Kind.Grid => random.Next(-64, 65) / 4.0,
            Kind.Uniform => random.NextDouble() * 2 - 1,
            // f16 has five decades either side of 1; the others far more.
            Kind.Wide => sign * Math.Pow(10, dtype == DType.Float16 ? random.NextDouble() * 9 - 4.5 : random.NextDouble() * 40 - 20),
            Kind.Positive => Math.Pow(10, random.NextDouble() * 3 - 1.5),
            Kind.Unit => random.NextDouble() * 1.98 - 0.99,
            _ => random.Next(-8, 9),
        };
    }

    private long Integer(Kind kind, DType dtype)
    {
        var (min, max) = (Integers.MinValue(dtype), Integers.MaxValue(dtype));
        return kind switch
        {
            Kind.FullRange => dtype switch
            {
                DType.Bool => random.Next(2),
                DType.Int64 => random.NextInt64() << 1 ^ random.Next(2),
                _ => random.NextInt64(min, max + 1),
            },
            Kind.ShiftAmount => random.Next(-2, dtype.BitWidth() + 3),
            _ => dtype == DType.Bool ? random.Next(2) : Math.Clamp(random.Next(-8, 9), min, max),
        };
    }

    private double Special(DType dtype)
    {
        var specials = DataGenerator.FloatSpecials(dtype);
        if (random.Next(4) > 0) return specials[random.Next(specials.Length)];
        // A random subnormal.
        var tiny = specials[5];
        return (random.Next(2) == 0 ? -1 : 1) * tiny * random.Next(1, 1 << Math.Min(Numerics.Bounds.SignificandBits(dtype) - 1, 20));
    }

    private long Extreme(DType dtype)
    {
        var extremes = DataGenerator.IntegerExtremes(dtype);
        return extremes[random.Next(extremes.Length)];
    }
}
