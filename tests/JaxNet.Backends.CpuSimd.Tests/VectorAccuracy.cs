using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Worst error in ulps of a float64 vector routine against a reference, measured on both widths, which must agree
/// bit for bit (the 256-bit form gets lanes 4..7 of each 8-value chunk, so each lane is checked on a different lane
/// of the other width). The ulp is the reference's.
/// </summary>
internal static class VectorAccuracy
{
    public static (double Ulp, double At) WorstUlp(Func<Vector512<double>, Vector512<double>> wide, Func<Vector256<double>, Vector256<double>> narrow,
        Func<double, double> reference, double[] xs) =>
        WorstUlp((a, _) => wide(a), (a, _) => narrow(a), (x, _) => reference(x), xs, xs);

    public static (double Ulp, double At) WorstUlp(Func<Vector512<double>, Vector512<double>, Vector512<double>> wide,
        Func<Vector256<double>, Vector256<double>, Vector256<double>> narrow, Func<double, double, double> reference, double[] xs, double[] ys)
    {
        var (worst, at) = (0.0, 0.0);
        for (var i = 0; i < xs.Length; i += 8)
        {
            var x = Chunk(xs, i);
            var y = Chunk(ys, i);
            var got = wide(Vector512.Create(x), Vector512.Create(y));
            var other = narrow(Vector256.Create(x.AsSpan(4)), Vector256.Create(y.AsSpan(4)));
            for (var j = 0; j < 8; j++)
            {
                if (j >= 4) Assert.Equal(Bits(got.GetElement(j)), Bits(other.GetElement(j - 4)));
                var error = Ulps(got.GetElement(j), reference(x[j], y[j]));
                if (!(error <= worst)) (worst, at) = (error, x[j]);
            }
        }
        return (worst, at);
    }

    /// <summary>|got - expected| in ulps of expected; 0 when both are the same NaN-ness or the same infinity.</summary>
    public static double Ulps(double got, double expected)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected)) return got.Equals(expected) ? 0 : double.PositiveInfinity;
        var ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        return Math.Abs(got - expected) / ulp;
    }

    public static void AssertWorst(string function, (double Ulp, double At) measured, double bound) =>
        Assert.True(measured.Ulp <= bound, $"{function}: {measured.Ulp:F2} ulp at x = {measured.At:R}");

    /// <summary>Values spread log-uniformly in magnitude over [10^lo, 10^hi], both signs when asked.</summary>
    public static double[] LogUniform(int seed, int count, double lo, double hi, bool bothSigns)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => (bothSigns && rng.Next(2) == 0 ? -1 : 1) * Math.Pow(10, lo + rng.NextDouble() * (hi - lo))).ToArray();
    }

    public static double[] Uniform(int seed, int count, double lo, double hi)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => lo + rng.NextDouble() * (hi - lo)).ToArray();
    }

    public static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    private static double[] Chunk(double[] values, int start)
    {
        var chunk = new double[8];
        values.AsSpan(start, Math.Min(8, values.Length - start)).CopyTo(chunk);
        return chunk;
    }
}
