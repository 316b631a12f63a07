using Xunit;

namespace JaxNet.Testing;

/// <summary>
/// The discrete Fourier transform by its definition, in float64 with exact integer phases (jk mod n), against which
/// the backends' fft kernels are tested, and the check that a NaN spoils its own transform and no other.
/// </summary>
public static class DftReference
{
    /// <summary>X[k] = Σ x[j]·e^(∓2πi·(jk mod n)/n) along <paramref name="axis"/> of a row-major array of
    /// <paramref name="shape"/> (scaled by 1/n for the inverse); a null imaginary part reads as zero.</summary>
    public static (double[] Re, double[] Im) Along(int[] shape, int axis, bool inverse, double[] re, double[]? im)
    {
        var n = shape[axis];
        var inner = shape.Skip(axis + 1).Aggregate(1, (a, b) => a * b);
        var outer = shape.Take(axis).Aggregate(1, (a, b) => a * b);
        var (outRe, outIm) = (new double[re.Length], new double[re.Length]);
        var sign = inverse ? 2.0 : -2.0;
        for (var o = 0; o < outer; o++)
            for (var c = 0; c < inner; c++)
                for (var k = 0; k < n; k++)
                {
                    double sr = 0, si = 0;
                    for (var j = 0; j < n; j++)
                    {
                        var at = (o * n + j) * inner + c;
                        var (s, co) = double.SinCosPi(sign * ((long)j * k % n) / n);
                        var (xr, xi) = (re[at], im?[at] ?? 0);
                        sr += xr * co - xi * s;
                        si += xr * s + xi * co;
                    }
                    var to = (o * n + k) * inner + c;
                    (outRe[to], outIm[to]) = inverse ? (sr / n, si / n) : (sr, si);
                }
        return (outRe, outIm);
    }

    /// <summary>
    /// Every point of the transform <paramref name="nanRow"/> (as <paramref name="rowOf"/> numbers points) is NaN in both
    /// parts, and every other point is within <paramref name="tolerance"/> of the reference.
    /// </summary>
    public static void AssertNanFillsOnlyItsRow(double[] gotRe, double[] gotIm, double[] wantRe, double[] wantIm, Func<int, int> rowOf,
        int nanRow, double tolerance)
    {
        Assert.Equal(wantRe.Length, gotRe.Length);
        for (var i = 0; i < gotRe.Length; i++)
        {
            if (rowOf(i) == nanRow)
                Assert.True(double.IsNaN(gotRe[i]) && double.IsNaN(gotIm[i]), $"point {i} of the NaN's row is ({gotRe[i]}, {gotIm[i]})");
            else
                Assert.True(Math.Abs(gotRe[i] - wantRe[i]) < tolerance && Math.Abs(gotIm[i] - wantIm[i]) < tolerance,
                    $"point {i} of another row: ({gotRe[i]}, {gotIm[i]}), want ({wantRe[i]}, {wantIm[i]})");
        }
    }
}
