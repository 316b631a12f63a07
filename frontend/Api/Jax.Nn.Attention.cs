using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Nn
    {
        /// <summary>
        /// Scaled dot-product attention, softmax(Q Kᵀ · scale + bias) V per head, as jax.nn.dot_product_attention
        /// computes it with implementation null or "xla" (there is no cuDNN kernel here; "cudnn" is refused).
        /// Shapes, in JAX's letters: query [B, T, N, H], key and value [B, S, K, H] (or all three without B); N must
        /// be a multiple of K, each group of N / K query heads sharing one key/value head (grouped-query attention;
        /// K = 1 is multi-query). <paramref name="bias"/> (added to the logits) and <paramref name="mask"/> (bool,
        /// true where a query may attend) broadcast to [B, N, T, S], their head axis being 1 or N.
        /// <paramref name="isCausal"/> lets query t attend to keys s &lt;= t (aligned at the start, as JAX's
        /// tril); <paramref name="localWindowSize"/> (left, right) to keys t - left &lt;= s &lt;= t + right;
        /// <paramref name="querySeqLengths"/> and <paramref name="keyValueSeqLengths"/> (int32, [B]) mask the
        /// padding, and padded queries give zeros. Masked logits become a large negative number (a fully masked row
        /// attends uniformly, as in JAX). <paramref name="scale"/> defaults to 1 / sqrt(H). The logits and softmax
        /// are computed in float32 for half-precision inputs, as JAX does, but in float64 for float64 inputs (JAX
        /// uses float32 there too).
        /// </summary>
        public static NDArray DotProductAttention(NDArray query, NDArray key, NDArray value, NDArray? bias = null, NDArray? mask = null,
            double? scale = null, bool isCausal = false, NDArray? querySeqLengths = null, NDArray? keyValueSeqLengths = null,
            (int Left, int Right)? localWindowSize = null, string? implementation = null)
        {
            if (implementation is "cudnn")
                throw new NotSupportedException("dot_product_attention: the 'cudnn' implementation is not available in JaxNet; use null or 'xla'");
            if (implementation is not (null or "xla"))
                throw new ArgumentException($"dot_product_attention: unsupported implementation '{implementation}'; use null or 'xla'", nameof(implementation));
            var outputShape = query.Shape;
            (query, key, value) = (Ensure4d(query, "query"), Ensure4d(key, "key"), Ensure4d(value, "value"));
            bias = bias is null ? null : Ensure4d(bias, "bias");
            mask = mask is null ? null : Ensure4d(mask, "mask");
            var (b, s, k, h) = (key.Aval.Shape[0], key.Aval.Shape[1], key.Aval.Shape[2], key.Aval.Shape[3]);
            var (t, n) = (query.Aval.Shape[1], query.Aval.Shape[2]);
            if (!Shapes.Equal(value.Aval.Shape, key.Aval.Shape) || value.DType != key.DType)
                throw AttentionError($"value {value.Aval.Str()} must have the shape and dtype of key {key.Aval.Str()}");
            if (query.Aval.Shape[0] != b || query.Aval.Shape[3] != h || query.DType != key.DType)
                throw AttentionError($"query {query.Aval.Str()} must be [B, T, N, H] with B = {b}, H = {h} and the dtype of key {key.Aval.Str()}");
            if (!key.DType.IsFloat()) throw AttentionError($"query, key and value must be floats, got {key.DType}");
            if (n % k != 0) throw AttentionError($"the number of query heads must be a multiple of key/value heads, got {n} and {k}");
            if (mask is not null && mask.DType != DType.Bool) throw AttentionError($"mask must be bool, got {mask.DType}");
            CheckSeqLengths(querySeqLengths, b, "querySeqLengths");
            CheckSeqLengths(keyValueSeqLengths, b, "keyValueSeqLengths");
            var g = n / k;

            // Grouped: query head n = k * G + g uses key/value head k.
            var dtype = TypePromotion.ResultType((key.DType, false), (DType.Float32, false)).DType;
            var q = Lax.ConvertElementType(Lax.Reshape(query, [b, t, k, g, h]), dtype);
            var logits = Jnp.Einsum("BTKGH,BSKH->BKGTS", q, Lax.ConvertElementType(key, dtype)) * (scale ?? 1 / Math.Sqrt(h));
            if (bias is not null) logits = Lax.ConvertElementType(logits + Grouped(bias, n, k, "bias"), dtype);
            var allowed = CombinedMask(mask is null ? null : Grouped(mask, n, k, "mask"), t, s, isCausal, localWindowSize, querySeqLengths, keyValueSeqLengths);
            // JAX's large negative number: -0.7 times the largest float32, finite in every dtype the softmax uses.
            if (allowed is not null) logits = Jnp.Where(allowed, logits, Lax.ConvertElementType(-0.7 * float.MaxValue, dtype));
            var probabilities = Lax.ConvertElementType(Softmax(logits, -1), key.DType);
            var encoded = Lax.Reshape(Jnp.Einsum("BKGTS,BSKH->BTKGH", probabilities, value), [b, t, n, h]);
            if (querySeqLengths is not null)
            {
                var valid = Jnp.Less(Lax.BroadcastedIota(DType.Int32, [b, t, 1, 1], 1), Lax.Reshape(querySeqLengths, [b, 1, 1, 1]));
                encoded = encoded * Lax.ConvertElementType(valid, encoded.DType);
            }
            return Lax.Reshape(encoded, outputShape);
        }

        private static ShapeException AttentionError(string message) => new($"dot_product_attention: {message}");

        // JAX's _ensure_4d: leading axes of size 1 up to four dimensions.
        private static NDArray Ensure4d(NDArray x, string name)
        {
            if (x.Ndim > 4) throw AttentionError($"{name} must have at most 4 dimensions, got {x.Aval.Str()}");
            return x.Ndim == 4 ? x : Lax.Reshape(x, [.. Enumerable.Repeat(1, 4 - x.Ndim), .. x.Aval.Shape]);
        }

        private static void CheckSeqLengths(NDArray? lengths, int batch, string name)
        {
            if (lengths is not null && (lengths.DType != DType.Int32 || !Shapes.Equal(lengths.Aval.Shape, [batch])))
                throw AttentionError($"{name} must be int32 of shape [{batch}], got {lengths.Aval.Str()}");
        }

        // A [B, N, T, S] bias or mask as [B, K, G, T, S] (its head axis 1 stays 1 and broadcasts).
        private static NDArray Grouped(NDArray x, int n, int k, string name)
        {
            var (tb, tn, tt, ts) = (x.Aval.Shape[0], x.Aval.Shape[1], x.Aval.Shape[2], x.Aval.Shape[3]);
            if (tn == 1) return Lax.Reshape(x, [tb, 1, 1, tt, ts]);
            if (tn != n) throw AttentionError($"{name} {x.Aval.Str()} must have 1 or N = {n} heads on axis 1");
            return Lax.Reshape(x, [tb, k, n / k, tt, ts]);
        }

        // Where a query may attend (broadcastable to [B, K, G, T, S]), or null when nothing is masked.
        private static NDArray? CombinedMask(NDArray? mask, int t, int s, bool isCausal, (int Left, int Right)? window,
            NDArray? querySeqLengths, NDArray? keyValueSeqLengths)
        {
            var queryPosition = Lax.BroadcastedIota(DType.Int32, [1, 1, 1, t, s], 3);
            var keyPosition = Lax.BroadcastedIota(DType.Int32, [1, 1, 1, t, s], 4);
            var combined = mask;
            void And(NDArray m) => combined = combined is null ? m : Jnp.LogicalAnd(combined, m);
            if (isCausal) And(Jnp.LessEqual(keyPosition, queryPosition));
            if (window is { } w)
                And(Jnp.LogicalAnd(Jnp.LessEqual(queryPosition, keyPosition + w.Left), Jnp.GreaterEqual(queryPosition, keyPosition - w.Right)));
            if (querySeqLengths is not null)
                And(Jnp.Less(queryPosition, Lax.Reshape(querySeqLengths, [querySeqLengths.Aval.Shape[0], 1, 1, 1, 1])));
            if (keyValueSeqLengths is not null)
                And(Jnp.Less(keyPosition, Lax.Reshape(keyValueSeqLengths, [keyValueSeqLengths.Aval.Shape[0], 1, 1, 1, 1])));
            return combined;
        }
    }
}
