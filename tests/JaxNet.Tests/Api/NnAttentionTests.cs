using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jax.nn.dot_product_attention against a loop over every batch, query, head and key computed on the host in
/// float64: multi-head and grouped-query heads, bias, masks, causal and local windows, sequence lengths; gradients by
/// finite differences; Jit and Vmap.</summary>
public class NnAttentionTests
{
    private const double LargeNegative = -0.7 * float.MaxValue;

    private sealed record Case(int B, int T, int N, int S, int K, int H)
    {
        public int Group => N / K;
    }

    private static double[] Random(int seed, int count)
    {
        var rng = new System.Random(seed);
        return Enumerable.Range(0, count).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    }

    /// <summary>The loop: for each (b, t, n), logits over s, masked, softmax, weighted sum of values.</summary>
    private static double[] Naive(Case c, double[] q, double[] k, double[] v, Func<int, int, int, int, double>? bias = null,
        Func<int, int, int, int, bool>? allowed = null, double? scale = null, int[]? queryLengths = null)
    {
        var output = new double[c.B * c.T * c.N * c.H];
        var factor = scale ?? 1 / Math.Sqrt(c.H);
        for (var b = 0; b < c.B; b++)
            for (var t = 0; t < c.T; t++)
                for (var n = 0; n < c.N; n++)
                {
                    var kv = n / c.Group;
                    var logits = new double[c.S];
                    for (var s = 0; s < c.S; s++)
                    {
                        double dot = 0;
                        for (var h = 0; h < c.H; h++) dot += q[((b * c.T + t) * c.N + n) * c.H + h] * k[((b * c.S + s) * c.K + kv) * c.H + h];
                        logits[s] = dot * factor + (bias?.Invoke(b, n, t, s) ?? 0);
                        if (allowed is not null && !allowed(b, n, t, s)) logits[s] = LargeNegative;
                    }
                    var max = logits.Max();
                    var weights = logits.Select(l => Math.Exp(l - max)).ToArray();
                    var total = weights.Sum();
                    if (queryLengths is not null && t >= queryLengths[b]) continue;
                    for (var h = 0; h < c.H; h++)
                    {
                        double sum = 0;
                        for (var s = 0; s < c.S; s++) sum += weights[s] / total * v[((b * c.S + s) * c.K + kv) * c.H + h];
                        output[((b * c.T + t) * c.N + n) * c.H + h] = sum;
                    }
                }
        return output;
    }

    private static (double[] Q, double[] K, double[] V) Inputs(Case c, int seed) =>
        (Random(seed, c.B * c.T * c.N * c.H), Random(seed + 1, c.B * c.S * c.K * c.H), Random(seed + 2, c.B * c.S * c.K * c.H));

    private static NDArray Arr(double[] values, DType dtype, params int[] shape) => Jnp.FromHost<double>(values, shape, DType.Float64).Astype(dtype);

    [Fact]
    public void MultiHeadAttentionMatchesTheLoop()
    {
        var c = new Case(2, 3, 2, 4, 2, 5);
        var (q, k, v) = Inputs(c, 1);
        var result = Jax.Nn.DotProductAttention(Arr(q, DType.Float32, 2, 3, 2, 5), Arr(k, DType.Float32, 2, 4, 2, 5), Arr(v, DType.Float32, 2, 4, 2, 5));
        Values(Naive(c, q, k, v), result, DType.Float32, [2, 3, 2, 5]);
        // Without the batch axis, and with a scale.
        var one = Jax.Nn.DotProductAttention(Arr(q[..30], DType.Float64, 3, 2, 5), Arr(k[..40], DType.Float64, 4, 2, 5), Arr(v[..40], DType.Float64, 4, 2, 5), scale: 0.7);
        Values(Naive(c with { B = 1 }, q, k, v, scale: 0.7), one, DType.Float64, [3, 2, 5], 1e-12);
    }

    [Fact]
    public void GroupedQueryHeadsWithBiasMaskAndCausality()
    {
        var c = new Case(2, 4, 6, 5, 2, 3);
        var (q, k, v) = Inputs(c, 7);
        var biasValues = Random(11, c.N * c.T * c.S);
        var maskValues = Random(12, c.B * c.T * c.S).Select(x => x > -0.6).ToArray();
        var bias = Arr(biasValues, DType.Float64, 1, c.N, c.T, c.S);
        var mask = Jnp.FromHost<bool>(maskValues, [c.B, 1, c.T, c.S]);
        var result = Jax.Nn.DotProductAttention(Arr(q, DType.Float64, 2, 4, 6, 3), Arr(k, DType.Float64, 2, 5, 2, 3), Arr(v, DType.Float64, 2, 5, 2, 3),
            bias, mask, isCausal: true);
        var expected = Naive(c, q, k, v, (_, n, t, s) => biasValues[(n * c.T + t) * c.S + s], (b, _, t, s) => maskValues[(b * c.T + t) * c.S + s] && s <= t);
        Values(expected, result, DType.Float64, [2, 4, 6, 3], 1e-12);
        // Multi-query: one key/value head for every query head.
        var mq = new Case(1, 3, 4, 3, 1, 2);
        var (q1, k1, v1) = Inputs(mq, 3);
        Values(Naive(mq, q1, k1, v1), Jax.Nn.DotProductAttention(Arr(q1, DType.Float64, 1, 3, 4, 2), Arr(k1, DType.Float64, 1, 3, 1, 2), Arr(v1, DType.Float64, 1, 3, 1, 2)),
            DType.Float64, tol: 1e-12);
    }

    [Fact]
    public void WindowsSequenceLengthsAndFullyMaskedRows()
    {
        var c = new Case(2, 5, 2, 5, 1, 2);
        var (q, k, v) = Inputs(c, 21);
        var (qa, ka, va) = (Arr(q, DType.Float64, 2, 5, 2, 2), Arr(k, DType.Float64, 2, 5, 1, 2), Arr(v, DType.Float64, 2, 5, 1, 2));
        Values(Naive(c, q, k, v, allowed: (_, _, t, s) => t - 2 <= s && s <= t + 1), Jax.Nn.DotProductAttention(qa, ka, va, localWindowSize: (2, 1)),
            DType.Float64, tol: 1e-12);
        var (qLen, kvLen) = (new[] { 3, 5 }, new[] { 4, 2 });
        var padded = Jax.Nn.DotProductAttention(qa, ka, va, querySeqLengths: I(qLen), keyValueSeqLengths: I(kvLen));
        Values(Naive(c, q, k, v, allowed: (b, _, t, s) => t < qLen[b] && s < kvLen[b], queryLengths: qLen), padded, DType.Float64, tol: 1e-12);
        // A row with nothing to attend to attends uniformly, as in JAX.
        var none = Jnp.Zeros([1, 1, 5, 5], DType.Bool);
        Values(Naive(c, q, k, v, allowed: (_, _, _, _) => false), Jax.Nn.DotProductAttention(qa, ka, va, mask: none), DType.Float64, tol: 1e-12);
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var c = new Case(1, 3, 4, 3, 2, 2);
        var (q, k, v) = Inputs(c, 31);
        var mask = Jnp.FromHost<bool>([true, false, true, true, true, false, true, true, true], [1, 1, 3, 3]);
        GradCheck.Check(a => [Jax.Nn.DotProductAttention(a[0], a[1], a[2], a[3], mask, isCausal: true)],
            [Arr(q, DType.Float64, 1, 3, 4, 2), Arr(k, DType.Float64, 1, 3, 2, 2), Arr(v, DType.Float64, 1, 3, 2, 2), Arr(Random(5, 36), DType.Float64, 1, 4, 3, 3)],
            order: 1);
    }

    [Fact]
    public void JitAndVmapAgreeWithEagerAndErrorsNameTheProblem()
    {
        var c = new Case(2, 3, 4, 4, 2, 3);
        var (q, k, v) = Inputs(c, 41);
        var (qa, ka, va) = (Arr(q, DType.Float32, 2, 3, 4, 3), Arr(k, DType.Float32, 2, 4, 2, 3), Arr(v, DType.Float32, 2, 4, 2, 3));
        var eager = Jax.Nn.DotProductAttention(qa, ka, va, isCausal: true).ToArray<double>();
        Values(eager, Jax.Jit((NDArray a, NDArray b, NDArray d) => Jax.Nn.DotProductAttention(a, b, d, isCausal: true))(qa, ka, va));
        // Vmap over the batch of unbatched (T, N, H) calls is the batched call.
        Values(eager, Jax.Vmap((NDArray a, NDArray b, NDArray d) => Jax.Nn.DotProductAttention(a, b, d, isCausal: true))(qa, ka, va), shape: [2, 3, 4, 3]);
        Assert.Throws<ShapeException>(() => Jax.Nn.DotProductAttention(Jnp.Zeros([2, 3, 3, 3]), ka, va));
        Assert.Throws<ShapeException>(() => Jax.Nn.DotProductAttention(qa, ka, va, mask: Jnp.Ones([1, 1, 3, 4])));
        Assert.Throws<ShapeException>(() => Jax.Nn.DotProductAttention(qa.Astype(DType.Float64), ka, va));
        Assert.Throws<ShapeException>(() => Jax.Nn.DotProductAttention(qa, ka, va, bias: Jnp.Zeros([2, 3, 3, 4])));
        Assert.Throws<ShapeException>(() => Jax.Nn.DotProductAttention(qa, ka, va, querySeqLengths: I(1, 2, 3)));
        Assert.Throws<NotSupportedException>(() => Jax.Nn.DotProductAttention(qa, ka, va, implementation: "cudnn"));
        Assert.Throws<ArgumentException>(() => Jax.Nn.DotProductAttention(qa, ka, va, implementation: "flash"));
    }
}
