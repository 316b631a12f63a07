using JaxNet.Primitives;

namespace JaxNet.Tests.Api;

/// <summary>The DFT tables' cosine (<see cref="QuarterTurnCosine"/>) against a float64 cosine of the exact angle, over every
/// phase the tables use (-q to 7q), for short and long periods, in float32 and float64.</summary>
public class QuarterTurnCosineTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(32)]
    [InlineData(1031)]
    [InlineData(65536)]
    [InlineData(QuarterTurnCosine.MaxQuarter)]
    public void MatchesTheCosineOfTheExactAngle(int q)
    {
        // Every phase for short periods; for long ones the ends, each quarter turn's neighbourhood and a stride through.
        var phases = (q <= 2048
                ? Enumerable.Range(-q, 8 * q).Select(p => (long)p)
                : Enumerable.Range(-2, 9).SelectMany(t => new long[] { t * (long)q - 1, t * (long)q, t * (long)q + 1, t * (long)q + q / 2 })
                    .Concat(Enumerable.Range(0, 997).Select(i => -q + i * (8L * q / 997))))
            .Where(p => p >= -q && p < 7L * q).Select(p => (int)p).ToArray();
        foreach (var (dtype, tolerance) in new[] { (DType.Float32, 1.2e-7), (DType.Float64, 6e-16) })
        {
            var got = QuarterTurnCosine.Of(Jnp.Array(phases), q, dtype).ToArray<double>();
            for (var i = 0; i < phases.Length; i++)
            {
                var expected = Reference(phases[i], q);
                Assert.True(Math.Abs(got[i] - expected) <= tolerance,
                    $"{dtype.NumpyName()} q {q} phase {phases[i]}: {got[i]:R}, expected {expected:R}");
            }
        }
    }

    /// <summary>cos(pπ/2q) with the whole turns taken off in integers first, so the angle CosPi sees is within a half
    /// turn and rounded once (Math.Cos of pπ/2q would carry the rounding of a large angle).</summary>
    private static double Reference(long p, int q)
    {
        var period = 4L * q;
        var r = (p % period + period) % period;
        if (r > 2L * q) r -= period;
        return double.CosPi(r / (2.0 * q));
    }

    [Fact]
    public void PhasesOfManyTurnsAsADenseMatrixHasThem()
    {
        // 4·k·j + 3q for k, j < q = 127: up to 127 turns, no reduction mod q before.
        const int q = 127;
        var top = 4L * (q - 1) * (q - 1) + 3 * q;
        var phases = Enumerable.Range(0, (int)top + 1).Where(p => p % 7 == 0 || p > top - 50).ToArray();
        foreach (var (dtype, tolerance) in new[] { (DType.Float32, 1.2e-7), (DType.Float64, 6e-16) })
        {
            var got = QuarterTurnCosine.Of(Jnp.Array(phases), q, dtype, top).ToArray<double>();
            for (var i = 0; i < phases.Length; i++)
                Assert.True(Math.Abs(got[i] - Reference(phases[i], q)) <= tolerance, $"{dtype.NumpyName()} phase {phases[i]}: {got[i]:R}");
        }
    }

    [Fact]
    public void ExactQuarterTurnsAreExact()
    {
        const int q = 12;
        var got = QuarterTurnCosine.Of(Jnp.Array(new[] { -q, 0, q, 2 * q, 3 * q, 4 * q }), q, DType.Float32).ToArray<float>();
        Assert.Equal(new float[] { 0, 1, 0, -1, 0, 1 }, got);
        Assert.Throws<ArgumentException>(() => QuarterTurnCosine.Of(Jnp.Array(new[] { 0 }), QuarterTurnCosine.MaxQuarter + 1, DType.Float32));
    }
}
