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
        Func<double, double> reference, double[] xs, double magnitudeFloor = 0) =>
        WorstUlp((a, _) => wide(a), (a, _) => narrow(a), (x, _) => reference(x), xs, xs, magnitudeFloor);

    public static (double Ulp, double At) WorstUlp(Func<Vector512<double>, Vector512<double>, Vector512<double>> wide,
        Func<Vector256<double>, Vector256<double>, Vector256<double>> narrow, Func<double, double, double> reference, double[] xs, double[] ys,
        double magnitudeFloor = 0)
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
                var error = Ulps(got.GetElement(j), reference(x[j], y[j]), magnitudeFloor);
                if (!(error <= worst)) (worst, at) = (error, x[j]);
            }
        }
        return (worst, at);
    }

    /// <summary>
    /// |got - expected| in ulps of expected, or of <paramref name="magnitudeFloor"/> where expected is smaller (an
    /// absolute bound near a function's zeros); 0 when both are the same NaN-ness or the same infinity.
    /// </summary>
    public static double Ulps(double got, double expected, double magnitudeFloor = 0)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected)) return got.Equals(expected) ? 0 : double.PositiveInfinity;
        var magnitude = Math.Max(Math.Abs(expected), magnitudeFloor);
        var ulp = Math.BitIncrement(magnitude) - magnitude;
        return Math.Abs(got - expected) / ulp;
    }

    /// <summary>
    /// Worst |got - exact| in ulps of the exact value, exact as a double-double (of |x| for the odd functions, whose
    /// sign follows x), so that an error of 0.51 ulp reads 0.51 and not 1 (a rounded reference's distance); the
    /// 256-bit form must give the 512-bit form's bits on lanes 4..7 of each chunk.
    /// </summary>
    public static (double Ulp, double At) WorstUlpAgainstPair(Func<Vector512<double>, Vector512<double>> wide,
        Func<Vector256<double>, Vector256<double>> narrow, Func<double, (double Hi, double Lo)> reference, double[] xs)
    {
        var (worst, at) = (0d, 0d);
        for (var i = 0; i + 8 <= xs.Length; i += 8)
        {
            var got = wide(Vector512.Create(xs.AsSpan(i, 8)));
            var other = narrow(Vector256.Create(xs.AsSpan(i + 4, 4)));
            for (var j = 0; j < 8; j++)
            {
                if (j >= 4) Assert.Equal(Bits(got[j]), Bits(other[j - 4]));
                var (hi, lo) = reference(xs[i + j]);
                if (!double.IsFinite(hi))
                {
                    Assert.Equal(Math.Abs(hi), Math.Abs(got[j])); // NaN or the infinity, of x's sign where odd
                    continue;
                }
                if (double.IsNegative(xs[i + j]) && double.IsNegative(got[j]) != double.IsNegative(hi)) (hi, lo) = (-hi, -lo);
                var magnitude = Math.Abs(hi);
                var error = Math.Abs(got[j] - hi - lo) / (Math.BitIncrement(magnitude) - magnitude);
                if (!(error <= worst)) (worst, at) = (error, xs[i + j]);
            }
        }
        return (worst, at);
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

    /// <summary>Worst |got - f(x)| in float32 ulps of the exact value over xs; the 256-bit form must give the 512-bit form's bits.</summary>
    public static void AssertFloat32(string function, Func<Vector512<float>, Vector512<float>> wide, Func<Vector256<float>, Vector256<float>> narrow,
        Func<double, double> reference, float[] xs, double bound)
    {
        var (worst, at) = (0d, 0f);
        for (var i = 0; i + 16 <= xs.Length; i += 16)
        {
            var got = wide(Vector512.Create(xs.AsSpan(i, 16)));
            var other = narrow(Vector256.Create(xs.AsSpan(i + 8, 8)));
            for (var j = 0; j < 16; j++)
            {
                if (j >= 8) Assert.Equal(BitConverter.SingleToInt32Bits(got[j]), BitConverter.SingleToInt32Bits(other[j - 8]));
                var error = FloatUlps(got[j], reference(xs[i + j]));
                if (!(error <= worst)) (worst, at) = (error, xs[i + j]);
            }
        }
        Assert.True(worst <= bound, $"float32 {function}: {worst:F4} ulp at x = {at:R}");
    }

    /// <summary>
    /// |got - exact| in float32 ulps of the exact value (the subnormal ulp below 2^-126); infinities and NaN must match,
    /// and so must an exact value that rounds to a float32 infinity.
    /// </summary>
    public static double FloatUlps(float got, double exact)
    {
        if (double.IsNaN(exact) || float.IsInfinity((float)exact)) return got.Equals((float)exact) ? 0 : double.PositiveInfinity;
        var ulp = Math.ScaleB(1d, Math.Max(Math.ILogB(Math.Max(Math.Abs(exact), double.Epsilon)), -126) - 23);
        return Math.Abs(got - exact) / ulp;
    }

    /// <summary><paramref name="count"/> consecutive float32 values from the one with bits <paramref name="firstBits"/> (a binade is 2^23 of them).</summary>
    /// <summary>The <paramref name="count"/> floats from the bits <paramref name="firstBits"/> on, every one with
    /// vector hardware and every <see cref="Float32Sweep.Step"/>th in the scalar-only rerun.</summary>
    public static float[] Consecutive(uint firstBits, int count) =>
        Enumerable.Range(0, Float32Sweep.Visited(count)).Select(i => BitConverter.UInt32BitsToSingle(Float32Sweep.At(firstBits, i))).ToArray();

    public static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    /// <summary>The 512-bit routine's value at <paramref name="x"/>, after checking the 256-bit one gives the same bits.</summary>
    public static double Of(Func<Vector512<double>, Vector512<double>> wide, Func<Vector256<double>, Vector256<double>> narrow, double x)
    {
        var result = wide(Vector512.Create(x)).ToScalar();
        Assert.Equal(Bits(result), Bits(narrow(Vector256.Create(x)).ToScalar()));
        return result;
    }

    private static double[] Chunk(double[] values, int start)
    {
        var chunk = new double[8];
        values.AsSpan(start, Math.Min(8, values.Length - start)).CopyTo(chunk);
        return chunk;
    }
}
