using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>Splits a typed key into <paramref name="num"/> typed keys, shape [num] (jax.random.split).</summary>
        /// <exception cref="ArgumentException">A key array of more than one key (split a batch under Jax.Vmap).</exception>
        public static PRNGKeyArray Split(PRNGKeyArray key, int num = 2) => Split(key, [num]);

        /// <summary>Splits a typed key into typed keys of shape <paramref name="shape"/>, of the key's implementation.</summary>
        public static PRNGKeyArray Split(PRNGKeyArray key, int[] shape) =>
            new(SplitWords(SingleKey(key, nameof(Split)), shape, KeyScheme.Of(key)), key.DType);

        /// <summary>Two new typed keys, e.g. <c>var (key, subkey) = Jax.Random.Split2(key);</c>.</summary>
        public static (PRNGKeyArray, PRNGKeyArray) Split2(PRNGKeyArray key)
        {
            var keys = Split(key, 2);
            return (keys[0], keys[1]);
        }

        /// <summary>A new typed key from a typed key and 32 bits of integer data (jax.random.fold_in).</summary>
        public static PRNGKeyArray FoldIn(PRNGKeyArray key, NDArray data) =>
            new(FoldInWords(SingleKey(key, nameof(FoldIn)), data, KeyScheme.Of(key)), key.DType);

        /// <summary>A typed key to use again (jax.random.clone): the key itself, as JaxNet has no key-reuse checking.</summary>
        public static PRNGKeyArray Clone(PRNGKeyArray key) => key;

        /// <summary>
        /// <paramref name="num"/> typed keys split from a raw or typed key under its implementation, for samplers that
        /// pass the parts on to other samplers (a raw key's words alone would be read as the configured implementation).
        /// </summary>
        internal static PRNGKeyArray SplitKeyLike(KeyArrayLike key, int num)
        {
            var scheme = KeyScheme.Of(key);
            return new(SplitWords(key, [num], scheme), PRNGKeyDType.For(scheme.Impl));
        }

        /// <summary>The words of a typed key of shape (); JAX's split and fold_in take one key and leave batches to vmap.</summary>
        private static NDArray SingleKey(PRNGKeyArray key, string caller) => key.Ndim == 0
            ? key.Words
            : throw new ArgumentException($"Jax.Random.{caller} takes a single key, got a key array of shape {Shapes.Format(key.Shape)}; " +
                "use Jax.Vmap to apply it to each key", nameof(key));
    }
}
