using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// logspace and geomspace: numbers evenly spaced on a log scale, as <see cref="Linspace(double, double, int, bool,
/// DType?)"/> is on a linear one.
/// </summary>
public static partial class Jnp
{
    /// <summary>base^t for <paramref name="num"/> values t spaced evenly from start to stop.</summary>
    public static NDArray Logspace(double start, double stop, int num = 50, bool endpoint = true, double @base = 10.0, DType? dtype = null)
    {
        var d = dtype ?? TypePromotion.DefaultFloat;
        var compute = d.IsFloat() ? d : TypePromotion.DefaultFloat;
        var exponents = Linspace(start, stop, num, endpoint, compute);
        return Astype(Power(Full([], @base, compute), exponents), d);
    }

    /// <summary>
    /// A geometric progression from start to stop: each value a constant ratio times the one before. Both ends
    /// must be nonzero; two negative ends give the negated progression of their magnitudes, ends of different
    /// signs give NaN (no real progression joins them), as in NumPy. The ends are exact.
    /// </summary>
    public static NDArray Geomspace(double start, double stop, int num = 50, bool endpoint = true, DType? dtype = null)
    {
        if (start == 0 || stop == 0) throw new ArgumentException("geomspace: geometric sequence cannot include zero");
        if (num < 0) throw new ArgumentException($"geomspace: number of samples must be non-negative, got {num}", nameof(num));
        var d = dtype ?? TypePromotion.DefaultFloat;
        var compute = d.IsFloat() ? d : TypePromotion.DefaultFloat;
        var sign = start < 0 && stop < 0 ? -1.0 : 1.0;
        var values = sign * Logspace(Math.Log10(sign * start), Math.Log10(sign * stop), num, endpoint, 10.0, compute);
        if (num > 0)
        {
            values = values.At[0].Set(start);
            if (endpoint && num > 1) values = values.At[num - 1].Set(stop);
        }
        return Astype(values, d);
    }
}
