using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>
        /// jax.random.key: a typed key (shape (), dtype key&lt;fry&gt;, key&lt;rbg&gt; or key&lt;urbg&gt;) from an
        /// integer seed, of <paramref name="impl"/> ("threefry2x32", "rbg" or "unsafe_rbg"; default
        /// <see cref="Config.PrngImpl"/>), over the same words as <see cref="PRNGKey(int, string?)"/>, so both draw
        /// the same numbers.
        /// </summary>
        /// <exception cref="ArgumentException">An unknown implementation.</exception>
        public static PRNGKeyArray Key(int seed, string? impl = null) => Typed(PRNGKey(seed, ImplName(impl)), impl);

        /// <summary>A typed key from a 64-bit seed: both words of the seed, as JAX with x64 enabled.</summary>
        public static PRNGKeyArray Key(long seed, string? impl = null) => Typed(PRNGKey(seed, ImplName(impl)), impl);

        /// <summary>
        /// A typed key from an integer array seed of shape () (traceable, so <c>Jax.Vmap(Key)</c> over seeds gives a
        /// key array, as in JAX): the low 32 bits as the low word, the high 32 bits of an int64 seed as the high one.
        /// </summary>
        /// <exception cref="ArgumentException">A seed that is not an integer scalar, or an unknown implementation.</exception>
        public static PRNGKeyArray Key(NDArray seed, string? impl = null)
        {
            var dtype = PRNGKeyDType.Of(ImplName(impl));
            var (high, low) = SeedWords(seed, nameof(Key));
            return new(dtype.Implementation.Seed(high, low), dtype);
        }

        /// <summary>
        /// A seed's high and low 32 bits as rank-0 uint32 words, as JAX's threefry_seed takes them: the high word is
        /// zero for seeds of 32 bits or fewer.
        /// </summary>
        internal static (NDArray High, NDArray Low) SeedWords(NDArray seed, string caller)
        {
            if (seed.Ndim != 0 || !seed.DType.IsInteger())
                throw new ArgumentException($"Jax.Random.{caller}: the seed must be an integer scalar, got {seed.Aval.Str()}", nameof(seed));
            var low = Lax.ConvertElementType(seed, DType.UInt32);
            var high = seed.DType.SizeOf() == 8
                ? Lax.ConvertElementType(Lax.ShiftRightLogical(seed, NDArray.FromScalar(Core.Scalar.FromBits(seed.DType, 32), weak: false)), DType.UInt32)
                : Jnp.ZerosLike(low);
            return (high, low);
        }

        /// <summary>
        /// jax.random.key_data: the uint32 words under typed keys, shape keys.shape + [words per key].
        /// </summary>
        public static NDArray KeyData(PRNGKeyArray keys) => keys.Words;

        /// <summary>
        /// jax.random.key_data of raw keys: they are their words already, so this validates them (as keys of
        /// <see cref="Config.PrngImpl"/>) and returns the same array.
        /// </summary>
        /// <exception cref="ArgumentException">Not a uint32 array whose last axis holds the configured
        /// implementation's words.</exception>
        public static NDArray KeyData(NDArray keys) => PRNGKeyArray.CheckWords(keys, PRNGKeyDType.Of(Config.PrngImpl), $"Jax.Random.{nameof(KeyData)}");

        /// <summary>
        /// jax.random.wrap_key_data: typed keys of shape keyBitsArray.shape[:-1] from uint32 words of shape
        /// [..., words per key] (what <see cref="KeyData(PRNGKeyArray)"/> returns, or JAX's), for
        /// <paramref name="impl"/> (default <see cref="Config.PrngImpl"/>).
        /// </summary>
        /// <exception cref="ArgumentException">Not a uint32 array with the implementation's words as its last axis,
        /// or an unknown implementation.</exception>
        public static PRNGKeyArray WrapKeyData(NDArray keyBitsArray, string? impl = null)
        {
            var dtype = PRNGKeyDType.Of(ImplName(impl));
            return new(PRNGKeyArray.CheckWords(keyBitsArray, dtype, $"Jax.Random.{nameof(WrapKeyData)}"), dtype);
        }

        /// <summary>jax.random.key_impl: the implementation's name, "threefry2x32", "rbg" or "unsafe_rbg".</summary>
        public static string KeyImpl(PRNGKeyArray keys) => keys.DType.Impl;

        private static string ImplName(string? impl) => impl ?? Config.PrngImpl;

        private static PRNGKeyArray Typed(NDArray words, string? impl) => WrapKeyData(words, impl);
    }
}
