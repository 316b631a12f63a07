using System.Numerics;
using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>
            /// scipy.special.bernoulli(n): the Bernoulli numbers B₀ … Bₙ (B₁ = −1/2, the odd ones from B₃ on 0) in the
            /// default float dtype. n is static, as in JAX, so the numbers are exact rationals computed once on the host
            /// and rounded, not JAX's truncated zeta series (which is off by 3e−6 relative at B₄); their magnitudes overflow to
            /// inf from B₂₆₀ in float64 and from B₆₆ in float32.
            /// </summary>
            /// <exception cref="ArgumentException">n is negative.</exception>
            public static NDArray Bernoulli(int n)
            {
                if (n < 0) throw new ArgumentException($"bernoulli: n must be a non-negative integer, got {n}", nameof(n));
                var values = BernoulliNumbers(n).Select(RoundedQuotient).ToArray();
                return Jnp.FromHost<double>(values, [n + 1], DType.Float64).Astype(TypePromotion.DefaultFloat);
            }

            // B_0 ... B_n as fractions, by the Akiyama-Tanigawa transform (which yields B_1 = +1/2; SciPy's is -1/2).
            private static IEnumerable<(BigInteger Numerator, BigInteger Denominator)> BernoulliNumbers(int n)
            {
                var row = new (BigInteger Numerator, BigInteger Denominator)[n + 1];
                for (var m = 0; m <= n; m++)
                {
                    row[m] = (1, m + 1);
                    for (var j = m; j >= 1; j--)
                        row[j - 1] = Reduced(j * (row[j - 1].Numerator * row[j].Denominator - row[j].Numerator * row[j - 1].Denominator),
                            row[j - 1].Denominator * row[j].Denominator);
                    yield return m == 1 ? (-row[0].Numerator, row[0].Denominator) : row[0];
                }
            }

            private static (BigInteger, BigInteger) Reduced(BigInteger numerator, BigInteger denominator)
            {
                var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
                return divisor.IsZero ? (numerator, denominator) : (numerator / divisor, denominator / divisor);
            }

            // p / q correctly scaled to a double: 64 significant bits of the quotient, then the binary exponent applied,
            // so that numerators and denominators beyond double's range still give the rounded value (or ±inf).
            private static double RoundedQuotient((BigInteger Numerator, BigInteger Denominator) fraction)
            {
                var (p, q) = fraction;
                if (p.IsZero) return 0;
                var shift = 64 - (int)(p.GetBitLength() - q.GetBitLength());
                var scaled = shift >= 0 ? (BigInteger.Abs(p) << shift) / q : BigInteger.Abs(p) / (q << -shift);
                return p.Sign * Math.ScaleB((double)scaled, -shift);
            }
        }
    }
}
