namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        private const string Threefry2x32 = "threefry2x32";

        /// <summary>
        /// jax.random.key: a key from an integer seed. JAX returns a typed key array (a scalar of a key dtype);
        /// JaxNet's keys stay raw uint32 words with a trailing axis of 2 (see docs/frontend.md), so this is
        /// <see cref="PRNGKey(int)"/>, and every sampler accepts it. Only JAX's default implementation,
        /// threefry2x32, exists.
        /// </summary>
        /// <exception cref="ArgumentException">An implementation other than threefry2x32.</exception>
        public static NDArray Key(int seed, string impl = Threefry2x32)
        {
            CheckImpl(impl);
            return PRNGKey(seed);
        }

        /// <summary>A key from a 64-bit seed: both words of the seed, as JAX with x64 enabled.</summary>
        public static NDArray Key(long seed, string impl = Threefry2x32)
        {
            CheckImpl(impl);
            return PRNGKey(seed);
        }

        /// <summary>
        /// jax.random.key_data: the uint32 words under a key or an array of keys, shape [..., 2]. Keys are those
        /// words already, so this validates them and returns the same array.
        /// </summary>
        /// <exception cref="ArgumentException">Not a uint32 array with a trailing axis of 2.</exception>
        public static NDArray KeyData(NDArray keys) => CheckKeyWords(keys, nameof(KeyData));

        /// <summary>
        /// jax.random.wrap_key_data: keys from their uint32 words, shape [..., 2] (what <see cref="KeyData"/>
        /// returns), for the threefry2x32 implementation.
        /// </summary>
        /// <exception cref="ArgumentException">Not a uint32 array with a trailing axis of 2, or another
        /// implementation.</exception>
        public static NDArray WrapKeyData(NDArray keyBitsArray, string impl = Threefry2x32)
        {
            CheckImpl(impl);
            return CheckKeyWords(keyBitsArray, nameof(WrapKeyData));
        }

        private static void CheckImpl(string impl)
        {
            if (impl != Threefry2x32)
                throw new ArgumentException($"Jax.Random: only the threefry2x32 PRNG implementation exists, got '{impl}'", nameof(impl));
        }

        private static NDArray CheckKeyWords(NDArray words, string caller)
        {
            if (words.DType != DType.UInt32 || words.Ndim == 0 || words.Shape[^1] != 2)
                throw new ArgumentException($"Jax.Random.{caller}: threefry2x32 keys are uint32 arrays whose last axis has 2 words, got {words.Aval.Str()}",
                    nameof(words));
            return words;
        }
    }
}
