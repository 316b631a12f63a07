using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        private const string Threefry2x32 = "threefry2x32";

        /// <summary>
        /// jax.random.key: a typed key (shape (), dtype key&lt;fry&gt;) from an integer seed, over the same words as
        /// <see cref="PRNGKey(int)"/>, so both draw the same numbers. Only JAX's default implementation, threefry2x32,
        /// exists.
        /// </summary>
        /// <exception cref="ArgumentException">An implementation other than threefry2x32.</exception>
        public static PRNGKeyArray Key(int seed, string impl = Threefry2x32)
        {
            CheckImpl(impl);
            return new(PRNGKey(seed));
        }

        /// <summary>A typed key from a 64-bit seed: both words of the seed, as JAX with x64 enabled.</summary>
        public static PRNGKeyArray Key(long seed, string impl = Threefry2x32)
        {
            CheckImpl(impl);
            return new(PRNGKey(seed));
        }

        /// <summary>
        /// A typed key from an integer array seed of shape () (traceable, so <c>Jax.Vmap(Key)</c> over seeds gives a
        /// key array, as in JAX): the low 32 bits as the second word, the high 32 bits of an int64 seed as the first.
        /// </summary>
        /// <exception cref="ArgumentException">A seed that is not an integer scalar, or another implementation.</exception>
        public static PRNGKeyArray Key(NDArray seed, string impl = Threefry2x32)
        {
            CheckImpl(impl);
            if (seed.Ndim != 0 || !seed.DType.IsInteger())
                throw new ArgumentException($"Jax.Random.Key: the seed must be an integer scalar, got {seed.Aval.Str()}", nameof(seed));
            var low = Lax.ConvertElementType(seed, DType.UInt32);
            var high = seed.DType == DType.Int64
                ? Lax.ConvertElementType(Lax.ShiftRightLogical(seed, Jnp.Scalar(32L)), DType.UInt32)
                : Jnp.ZerosLike(low);
            return new(Jnp.Stack([high, low]));
        }

        /// <summary>
        /// jax.random.key_data: the uint32 words under typed keys, shape keys.shape + [2].
        /// </summary>
        public static NDArray KeyData(PRNGKeyArray keys) => keys.Words;

        /// <summary>
        /// jax.random.key_data of raw keys: they are their words already, so this validates them and returns the
        /// same array.
        /// </summary>
        /// <exception cref="ArgumentException">Not a uint32 array with a trailing axis of 2.</exception>
        public static NDArray KeyData(NDArray keys) => PRNGKeyArray.CheckWords(keys, $"Jax.Random.{nameof(KeyData)}");

        /// <summary>
        /// jax.random.wrap_key_data: typed keys of shape keyBitsArray.shape[:-1] from uint32 words of shape [..., 2]
        /// (what <see cref="KeyData(PRNGKeyArray)"/> returns, or JAX's), for the threefry2x32 implementation.
        /// </summary>
        /// <exception cref="ArgumentException">Not a uint32 array with a trailing axis of 2, or another
        /// implementation.</exception>
        public static PRNGKeyArray WrapKeyData(NDArray keyBitsArray, string impl = Threefry2x32)
        {
            CheckImpl(impl);
            return new(PRNGKeyArray.CheckWords(keyBitsArray, $"Jax.Random.{nameof(WrapKeyData)}"));
        }

        /// <summary>jax.random.key_impl: the implementation's name, "threefry2x32".</summary>
        public static string KeyImpl(PRNGKeyArray keys) => keys.DType.Impl;

        private static void CheckImpl(string impl)
        {
            if (impl != Threefry2x32)
                throw new ArgumentException($"Jax.Random: only the threefry2x32 PRNG implementation exists, got '{impl}'", nameof(impl));
        }
    }
}
