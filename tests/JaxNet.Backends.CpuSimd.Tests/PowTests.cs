using System.Runtime.Intrinsics;
using static JaxNet.Backends.CpuSimd.Tests.VectorAccuracy;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// float64 pow (VectorMath.LogFamily.cs) with its exponent through the exp2 table (VectorMath.Exp2.cs, ExpOfPair)
/// against a double-double reference (DoubleDoubleReference.PowPair): the bench's ranges, exponents up to ±708 where
/// the log core's last bits are multiplied by |y log x|, the table's rounding midpoints, the ends of the range the
/// vector form keeps (2^n near 2^±1022), and exact powers of two. Both widths give the same bits.
/// </summary>
public sealed class PowTests
{
    public static TheoryData<double, double, double, double, double> Ranges => new()
    {
        // x from, to; y from, to; the bound (the worst measured, rounded up: 0.523, 0.520, 0.522, 0.522; through
        // expm1's reduction before the exp2 table 0.530, 0.536, 0.531, 0.534).
        { 0.1, 10, -4, 4, 0.53 },
        { 0.5, 2, -64, 64, 0.53 },
        { 0.1, 10, -300, 300, 0.53 },
        { 1e-300, 1e300, -1, 1, 0.53 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Pow_worst_ulp_against_double_double(double xLo, double xHi, double yLo, double yHi, double bound)
    {
        var logUniform = xHi / xLo > 1e3;
        var xs = logUniform ? LogUniform(71, 32 * 1024, Math.Log10(xLo), Math.Log10(xHi), bothSigns: false) : Uniform(71, 32 * 1024, xLo, xHi);
        var ys = Uniform(72, 32 * 1024, yLo, yHi);
        AssertPow(xs, ys, bound);
    }

    [Fact]
    public void Pow_near_the_ends_of_the_vector_range()
    {
        // y log x in [690, 708] and [-708, -690]: results from about 2^-1021.4 to 2^1021.4, n = k >> 4 at its extremes.
        // There the log core's relative 2^-63 is multiplied by 708: 0.658 ulp measured (1.129 before the exp2 table).
        var rng = new Random(73);
        var xs = Enumerable.Range(0, 16 * 1024).Select(_ => 1.001 + rng.NextDouble() * 9).ToArray();
        var ys = xs.Select((x, i) => (i % 2 == 0 ? 1 : -1) * (690 + rng.NextDouble() * 18) / Math.Log(x)).ToArray();
        AssertPow(xs, ys, 0.7);
    }

    [Fact]
    public void Pow_at_the_exp_table_rounding_midpoints()
    {
        // x = 2: y log x = y ln 2, so 16 y = j + 1/2 is where k = round(16 y log x / ln 2) changes; the reduced argument
        // reaches ln 2/32 and a hair beyond on either side. 0.512 ulp measured (0.653 before).
        var xs = new List<double>();
        var ys = new List<double>();
        for (var j = -16_300; j <= 16_300; j += 37)
        {
            var y = (j + 0.5) / 16;
            foreach (var near in new[] { Math.BitDecrement(Math.BitDecrement(y)), Math.BitDecrement(y), y, Math.BitIncrement(y), Math.BitIncrement(Math.BitIncrement(y)) })
            {
                xs.Add(2);
                ys.Add(near);
            }
        }
        while (xs.Count % 8 != 0)
        {
            xs.Add(2);
            ys.Add(0.5);
        }
        AssertPow(xs.ToArray(), ys.ToArray(), 0.52);
    }

    [Fact]
    public void Pow_of_two_to_integers_is_exact()
    {
        var ys = Enumerable.Range(-1016, 2032).Select(n => (double)n).ToArray();
        var got = new double[ys.Length];
        for (var i = 0; i < ys.Length; i += 8)
            Math512.Pow(Vector512.Create(2d), Vector512.Create(ys.AsSpan(i, 8))).CopyTo(got.AsSpan(i));
        for (var i = 0; i < ys.Length; i++)
            Assert.True(Math.ScaleB(1d, (int)ys[i]) == got[i], $"pow(2, {ys[i]}) = {got[i]:R}");
    }

    /// <summary>
    /// Worst |got - exact| in ulps of the exact value over (xs, ys), read at the reference's scale (got 2^-n against
    /// the unscaled pair, the same ulp for a normal result); the 256-bit form must give the 512-bit form's bits.
    /// </summary>
    private static void AssertPow(double[] xs, double[] ys, double bound)
    {
        var (worst, atX, atY) = (0d, 0d, 0d);
        for (var i = 0; i + 8 <= xs.Length; i += 8)
        {
            var got = Math512.Pow(Vector512.Create(xs.AsSpan(i, 8)), Vector512.Create(ys.AsSpan(i, 8)));
            var other = Math256.Pow(Vector256.Create(xs.AsSpan(i + 4, 4)), Vector256.Create(ys.AsSpan(i + 4, 4)));
            for (var j = 0; j < 8; j++)
            {
                if (j >= 4) Assert.Equal(Bits(got[j]), Bits(other[j - 4]));
                var (hi, lo, exponent) = DoubleDoubleReference.PowPair(xs[i + j], ys[i + j]);
                var error = Math.Abs(Math.ScaleB(got[j], -exponent) - hi - lo) / (Math.BitIncrement(hi) - hi);
                if (!(error <= worst)) (worst, atX, atY) = (error, xs[i + j], ys[i + j]);
            }
        }
        Assert.True(worst <= bound, $"pow: {worst:F3} ulp at x = {atX:R}, y = {atY:R}");
    }
}
