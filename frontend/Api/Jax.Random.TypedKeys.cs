using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>Splits a typed key into <paramref name="num"/> typed keys, shape [num] (jax.random.split).</summary>
        /// <exception cref="ArgumentException">A key array of more than one key (split a batch under Jax.Vmap).</exception>
        public static PRNGKeyArray Split(PRNGKeyArray key, int num = 2) => new(Split(SingleKey(key, nameof(Split)), num));

        /// <summary>Splits a typed key into typed keys of shape <paramref name="shape"/>.</summary>
        public static PRNGKeyArray Split(PRNGKeyArray key, int[] shape) => new(Split(SingleKey(key, nameof(Split)), shape));

        /// <summary>Two new typed keys, e.g. <c>var (key, subkey) = Jax.Random.Split2(key);</c>.</summary>
        public static (PRNGKeyArray, PRNGKeyArray) Split2(PRNGKeyArray key)
        {
            var keys = Split(key, 2);
            return (keys[0], keys[1]);
        }

        /// <summary>A new typed key from a typed key and 32 bits of integer data (jax.random.fold_in).</summary>
        public static PRNGKeyArray FoldIn(PRNGKeyArray key, NDArray data) => new(FoldIn(SingleKey(key, nameof(FoldIn)), data));

        /// <summary>A typed key to use again (jax.random.clone): the key itself, as JaxNet has no key-reuse checking.</summary>
        public static PRNGKeyArray Clone(PRNGKeyArray key) => key;

        /// <summary>The words of a typed key of shape (); JAX's split and fold_in take one key and leave batches to vmap.</summary>
        private static NDArray SingleKey(PRNGKeyArray key, string caller) => key.Ndim == 0
            ? key.Words
            : throw new ArgumentException($"Jax.Random.{caller} takes a single key, got a key array of shape {Shapes.Format(key.Shape)}; " +
                "use Jax.Vmap to apply it to each key", nameof(key));
    }
}
