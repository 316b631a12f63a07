using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            private const int ExpIntegralTerms = 1000;
            private const double ExpiAsymptoticFrom = 40;
            private const double EulerGamma = 0.57721566490153286;

            // Ei's positive zero, x₀ = 0.37250741078136663446…, as an unevaluated sum hi + lo for each dtype, so that
            // x − x₀ is formed with one rounding near the zero.
            private const double ExpiZero = 0.3725074107813666, ExpiZeroLow = 1.3140183414386028e-17;
            private const double ExpiZero32 = 0.3725074231624603, ExpiZeroLow32 = -1.2381093483782024e-08;

            // Ei(x) for 0 < x ≤ 40 as log(x/x₀) + Σₖ Dₖ/k with Dₖ = (xᵏ − x₀ᵏ)/k! (the series of Ei about 0, minus the
            // same series at x₀, where it sums to 0). Dₖ₊₁ = (x Dₖ + δ x₀ᵏ/k!)/(k + 1) with δ = x − x₀, so every term
            // has δ's sign and nothing cancels, even next to the zero, where γ + log x + Σ xᵏ/(k·k!) would.
            private static NDArray ExpiSeries(NDArray x)
            {
                var wide = x.DType == DType.Float64;
                var (zero, zeroLow) = wide ? (ExpiZero, ExpiZeroLow) : (ExpiZero32, ExpiZeroLow32);
                var delta = x - zero - zeroLow;
                var nearZero = Jnp.GreaterEqual(x, zero / 2) & Jnp.LessEqual(x, 2 * zero);
                var logRatio = Jnp.Where(nearZero, Jnp.Log1p(delta / zero), Jnp.Log(x) - Math.Log(zero));
                var eps = Epsilon(x.DType);
                // Carry: k, Dₖ, x₀ᵏ/k!, the sum.
                var outs = Lax.WhileLoop(
                    s => Jnp.Less(s[0], ExpIntegralTerms) & Jnp.Any(Jnp.Greater(Jnp.Abs(s[1]) / s[0], eps * Jnp.Abs(s[3]))),
                    s =>
                    {
                        var k = s[0] + 1;
                        var d = (x * s[1] + delta * s[2]) / k;
                        return [k, d, s[2] * zero / k, s[3] + d / k];
                    },
                    [Counter(x, 1), delta, Jnp.FullLike(x, zero), delta]);
                return logRatio + outs[3];
            }

            // Ei(x) for x > 40: eˣ/x Σₖ k!/xᵏ, summed until a term is below the rounding (at x = 40 the smallest term,
            // near k = 40, is 7e−17). eˣ/x is e^(x/2)·(e^(x/2)/x), finite wherever Ei is.
            private static NDArray ExpiAsymptotic(NDArray x)
            {
                var eps = Epsilon(x.DType);
                // Carry: k, k!/xᵏ, the sum.
                var outs = Lax.WhileLoop(
                    s => Jnp.Less(s[0], ExpIntegralTerms) & Jnp.Any(Jnp.Greater(s[1], eps * s[2])),
                    s =>
                    {
                        var k = s[0] + 1;
                        var term = s[1] * k / x;
                        return [k, term, s[2] + term];
                    },
                    [Counter(x, 0), Jnp.OnesLike(x), Jnp.OnesLike(x)]);
                var half = Jnp.Exp(x / 2);
                return half * (half / x) * outs[2];
            }

            // Eₙ(x) for 0 < x ≤ 1 and integer n ≥ 1 (A&S 5.1.12):
            // (−x)ⁿ⁻¹/(n − 1)! (ψ(n) − log x) − Σ_{k ≠ n−1} (−x)ᵏ / ((k − n + 1) k!), with ψ(n) = −γ + Σ_{j<n} 1/j summed
            // beside the series (lax.digamma is 7e−16 off at 1, which E₁(1) would amplify threefold). A loop that stops
            // before k = n − 1 has made the missing power's term negligible, and takes ψ from digamma.
            private static NDArray ExpnSeries(NDArray n, NDArray x)
            {
                var eps = Epsilon(x.DType);
                var missing = n - 1;
                // Carry: k, (−x)ᵏ/k!, the sum, the harmonic number H_min(k, n−1); the k = 0 term is 1/(n − 1), absent for n = 1.
                var first = Jnp.Where(Jnp.Equal(n, 1), 0, 1 / Jnp.Where(Jnp.Equal(n, 1), 1, missing));
                var outs = Lax.WhileLoop(
                    s => Jnp.Less(s[0], ExpIntegralTerms) & Jnp.Any(Jnp.Greater(Jnp.Abs(s[1]), eps * Jnp.Abs(s[2]))),
                    s =>
                    {
                        var k = s[0] + 1;
                        var power = -s[1] * x / k;
                        var skipped = Jnp.Equal(k, missing);
                        var term = power / Jnp.Where(skipped, 1, k - missing);
                        var harmonic = s[3] + Jnp.Where(Jnp.LessEqual(k, missing), 1 / k, 0);
                        return [k, power, s[2] - Jnp.Where(skipped, 0, term), harmonic];
                    },
                    [Counter(x, 0), Jnp.OnesLike(x), first, Jnp.ZerosLike(x)]);
                var digamma = Jnp.Where(Jnp.GreaterEqual(outs[0], missing), outs[3] - EulerGamma, Lax.Digamma(n));
                var sign = Jnp.Where(Jnp.Equal(Jnp.Remainder(missing, 2), 0), 1, -Jnp.OnesLike(x));
                var missingPower = sign * Jnp.Exp(missing * Jnp.Log(x) - Lax.Lgamma(n));
                return missingPower * (digamma - Jnp.Log(x)) + outs[2];
            }

            // Eₙ(x) for x > 1 and integer n ≥ 1: e⁻ˣ times the continued fraction 1/(b₀ + a₁/(b₁ + a₂/(b₂ + …))) with
            // aᵢ = −i (n − 1 + i) and bᵢ = x + n + 2i. The modified Lentz method (as Numerical Recipes' expint) finds how
            // many steps every element needs; the fraction is then evaluated backward over that many: Lentz's running
            // product gathers a rounding per step (4.5e−15 after the 60 to 90 steps near x = 1), the backward recurrence
            // damps them (each step's tail aᵢ/tᵢ is a fraction of bᵢ₋₁).
            private static NDArray ExpnFraction(NDArray n, NDArray x)
            {
                var b = x + n;
                var steps = FractionSteps(n, x, b);
                var outs = Lax.WhileLoop(
                    s => Jnp.Greater(s[0], 0),
                    s =>
                    {
                        var i = s[0];
                        var tail = -i * (n - 1 + i) / s[1];
                        return [i - 1, NudgedOffZero(b + 2 * (i - 1) + tail, FractionTiny)];
                    },
                    [steps, b + 2 * steps]);
                return Jnp.Exp(-x) / outs[1];
            }

            private const double FractionTiny = 1e-30;

            // The number of terms after which Lentz's convergents have stopped changing for every element, plus a margin.
            private static NDArray FractionSteps(NDArray n, NDArray x, NDArray b)
            {
                var tolerance = 2 * Epsilon(x.DType);
                // Carry: i, Lentz's c and d, and whether each element has converged.
                var outs = Lax.WhileLoop(
                    s => Jnp.Less(s[0], ExpIntegralTerms) & Jnp.Any(Jnp.Equal(s[3], 0)),
                    s =>
                    {
                        var i = s[0] + 1;
                        var a = -i * (n - 1 + i);
                        var bi = b + 2 * i;
                        var d = 1 / NudgedOffZero(a * s[2] + bi, FractionTiny);
                        var c = NudgedOffZero(bi + a / s[1], FractionTiny);
                        var converged = Jnp.NotEqual(s[3], 0) | Jnp.LessEqual(Jnp.Abs(c * d - 1), tolerance);
                        return [i, c, d, Jnp.Where(converged, 1, Jnp.ZerosLike(x))];
                    },
                    [Counter(x, 0), Jnp.FullLike(x, 1 / FractionTiny), 1 / b, Jnp.ZerosLike(x)]);
                return outs[0] + 5;
            }

            // A loop's step count, a scalar of x's dtype, since the terms divide by it.
            private static NDArray Counter(NDArray x, double start) => Jnp.Full([], start, x.DType);

            private static NDArray NudgedOffZero(NDArray v, double tiny) => Jnp.Where(Jnp.Less(Jnp.Abs(v), tiny), tiny, v);
        }
    }
}
