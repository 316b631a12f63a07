using System.Numerics;

namespace JaxNet.Tests.Api;

/// <summary>
/// A float64 FFT written for the tests, independent of the code under test: iterative radix-2 for powers of two,
/// Bluestein's chirp convolution (through radix-2 transforms) for every other length. Its own error is a few units of
/// float64 rounding times log n, far below the float32 and float64 bounds the tests check.
/// </summary>
internal static class DoublePrecisionFft
{
    /// <summary>X[k] = Σ_j x[j]·exp(∓2πi·jk/n), with the 1/n scale when <paramref name="inverse"/>.</summary>
    public static Complex[] Transform(Complex[] x, bool inverse)
    {
        var n = x.Length;
        var y = (n & (n - 1)) == 0 ? Radix2(x, inverse) : Bluestein(x, inverse);
        if (inverse) for (var k = 0; k < n; k++) y[k] /= n;
        return y;
    }

    private static Complex[] Radix2(Complex[] input, bool inverse)
    {
        var n = input.Length;
        var a = (Complex[])input.Clone();
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (a[i], a[j]) = (a[j], a[i]);
        }
        var sign = inverse ? 1.0 : -1.0;
        for (var length = 2; length <= n; length <<= 1)
        {
            var half = length / 2;
            // Roots from the exact angle of each index (not by repeated multiplication, which would add rounding).
            var roots = Enumerable.Range(0, half).Select(m => Complex.FromPolarCoordinates(1, sign * 2 * Math.PI * m / length)).ToArray();
            for (var start = 0; start < n; start += length)
                for (var m = 0; m < half; m++)
                {
                    var u = a[start + m];
                    var v = a[start + m + half] * roots[m];
                    a[start + m] = u + v;
                    a[start + m + half] = u - v;
                }
        }
        return a;
    }

    /// <summary>Bluestein: jk = (j² + k² - (k - j)²)/2 turns the DFT into a convolution with the chirp, done cyclically
    /// at a power of two ≥ 2n - 1.</summary>
    private static Complex[] Bluestein(Complex[] x, bool inverse)
    {
        var n = x.Length;
        var l = 1;
        while (l < 2 * n - 1) l <<= 1;
        var sign = inverse ? 1.0 : -1.0;
        // The chirp's phase from j² mod 2n, exact in long arithmetic.
        var chirp = Enumerable.Range(0, n).Select(j => Complex.FromPolarCoordinates(1, sign * Math.PI * ((long)j * j % (2L * n)) / n)).ToArray();
        var a = new Complex[l];
        var b = new Complex[l];
        for (var j = 0; j < n; j++) a[j] = x[j] * chirp[j];
        b[0] = Complex.Conjugate(chirp[0]);
        for (var j = 1; j < n; j++) b[j] = b[l - j] = Complex.Conjugate(chirp[j]);
        var (fa, fb) = (Radix2(a, false), Radix2(b, false));
        for (var k = 0; k < l; k++) fa[k] *= fb[k];
        var convolution = Radix2(fa, true);
        return Enumerable.Range(0, n).Select(k => convolution[k] / l * chirp[k]).ToArray();
    }
}
