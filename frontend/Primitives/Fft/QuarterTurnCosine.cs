using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// cos(p·π/(2q)) for an int32 phase p in units of 1/q of a quarter turn: the nearest quarter turn is taken off in
/// integers (exactly), and the rest, at most an eighth of a turn, goes to Taylor polynomials of cos and sin in the
/// component type, long enough that their truncation is below its rounding. Elementwise products and sums only, so
/// a table of roots costs a few vector operations per entry on every backend (the cpu backend's own cosine is computed
/// lane by lane, about 8 ns an entry), and the angle carries one rounding however large p.
/// </summary>
internal static class QuarterTurnCosine
{
    /// <summary>Phases from -q to 7q (the most <see cref="DftFactors"/> makes), for q up to this.</summary>
    public const int MaxQuarter = int.MaxValue / 9;

    /// <summary>Below this the quotient of whole quarter turns is taken in float32: exact, and a vector operation
    /// where the integer division is computed lane by lane.</summary>
    private const long FloatQuotientMax = 1 << 22;

    /// <summary>cos(p·π/(2q)) for phases -q ≤ p ≤ <paramref name="maxPhase"/> (at most 7q unless given).</summary>
    public static NDArray Of(NDArray phase, int q, DType dtype, long? maxPhase = null)
    {
        if (q > MaxQuarter) throw new ArgumentException($"fft: length {q} is too large for int32 phase arithmetic");
        var top = maxPhase ?? 7L * q;
        if (top + 2L * q > int.MaxValue) throw new ArgumentException($"fft: phase {top} is too large for int32 arithmetic");
        // turns = round(p / q) + 1 ≥ 0 (p ≥ -q), so the division floors; the rest lies in [-q/2, q/2]. In float32 the
        // numerator plus a half is exact and its quotient at least 1/(2q) from a whole number, so it floors right.
        var shifted = Lax.Add(phase, q);
        var numerator = Lax.Add(shifted, q / 2);
        var turns = top + 2L * q < FloatQuotientMax
            ? Lax.ConvertElementType(Lax.Mul(Lax.Add(Lax.ConvertElementType(numerator, DType.Float32), 0.5), 1.0 / q), DType.Int32)
            : Lax.Div(numerator, q);
        var rest = Lax.Sub(shifted, Lax.Mul(turns, q));
        var x = Lax.Mul(Lax.ConvertElementType(rest, dtype), Math.PI / (2.0 * q));
        var x2 = Lax.Mul(x, x);
        // Terms to x^8 and x^9 leave under 3e-8 at π/4 (float32); to x^16 and x^17 under 3e-18 (float64).
        var terms = dtype == DType.Float32 ? 5 : 9;
        var cos = Series(x2, terms, k => 1.0 / Factorial(2 * k));
        var sin = Lax.Mul(x, Series(x2, terms, k => 1.0 / Factorial(2 * k + 1)));
        // The quarter turns from the centre: 0 cos, 1 -sin, 2 -cos, 3 sin.
        var quarter = Lax.BitwiseAnd(Lax.Add(turns, 3), 3);
        var value = Lax.Select(Lax.Eq(Lax.BitwiseAnd(quarter, 1), 0), cos, sin);
        var negative = Lax.Ne(Lax.BitwiseAnd(Lax.Add(quarter, 1), 2), 0);
        return Lax.Select(negative, Lax.Neg(value), value);
    }

    /// <summary>Σ_k (-1)^k·c_k·x2^k for k &lt; terms, by Horner's rule.</summary>
    private static NDArray Series(NDArray x2, int terms, Func<int, double> coefficient)
    {
        NDArray sum = Lax.Mul(x2, 0.0);
        for (var k = terms - 1; k >= 0; k--) sum = Lax.Add(Lax.Mul(sum, x2), (k % 2 == 0 ? 1 : -1) * coefficient(k));
        return sum;
    }

    private static double Factorial(int k) => Enumerable.Range(1, k).Aggregate(1.0, (a, b) => a * b);
}
