namespace JaxNet.Backends.Cuda.Kernels.Fft;

/// <summary>
/// The constants of a transform, computed on the host in float64 from exact integer phases (angles reduced mod
/// the period before they become floating point) and rounded once to the parts' type, interleaved (re, im).
/// </summary>
internal static class FftTables
{
    /// <summary>e^(-2πi·t / n) for t &lt; n: every pass of an n-point Stockham transform indexes it with a step.</summary>
    public static double[] Roots(int n)
    {
        var table = new double[2 * n];
        for (var t = 0; t < n; t++) (table[2 * t + 1], table[2 * t]) = double.SinCosPi(-2.0 * t / n);
        return table;
    }

    /// <summary>Bluestein's chirp c[t] = e^(-πi·t² / n) for t &lt; n, with t² reduced mod 2n.</summary>
    public static double[] Chirp(int n)
    {
        var table = new double[2 * n];
        for (var t = 0; t < n; t++) (table[2 * t + 1], table[2 * t]) = double.SinCosPi(-((long)t * t % (2L * n)) / (double)n);
        return table;
    }

    /// <summary>
    /// The spectrum of the convolution's kernel conj(c), placed cyclically over <paramref name="padded"/> points (at t
    /// and at padded - t), scaled by 1/padded so that the inverse transform of the product needs no scaling of its own.
    /// </summary>
    public static double[] ChirpSpectrum(double[] chirp, int padded)
    {
        var n = chirp.Length / 2;
        var re = new double[padded];
        var im = new double[padded];
        for (var t = 0; t < n; t++)
        {
            (re[t], im[t]) = (chirp[2 * t] / padded, -chirp[2 * t + 1] / padded);
            if (t > 0) (re[padded - t], im[padded - t]) = (re[t], im[t]);
        }
        PowerOfTwoDft(re, im);
        var table = new double[2 * padded];
        for (var t = 0; t < padded; t++) (table[2 * t], table[2 * t + 1]) = (re[t], im[t]);
        return table;
    }

    /// <summary>The forward DFT of a power-of-two length, in place, in float64 (iterative radix 2: bit reversal, then
    /// butterflies with twiddles from exact phases).</summary>
    internal static void PowerOfTwoDft(double[] re, double[] im)
    {
        var n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (re[i], re[j], im[i], im[j]) = (re[j], re[i], im[j], im[i]);
        }
        var roots = Roots(n);
        for (var half = 1; half < n; half *= 2)
        {
            var step = n / (2 * half);
            for (var start = 0; start < n; start += 2 * half)
                for (var k = 0; k < half; k++)
                {
                    var (wr, wi) = (roots[2 * k * step], roots[2 * k * step + 1]);
                    var (a, b) = (start + k, start + k + half);
                    var (xr, xi) = (re[b] * wr - im[b] * wi, re[b] * wi + im[b] * wr);
                    (re[b], im[b]) = (re[a] - xr, im[a] - xi);
                    (re[a], im[a]) = (re[a] + xr, im[a] + xi);
                }
        }
    }
}
