namespace JaxNet.Backends.Shared.Fft;

/// <summary>
/// How a length is cut into Stockham passes: radix 4 while 4 divides it, then 2, then its odd primes. Shared as
/// source by the cpu-simd and Vulkan plugins (each compiles its own copy), so both plan a length alike.
/// </summary>
internal static class FftRadices
{
    /// <summary>
    /// The largest prime done by a butterfly of its own, which sums its square of DFT terms; a length with a larger
    /// prime factor goes to Bluestein's algorithm.
    /// </summary>
    public const int MaxRadix = 64;

    /// <summary>The radices in pass order, or null when <paramref name="n"/> has a prime factor above <see cref="MaxRadix"/>.
    /// One point is one pass of radix 1: a copy.</summary>
    public static IReadOnlyList<int>? Of(int n)
    {
        if (n == 1) return [1];
        var radices = new List<int>();
        while (n % 4 == 0) { radices.Add(4); n /= 4; }
        if (n % 2 == 0) { radices.Add(2); n /= 2; }
        for (var p = 3; p <= MaxRadix && n > 1; p += 2)
            while (n % p == 0) { radices.Add(p); n /= p; }
        return n == 1 ? radices : null;
    }
}
