using System.Globalization;
using System.Numerics;
using System.Text;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// Constants of the float64 helpers, computed here rather than typed in: the bits of 2/pi for the Payne-Hanek
/// reduction and the split of pi/2 for Cody-Waite come from pi evaluated with Machin's formula in big-integer
/// arithmetic; series coefficients are exact rationals rounded once. Literals print in round-trip form.
/// </summary>
internal static class DoubleConstants
{
    private const int PiBits = 1600;

    /// <summary>floor(pi * 2^PiBits).</summary>
    private static readonly BigInteger ScaledPi = ComputePi();

    /// <summary>The first 32*40 bits of the fraction of 2/pi (2/pi &lt; 1), in 32-bit words, most significant first.</summary>
    public static uint[] TwoOverPiWords { get; } = ComputeTwoOverPi(40);

    /// <summary>pi/2 = Part1 + Part2 + Part3: 33, 33 and 53 significant bits, so k * Part1 and k * Part2 are exact for k &lt; 2^20.</summary>
    public static (double Part1, double Part2, double Part3) PiOver2Split { get; } = SplitPiOver2();

    /// <summary>A float64 GLSL literal that reads back as exactly <paramref name="value"/>.</summary>
    public static string D(double value) => GlslTypes.FloatLiteral(value, true);

    /// <summary>Horner form c0 + v*(c1 + v*(...)) of the given coefficients, as GLSL.</summary>
    public static string Horner(string v, IReadOnlyList<double> coefficients)
    {
        var s = new StringBuilder();
        for (var i = 0; i < coefficients.Count; i++)
        {
            if (i > 0) s.Append(" + ").Append(v).Append(" * (");
            s.Append(D(coefficients[i]));
        }
        s.Append(')', coefficients.Count - 1);
        return s.ToString();
    }

    /// <summary>1/n! as a double, through BigInteger so that only the final division rounds.</summary>
    public static double InverseFactorial(int n)
    {
        var f = BigInteger.One;
        for (var i = 2; i <= n; i++) f *= i;
        return 1.0 / (double)f;
    }

    public static string Words(uint[] words) =>
        string.Join(", ", words.Select(w => "0x" + w.ToString("X8", CultureInfo.InvariantCulture) + "u"));

    private static BigInteger ComputePi()
    {
        // pi = 16 atan(1/5) - 4 atan(1/239), with 64 guard bits.
        var scale = BigInteger.One << (PiBits + 64);
        var pi = 16 * ArctanInverse(5, scale) - 4 * ArctanInverse(239, scale);
        return pi >> 64;
    }

    /// <summary>atan(1/n) * scale, by its alternating Taylor series.</summary>
    private static BigInteger ArctanInverse(int n, BigInteger scale)
    {
        BigInteger sum = 0, power = scale / n, n2 = n * n;
        for (var k = 0; !power.IsZero; k++)
        {
            var term = power / (2 * k + 1);
            sum += k % 2 == 0 ? term : -term;
            power /= n2;
        }
        return sum;
    }

    private static uint[] ComputeTwoOverPi(int words)
    {
        // floor(2/pi * 2^(32 words)) = floor(2^(32 words + 1 + PiBits) / (pi * 2^PiBits)); PiBits >> 32 words keeps it exact.
        var bits = 32 * words;
        var value = (BigInteger.One << (bits + 1 + PiBits)) / ScaledPi;
        var result = new uint[words];
        for (var i = words - 1; i >= 0; i--)
        {
            result[i] = (uint)(value & uint.MaxValue);
            value >>= 32;
        }
        return result;
    }

    private static (double, double, double) SplitPiOver2()
    {
        // pi/2 * 2^PiBits = ScaledPi / 2; take its leading bits in chunks.
        var half = ScaledPi >> 1;
        var top = (int)half.GetBitLength();
        // Bits [from, from + count) of pi/2, counted from its leading bit, as an exact double.
        double Chunk(int from, int count)
        {
            var shift = top - from - count;
            var chunk = (half >> shift) & ((BigInteger.One << count) - 1);
            return Math.ScaleB((double)chunk, shift - PiBits);
        }
        var p1 = Chunk(0, 33);
        var p2 = Chunk(33, 33);
        var p3 = Chunk(66, 53);
        return (p1, p2, p3);
    }
}
