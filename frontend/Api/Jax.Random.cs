using System.Collections.Concurrent;
using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.random: counter-based pseudo-random numbers from explicit keys. A key is a <c>uint32[2]</c> array (JAX's
    /// legacy raw key, from <see cref="PRNGKey(int, string?)"/>) or a typed key of shape () (<see cref="PRNGKeyArray"/>, from
    /// <see cref="Key(int, string?)"/>) over the same words; every sampler takes either (<see cref="KeyArrayLike"/>).
    /// The default generator is Threefry-2x32, bit-identical to JAX's default: the same key gives the
    /// same bits, uniforms, splits and fold-ins as <c>jax.random</c> (and, up to the last ulp of erf_inv, the same
    /// normals). JAX's other implementations, "rbg" and "unsafe_rbg" (four-word keys, bits from
    /// <see cref="Lax.RngBitGenerator"/>), are chosen per key (<c>Key(seed, impl: "rbg")</c>) or for raw keys by
    /// <see cref="Config.PrngImpl"/>; their bits are JaxNet's own, as JAX's come from whatever XLA's backend does. Every function is built from lax primitives, so it traces under Jit, Vmap and Grad; called
    /// eagerly it runs as one compiled program per shape and dtype (as JAX jits its samplers), whose random bits
    /// come from one fused elementwise kernel.
    /// </summary>
    public static partial class Random
    {
        /// <summary>Settings of the generator (JAX's jax_threefry_partitionable and jax_default_prng_impl flags).</summary>
        public static class Config
        {
            private static readonly AsyncLocal<bool?> ScopedPartitionable = new();
            private static readonly AsyncLocal<string?> ScopedImpl = new();
            private static string defaultImpl = "threefry2x32";

            /// <summary>
            /// The process-wide default for <see cref="PrngImpl"/> (JAX's jax_default_prng_impl): "threefry2x32",
            /// "rbg" or "unsafe_rbg".
            /// </summary>
            /// <exception cref="ArgumentException">An unknown implementation.</exception>
            public static string DefaultPrngImpl
            {
                get => defaultImpl;
                set => defaultImpl = JaxNet.PrngImpl.Named(value, "Jax.Random.Config.DefaultPrngImpl").Name;
            }

            /// <summary>
            /// The implementation of new keys made without naming one (<see cref="PRNGKey(int, string?)"/>,
            /// <see cref="Key(int, string?)"/>) and of every raw key a function is given: raw keys do not say what
            /// they are, so a uint32[2] key is read as threefry2x32 and a uint32[4] one as rbg or unsafe_rbg only
            /// under that setting, as in JAX. Typed keys carry their own. Reads the innermost
            /// <see cref="UsePrngImpl"/> scope of this async flow, else <see cref="DefaultPrngImpl"/>.
            /// </summary>
            public static string PrngImpl => ScopedImpl.Value ?? defaultImpl;

            /// <summary>Sets <see cref="PrngImpl"/> until the returned scope is disposed.</summary>
            /// <exception cref="ArgumentException">An unknown implementation.</exception>
            public static IDisposable UsePrngImpl(string impl)
            {
                var name = JaxNet.PrngImpl.Named(impl, "Jax.Random.Config.UsePrngImpl").Name;
                var previous = ScopedImpl.Value;
                ScopedImpl.Value = name;
                return new Scope(() => ScopedImpl.Value = previous);
            }

            /// <summary>
            /// The process-wide default for <see cref="ThreefryPartitionable"/>: true, as in JAX since 0.5.
            /// </summary>
            public static bool DefaultThreefryPartitionable { get; set; } = true;

            /// <summary>
            /// Whether keys expand into bits with the "partitionable" scheme (JAX's default since 0.5: element i is the
            /// hash of its flat index i) or JAX's original scheme (the hash of the counters 0..n-1 halved). The two
            /// give different splits and samples. Reads the innermost <see cref="UseThreefryPartitionable"/> scope of
            /// this async flow, else <see cref="DefaultThreefryPartitionable"/>. Like JAX's flag, it is read when a
            /// function is traced: a Jit compiled under one setting keeps it.
            /// </summary>
            public static bool ThreefryPartitionable => ScopedPartitionable.Value ?? DefaultThreefryPartitionable;

            /// <summary>Sets <see cref="ThreefryPartitionable"/> until the returned scope is disposed (jax.threefry_partitionable(...)).</summary>
            public static IDisposable UseThreefryPartitionable(bool partitionable)
            {
                var previous = ScopedPartitionable.Value;
                ScopedPartitionable.Value = partitionable;
                return new Scope(() => ScopedPartitionable.Value = previous);
            }

            private sealed class Scope(Action restore) : IDisposable
            {
                public void Dispose() => restore();
            }
        }

        /// <summary>
        /// A raw key from an integer seed (jax.random.PRNGKey) for <paramref name="impl"/> (default
        /// <see cref="Config.PrngImpl"/>): for threefry2x32 <c>[0, seed]</c> as uint32 words for a 32-bit seed, as JAX
        /// does with 64-bit types disabled (so <c>PRNGKey(-1)</c> is <c>[0, 4294967295]</c>); rbg and unsafe_rbg
        /// keys repeat those two words.
        /// </summary>
        /// <exception cref="ArgumentException">An unknown implementation.</exception>
        public static NDArray PRNGKey(int seed, string? impl = null) => PRNGKey(seed, widen: Jax.Config.EnableX64, impl);

        /// <summary>
        /// A raw key from a 64-bit seed: the high and low 32-bit words, as JAX with x64 enabled (a seed outside the
        /// int32 range always takes this form).
        /// </summary>
        public static NDArray PRNGKey(long seed, string? impl = null) => PRNGKey(seed, widen: true, impl);

        private static NDArray PRNGKey(long seed, bool widen, string? impl)
        {
            var implementation = JaxNet.PrngImpl.Named(impl ?? Config.PrngImpl, "Jax.Random.PRNGKey");
            var high = widen || seed is < int.MinValue or > int.MaxValue ? (uint)((ulong)seed >> 32) : 0u;
            return implementation.Seed(Jnp.FromHost<uint>([high], []), Jnp.FromHost<uint>([(uint)seed], []));
        }

        /// <summary>Splits a raw key into <paramref name="num"/> new keys: shape [num, words] (jax.random.split).</summary>
        public static NDArray Split(NDArray key, int num = 2) => Split(key, [num]);

        /// <summary>Splits a raw key into an array of keys of shape [..shape, words].</summary>
        public static NDArray Split(NDArray key, int[] shape) => SplitWords(key, shape, KeyScheme.Of(key));

        /// <summary>Split under an explicit scheme: a raw key's (the configured implementation) or a typed key's.</summary>
        private static NDArray SplitWords(NDArray words, int[] shape, KeyScheme scheme)
        {
            if (shape.Any(d => d < 0)) throw new ArgumentException($"Jax.Random.Split: negative key count in {Shapes.Format(shape)}");
            return Compiled($"split{Shapes.Format(shape)}{Scheme(scheme)}", a => scheme.Split(a[0], shape), words);
        }

        /// <summary>Two new raw keys, e.g. <c>var (key, subkey) = Jax.Random.Split2(key);</c>.</summary>
        public static (NDArray, NDArray) Split2(NDArray key)
        {
            var keys = KeysOf(Split(key, 2));
            return (keys[0], keys[1]);
        }

        /// <summary>
        /// A new raw key from a key and 32 bits of integer data (jax.random.fold_in); negative data wraps to uint32.
        /// The result does not depend on <see cref="Config.ThreefryPartitionable"/>.
        /// </summary>
        public static NDArray FoldIn(NDArray key, NDArray data) => FoldInWords(key, data, KeyScheme.Of(key));

        private static NDArray FoldInWords(NDArray words, NDArray data, KeyScheme scheme) =>
            Compiled($"fold_in|{scheme.Impl.Name}", a => scheme.FoldIn(a[0], a[1]), words, data);

        /// <summary>
        /// Uniformly random bits (jax.random.bits) as <paramref name="dtype"/>: UInt32 (default), UInt8, UInt16 or
        /// UInt64; Int64 gives the uint64 bits' pattern (what it gave before JaxNet had uint64).
        /// </summary>
        public static NDArray Bits(KeyArrayLike key, int[]? shape = null, DType dtype = DType.UInt32)
        {
            var width = dtype switch
            {
                DType.UInt8 => 8,
                DType.UInt16 => 16,
                DType.UInt32 => 32,
                DType.UInt64 or DType.Int64 => 64,
                _ => throw new ArgumentException($"Jax.Random.Bits: dtype must be an unsigned integer type (UInt8, UInt16, UInt32, UInt64), got {dtype}"),
            };
            shape ??= [];
            var scheme = KeyScheme.Of(key);
            return Compiled($"bits{dtype}{Shapes.Format(shape)}{Scheme(scheme)}", a =>
            {
                var bits = scheme.RandomBits(a[0], width, shape);
                return dtype switch
                {
                    DType.UInt16 => Lax.ConvertElementType(bits, DType.UInt16),
                    DType.UInt64 => Lax.BitcastConvertType(bits, DType.UInt64),
                    _ => bits,
                };
            }, key);
        }

        private static string Scheme(KeyScheme scheme) => scheme.Signature;

        private static readonly ConcurrentDictionary<string, Func<NDArray[], NDArray[]>> Programs = new();

        /// <summary>
        /// Runs a sampler as one cached jitted program per <paramref name="signature"/> (which must name every static
        /// parameter the body captures), or inline when called under a transformation, as JAX's @jit on samplers.
        /// </summary>
        private static NDArray Compiled(string signature, Func<NDArray[], NDArray> body, params NDArray[] args)
        {
            if (TraceStack.Depth > 0 || args.Any(a => !a.IsConcrete)) return body(args);
            var program = Programs.GetOrAdd(signature, _ => Jax.Jit(a => [body(a)], args.Length));
            return program(args)[0];
        }
    }
}
