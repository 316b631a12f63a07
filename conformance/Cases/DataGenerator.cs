using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Cases;

/// <summary>
/// Deterministic input data: a generator seeded from the case id, so a case has the same inputs on every run and
/// machine. Float arrays carry the special values (NaN, ±inf, ±0, subnormals, extremes) at random positions;
/// integer arrays carry the dtype's extremes.
/// </summary>
public sealed class DataGenerator(ulong seed)
{
    private readonly Random random = new(unchecked((int)(seed ^ (seed >> 32))));

    /// <summary>A stable 64-bit hash of a case id (FNV-1a), unlike string.GetHashCode.</summary>
    public static ulong SeedOf(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>The special float values of a dtype: NaN, ±inf, ±0, the smallest subnormal and normal, ±max, ±1.</summary>
    public static double[] FloatSpecials(DType dtype)
    {
        var (minSubnormal, minNormal, max) = dtype switch
        {
            DType.Float64 => (double.Epsilon, 2.2250738585072014e-308, double.MaxValue),
            DType.Float32 => ((double)float.Epsilon, 1.1754943508222875e-38, (double)float.MaxValue),
            DType.Float16 => (5.9604644775390625e-08, 6.103515625e-05, 65504.0),
            DType.BFloat16 => (9.183549615799121e-41, 1.1754943508222875e-38, 3.3895313892515355e+38),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype"),
        };
        return [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, minSubnormal, -minSubnormal,
            minNormal, max, -max, 1, -1, 0.5];
    }

    /// <summary>The extreme integers of a dtype: min, min+1, -1, 0, 1, max-1, max (those that exist).</summary>
    public static long[] IntegerExtremes(DType dtype)
    {
        if (dtype == DType.Bool) return [0, 1];
        // uint64's max is all ones, -1 as a long: its extremes around 0, 2^63 and 2^64 - 1.
        if (dtype == DType.UInt64) return [0, 1, 2, long.MaxValue, long.MinValue, -2, -1];
        var min = Numerics.Integers.MinValue(dtype);
        var max = Numerics.Integers.MaxValue(dtype);
        return new[] { min, min + 1, -1, 0, 1, 2, max - 1, max }.Where(v => v >= min && v <= max).Distinct().ToArray();
    }

    public double NextDouble(double lo, double hi) => lo + (hi - lo) * random.NextDouble();

    public long NextLong(long lo, long hiInclusive) =>
        Math.Clamp(lo + (long)Math.Floor(random.NextDouble() * ((double)hiInclusive - lo + 1)), lo, hiInclusive);

    /// <summary>Uniform floats in [lo, hi], rounded to the dtype; with the specials at random positions if asked.</summary>
    public HostTensor Floats(DType dtype, int[] shape, double lo = -10, double hi = 10, bool specials = true)
    {
        var spec = new TensorSpec(dtype, shape);
        var values = new double[spec.ElementCount];
        for (var i = 0; i < values.Length; i++) values[i] = NextDouble(lo, hi);
        if (specials) Sprinkle(values, FloatSpecials(dtype));
        return HostTensor.Create(spec, i => Scalar.FromDouble(dtype, values[i]));
    }

    /// <summary>Integers spread over the whole range of the dtype, with its extremes at random positions.</summary>
    public HostTensor Integers(DType dtype, int[] shape, bool extremes = true)
    {
        var spec = new TensorSpec(dtype, shape);
        var values = new long[spec.ElementCount];
        for (var i = 0; i < values.Length; i++) values[i] = NextBits();
        if (extremes) Sprinkle(values, IntegerExtremes(dtype));
        return HostTensor.Create(spec, i => Scalar.FromInteger(dtype, values[i]));
    }

    /// <summary>Integers in [lo, hi] (wrapped into the dtype).</summary>
    public HostTensor IntegersIn(DType dtype, int[] shape, long lo, long hi)
    {
        var spec = new TensorSpec(dtype, shape);
        return HostTensor.Create(spec, _ => Scalar.FromInteger(dtype, NextLong(lo, hi)));
    }

    public HostTensor Bools(int[] shape) => IntegersIn(DType.Bool, shape, 0, 1);

    /// <summary>Typical values of any dtype: floats in [lo, hi] with specials, integers over their range, random Bools.</summary>
    public HostTensor Values(DType dtype, int[] shape, double lo = -10, double hi = 10, bool specials = true) =>
        dtype.IsFloat() ? Floats(dtype, shape, lo, hi, specials)
        : dtype == DType.Bool ? Bools(shape)
        : specials ? Integers(dtype, shape) : IntegersIn(dtype, shape, (long)Math.Max(lo, Numerics.Integers.MinValue(dtype)), (long)hi);

    /// <summary>Values of small magnitude, safe for sums and products: floats in [-1, 1], integers in [-4, 4] (or [0, 8]).</summary>
    public HostTensor SmallValues(DType dtype, int[] shape) =>
        dtype.IsFloat() ? Floats(dtype, shape, -1, 1, specials: false)
        : dtype == DType.Bool ? Bools(shape)
        : dtype.IsUnsignedInteger() ? IntegersIn(dtype, shape, 0, 8) : IntegersIn(dtype, shape, -4, 4);

    /// <summary>A random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var p = Enumerable.Range(0, n).ToArray();
        random.Shuffle(p);
        return p;
    }

    private long NextBits()
    {
        Span<byte> bytes = stackalloc byte[8];
        random.NextBytes(bytes);
        return BitConverter.ToInt64(bytes);
    }

    /// <summary>Puts each special value at a distinct random position (as many as fit).</summary>
    private void Sprinkle<T>(T[] values, T[] specials)
    {
        if (values.Length == 0) return;
        var positions = Permutation(values.Length);
        for (var i = 0; i < specials.Length && i < values.Length; i++) values[positions[i]] = specials[i];
    }
}
