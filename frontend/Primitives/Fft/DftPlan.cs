namespace JaxNet.Primitives;

/// <summary>
/// How <see cref="PlanarDft"/> factors a length: a four-step split n = n1·n2 with n1 the largest divisor up to √n,
/// recursively, until the pieces are short enough (or prime) for one dense DFT matrix product.
/// </summary>
internal static class DftPlan
{
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

    /// <summary>The longest dense DFT the plan of length n does.</summary>
    public static int LongestDense(int n, int denseMax)
    {
        var n1 = Split(n, denseMax);
        return n1 == 1 ? n : Math.Max(LongestDense(n1, denseMax), LongestDense(n / n1, denseMax));
    }
}
