using System.Numerics;

namespace JaxNet.Backends.TpuSim.Execution.Fft;

/// <summary>
/// How the simulator cuts an n-point transform into matrix products: Stockham passes whose radices are products of
/// n's prime factors up to <see cref="MaxRadix"/> (a radix-64 DFT is a 128 x 128 real matrix, one tile of a v4 MXU,
/// so a pass fills the array and 4096 points take two passes), a prime up to <see cref="MaxPrimeRadix"/> as a pass of
/// its own, and for a larger prime factor Bluestein's convolution over a power of two, <see cref="Padded"/> points.
/// Empty <see cref="Radices"/> (n ≤ 1) is a copy.
/// </summary>
internal sealed record FftPlan(int Length, IReadOnlyList<int> Radices, int? Padded)
{
    /// <summary>The largest radix made of several factors: its complex DFT is a 2r x 2r real matrix of 128 x 128.</summary>
    public const int MaxRadix = 64;

    /// <summary>The largest prime done as one pass (a 2p x 2p matrix, a few MXU folds); past it, Bluestein.</summary>
    public const int MaxPrimeRadix = 128;

    public static FftPlan Of(int n)
    {
        if (RadicesOf(n) is { } radices) return new FftPlan(n, radices, null);
        var padded = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n - 1));
        return new FftPlan(n, RadicesOf(padded)!, padded);
    }

    /// <summary>The passes of one transform of the length the passes work on (n, or Bluestein's padded length).</summary>
    public int PassLength => Padded ?? Length;

    public string Describe() => Radices.Count == 0 ? "a copy"
        : $"{(Padded is { } m ? $"Bluestein's convolution over {m} points, " : "")}MXU passes of radix {string.Join(" x ", Radices)}";

    /// <summary>First-fit decreasing: each prime factor joins the first radix it keeps within <see cref="MaxRadix"/>;
    /// null when a prime factor passes <see cref="MaxPrimeRadix"/>.</summary>
    private static List<int>? RadicesOf(int n)
    {
        var primes = new List<int>();
        for (var p = 2; (long)p * p <= n; p++)
            for (; n % p == 0; n /= p) primes.Add(p);
        if (n > 1) primes.Add(n);
        if (primes.Any(p => p > MaxPrimeRadix)) return null;
        var radices = new List<int>();
        foreach (var p in primes.OrderByDescending(p => p))
        {
            var fits = radices.FindIndex(r => r * p <= MaxRadix);
            if (fits < 0) radices.Add(p);
            else radices[fits] *= p;
        }
        return radices;
    }
}
