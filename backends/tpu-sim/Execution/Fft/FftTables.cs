using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution.Fft;

/// <summary>
/// The constants of a transform, computed on the host in float64 from exact integer phases (reduced modulo the order
/// before they become floating point) and rounded once to the kernel's dtype: they are what a compiler would place in
/// HBM beside the program. <paramref name="sign"/> is -1 for the forward transform and +1 for the inverse.
/// </summary>
internal static class FftTables
{
    /// <summary>e^(sign·2πi·phase/order) rounded to <paramref name="dtype"/>.</summary>
    public static (double Re, double Im) Root(long phase, long order, int sign, DType dtype)
    {
        var (sin, cos) = double.SinCosPi(sign * 2.0 * (phase % order) / order);
        return (DTypeValues.Round(cos, dtype), DTypeValues.Round(sin, dtype));
    }

    /// <summary>The n roots of unity e^(sign·2πi·t/n), from which every pass takes its twiddles.</summary>
    public static (double Re, double Im)[] Roots(int n, int sign, DType dtype)
    {
        var roots = new (double, double)[n];
        for (var t = 0; t < n; t++) roots[t] = Root(t, n, sign, dtype);
        return roots;
    }

    /// <summary>
    /// The radix-r DFT as the real 2r x 2r matrix the MXU multiplies by, row-major: a butterfly's row of parts
    /// [re 0..r-1, im 0..r-1] times it gives [Re 0..r-1, Im 0..r-1]. With W[t, q] = C + iS:
    /// [[C, S], [-S, C]].
    /// </summary>
    public static double[] DftMatrix(int radix, int sign, DType dtype)
    {
        var width = 2 * radix;
        var matrix = new double[width * width];
        for (var t = 0; t < radix; t++)
            for (var q = 0; q < radix; q++)
            {
                var (c, s) = Root((long)t * q, radix, sign, dtype);
                matrix[t * width + q] = c;
                matrix[t * width + radix + q] = s;
                matrix[(radix + t) * width + q] = -s;
                matrix[(radix + t) * width + radix + q] = c;
            }
        return matrix;
    }

    /// <summary>Bluestein's chirp c_t = e^(sign·πi·t²/n) for t &lt; n, t² reduced modulo 2n in 64 bits.</summary>
    public static (double Re, double Im)[] Chirp(int n, int sign, DType dtype)
    {
        var chirp = new (double, double)[n];
        for (var t = 0; t < n; t++) chirp[t] = Root((long)t * t % (2L * n), 2L * n, sign, dtype);
        return chirp;
    }
}
