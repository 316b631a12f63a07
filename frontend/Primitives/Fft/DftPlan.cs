namespace JaxNet.Primitives;

/// <summary>
/// How <see cref="PlanarDft"/> factors a length: a four-step split n = n1·n2 with n1 the largest divisor up to √n,
/// recursively, until the pieces are short enough for one dense DFT matrix product, or prime: a dense product up to
/// <see cref="BluesteinMin"/>, Bluestein's algorithm (a convolution of smooth length) beyond.
/// </summary>
internal static class DftPlan
{
    /// <summary>Primes longer than this take Bluestein's algorithm rather than a dense product (whose matrix has 4p²
    /// entries). Measured on the cpu backend: on one row Bluestein is faster from 97 on; on 64 rows the two meet
    /// between 131 and 257; and a short prime stays one dense product (8 kernels, where Bluestein takes about 40).</summary>
    public const int BluesteinMin = 128;

    /// <summary>The first factor of a four-step split of n: its largest divisor up to √n, or 1 where n stays whole
    /// (at most <paramref name="denseMax"/>, or prime).</summary>
    public static int Split(int n, int denseMax)
    {
        if (n <= denseMax) return 1;
        for (var d = (int)Math.Sqrt(n); d > 1; d--)
            if (n % d == 0) return d;
        return 1;
    }

    /// <summary>
    /// The digits a length-n index is split into before its DFT starts, j = (..(d0·f1 + d1)·f2 + ..): a dense DFT reads
    /// two (its matrix is the product of two tables of roots; the first digit is 1 for a prime), a four-step one the
    /// digits of its first DFT and one more, which it splits itself once the first DFT and the twiddles are done.
    /// </summary>
    /// <remarks>Splitting up front, on a buffer, keeps every reshape away from the elementwise twiddle products: a
    /// reshape of an elementwise result makes the fused kernel read all its operands through that reshape, which the
    /// cpu backend does element by element (tens of times slower).</remarks>
    public static int[] Digits(int n, int denseMax)
    {
        var n1 = Split(n, denseMax);
        if (n1 > 1) return [.. Digits(n1, denseMax), n / n1];
        var h = Split(n, 1);
        return [h, n / h];
    }

    /// <summary>Whether the DFT of a length that does not split (<paramref name="digits"/> = [1, n], a prime) takes
    /// Bluestein's algorithm.</summary>
    public static bool UsesBluestein(int[] digits) => digits is [1, > BluesteinMin];

    /// <summary>The length of Bluestein's convolution for a DFT of length n: the least 5-smooth number (2^a·3^b·5^c)
    /// from 2n - 1 on, so that it splits into short dense pieces.</summary>
    public static int ConvolutionLength(int n)
    {
        for (var l = 2 * n - 1; ; l++)
        {
            var rest = l;
            foreach (var f in new[] { 2, 3, 5 })
                while (rest % f == 0) rest /= f;
            if (rest == 1) return l;
        }
    }

    /// <summary>The longest dense DFT the plan of length n does.</summary>
    public static int LongestDense(int n, int denseMax)
    {
        var n1 = Split(n, denseMax);
        if (n1 > 1) return Math.Max(LongestDense(n1, denseMax), LongestDense(n / n1, denseMax));
        return UsesBluestein(Digits(n, denseMax)) ? LongestDense(ConvolutionLength(n), denseMax) : n;
    }
}
