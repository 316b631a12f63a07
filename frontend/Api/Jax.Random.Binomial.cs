using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>
        /// Binomial counts of <paramref name="n"/> trials with success probability <paramref name="p"/>
        /// (jax.random.binomial), as floats of <paramref name="dtype"/>. As in JAX (and TensorFlow), the sampler runs on
        /// q = min(p, 1 - p) and reflects: n q &lt;= 10 counts geometric waiting times (inversion), larger n q uses
        /// Hörmann's BTRS transformed rejection. n is floored; NaN or negative n, and NaN p or p outside [0, 1],
        /// give NaN; infinite n gives infinity. The shape defaults to the broadcast shape of n and p.
        /// </summary>
        public static NDArray Binomial(KeyArrayLike key, NDArray n, NDArray p, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Binomial", key, shape, dtype, [n, p], (k, x, s, d, part) =>
            {
                var prob = Jnp.BroadcastTo(Jnp.PromoteInexact(x[1])[0], s);
                return Lax.ConvertElementType(BinomialCore(k, Param(x[0], prob.DType, s), prob, part), d);
            });

        /// <summary>
        /// Multinomial counts of <paramref name="n"/> trials over the outcomes of <paramref name="p"/> (probabilities
        /// along its last axis; jax.random.multinomial): one binomial per outcome, of the trials left, with the
        /// outcome's share of the probability left, so that the counts sum to n. The result has shape
        /// <c>shape + [k]</c>, shape defaulting to p's batch shape; n broadcasts against that batch shape.
        /// </summary>
        public static NDArray Multinomial(KeyArrayLike key, NDArray n, NDArray p, int[]? shape = null, DType? dtype = null)
        {
            if (p.Ndim < 1) throw new ArgumentException($"Jax.Random.Multinomial: p must have at least one dimension, got {p.Aval.Str()}");
            var batch = SampleShape("Multinomial", shape, [p.Shape[..^1], n.Shape]);
            var d = FloatDType("Multinomial", dtype);
            var part = KeyScheme.Of(key);
            return Compiled($"multinomial{Shapes.Format(batch)}{d}{Scheme(part)}", x => Lax.ConvertElementType(MultinomialCore(x[0], x[1], x[2], batch, part), d), key, n, p);
        }

        private static NDArray MultinomialCore(NDArray key, NDArray n, NDArray p, int[] batch, KeyScheme scheme)
        {
            var outcomes = p.Shape[^1];
            var promoted = Jnp.PromoteInexact(n, p);
            var trials = Jnp.BroadcastTo(promoted[0], batch);
            var probs = Jnp.Moveaxis(Jnp.BroadcastTo(promoted[1], [.. batch, outcomes]), -1, 0);
            var remaining = Lax.Cumsum(probs, 0, reverse: true);
            var ratios = probs / Jnp.Where(remaining == 0, 1, remaining);
            var keys = scheme.Split(key, [outcomes]);
            var (_, counts) = Lax.Scan((left, step) =>
            {
                var count = BinomialCore(step[1], left[0], Jnp.Clip(step[0], 0, 1), scheme);
                return ([left[0] - count], [count]);
            }, [trials], [ratios, keys]);
            return Jnp.Moveaxis(counts[0], 0, -1);
        }

        /// <summary>JAX's _binomial on count and prob of one float dtype and one shape: the counts, in that dtype.</summary>
        private static NDArray BinomialCore(NDArray key, NDArray count, NDArray prob, KeyScheme scheme)
        {
            var below = prob < 0.5;
            var q = Jnp.Where(below, prob, 1 - prob);
            var countInvalid = Jnp.IsNan(count) | (count < 0);
            var countInfinite = Jnp.IsInf(count);
            var qNan = Jnp.IsNan(q);
            var qNegative = q < 0;
            q = Jnp.Where(qNan | qNegative, 0.01, q);
            var useInversion = countInvalid | (count * q <= 10);
            count = Jnp.Floor(count);
            // Each algorithm runs on every element; the other's elements (and infinite counts, whose result is set
            // below) get parameters on which it finishes quickly.
            var easy = useInversion | countInfinite;
            var inversion = BinomialInversion(key, Jnp.Where(useInversion, count, 0), q, scheme);
            var rejection = BinomialRejection(key, Jnp.Where(easy, 1e4, count), Jnp.Where(easy, 0.5, q), scheme);
            var samples = Jnp.Where(useInversion, inversion, rejection);
            var invalid = qNegative | qNan | countInvalid;
            samples = Jnp.Where(invalid, double.NaN, samples);
            samples = Jnp.Where(countInfinite & !invalid, double.PositiveInfinity, samples);
            return Jnp.Where(below | countInvalid | qNan | countInfinite, samples, count - samples);
        }

        /// <summary>
        /// The number of geometric waiting times (of success probability q) that fit in count trials, less one. q = 0
        /// waits forever (one infinite time), which log1p(-0) = -0 gives and the explicit select keeps on any backend.
        /// </summary>
        private static NDArray BinomialInversion(NDArray key, NDArray count, NDArray q, KeyScheme scheme)
        {
            var shape = count.Shape;
            var dtype = count.DType;
            var logOneMinusQ = Lax.Log1p(-q);
            NDArray[] init = [Jnp.Zeros(shape, dtype), Jnp.Zeros(shape, dtype), key];
            var k = Lax.WhileLoop(c => Jnp.Any(c[1] <= count), c =>
            {
                // JAX takes the subkey first here: subkey, key = split(key).
                var keys = SplitKeys(c[2], 2, scheme);
                var number = Jnp.Where(c[1] <= count, c[0] + 1, c[0]);
                var u = UnitUniform(keys[0], shape, dtype, scheme);
                var wait = Jnp.Where(q == 0, double.PositiveInfinity, Lax.Ceil(Lax.Log(u) / logOneMinusQ));
                return [number, c[1] + wait, keys[1]];
            }, init)[0];
            return k - 1;
        }

        /// <summary>
        /// Hörmann's BTRS ("The generation of binomial random variates", 1993): transformed rejection with a squeeze,
        /// and the log-density bound from Stirling's series.
        /// </summary>
        private static NDArray BinomialRejection(NDArray key, NDArray count, NDArray prob, KeyScheme scheme)
        {
            var shape = count.Shape;
            var dtype = count.DType;
            var stddev = Lax.Sqrt(count * prob * (1 - prob));
            var b = 1.15 + 2.53 * stddev;
            var a = -0.0873 + 0.0248 * b + 0.01 * prob;
            var c = count * prob + 0.5;
            var vR = 0.92 - 4.2 / b;
            var r = prob / (1 - prob);
            var alpha = (2.83 + 5.1 / b) * stddev;
            var m = Lax.Floor((count + 1) * prob);
            NDArray[] init = [Jnp.Full(shape, -1, dtype), Jnp.Full(shape, false), key];
            return Lax.WhileLoop(state => Jnp.Any(!state[1]), state =>
            {
                var keys = SplitKeys(state[2], 3, scheme);
                var u = UnitUniform(keys[1], shape, dtype, scheme) - 0.5;
                var v = UnitUniform(keys[2], shape, dtype, scheme);
                var us = 0.5 - Lax.Abs(u);
                var squeeze = (us >= 0.07) & (v <= vR);
                var k = Lax.Floor((2 * a / us + b) * u + c);
                var reject = (k < 0) | (k > count);
                var logV = Lax.Log(v * alpha / (a / (us * us) + b));
                var bound = (m + 0.5) * Lax.Log((m + 1) / (r * (count - m + 1)))
                    + (count + 1) * Lax.Log((count - m + 1) / (count - k + 1))
                    + (k + 0.5) * Lax.Log(r * (count - k + 1) / (k + 1))
                    + StirlingTail(m) + StirlingTail(count - m) - StirlingTail(k) - StirlingTail(count - k);
                var accept = squeeze | (!reject & (logV <= bound));
                return [Jnp.Where(accept, k, state[0]), state[1] | accept, keys[0]];
            }, init)[0];
        }

        private static readonly double[] StirlingTails =
        [
            0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
            0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287,
        ];

        /// <summary>
        /// log k! - (k + 1/2) log(k + 1) + (k + 1) - log(sqrt(2 pi)): tabulated up to 9, else Stirling's series. (JAX
        /// evaluates the series at min(k, 9), which shifts its bound slightly for k &gt; 9; this follows TensorFlow.)
        /// </summary>
        private static NDArray StirlingTail(NDArray k)
        {
            var table = Jnp.Array(StirlingTails, k.DType);
            var index = Lax.ConvertElementType(Jnp.Clip(k, 0, 9), DType.Int32);
            var kp1sq = (k + 1) * (k + 1);
            var series = (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
            return Jnp.Where(k <= 9, Jnp.Take(table, index, 0, TakeMode.Clip), series);
        }
    }
}
