using System.Collections.Concurrent;
using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.random: counter-based pseudo-random numbers from explicit keys. A key is a <c>uint32[2]</c> array (JAX's
    /// legacy raw key, from <see cref="PRNGKey(int)"/>) or a typed key of shape () (<see cref="PRNGKeyArray"/>, from
    /// <see cref="Key(int, string)"/>) over the same words; every sampler takes either (<see cref="KeyArrayLike"/>).
    /// The generator is Threefry-2x32, bit-identical to JAX's default: the same key gives the
    /// same bits, uniforms, splits and fold-ins as <c>jax.random</c> (and, up to the last ulp of erf_inv, the same
    /// normals). Every function is built from lax primitives, so it traces under Jit, Vmap and Grad; called
    /// eagerly it runs as one compiled program per shape and dtype (as JAX jits its samplers), whose random bits
    /// come from one fused elementwise kernel.
    /// </summary>
    public static partial class Random
    {
        /// <summary>Settings of the generator (JAX's jax_threefry_partitionable flag).</summary>
        public static class Config
        {
            private static readonly AsyncLocal<bool?> ScopedPartitionable = new();

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
        /// A key from an integer seed (jax.random.PRNGKey): <c>[0, seed]</c> as uint32 words for a 32-bit seed, as
        /// JAX does with 64-bit types disabled (so <c>PRNGKey(-1)</c> is <c>[0, 4294967295]</c>).
        /// </summary>
        public static NDArray PRNGKey(int seed) => PRNGKey(seed, widen: Jax.Config.EnableX64);

        /// <summary>
        /// A key from a 64-bit seed: the high and low 32-bit words, as JAX with x64 enabled (a seed outside the
        /// int32 range always takes this form).
        /// </summary>
        public static NDArray PRNGKey(long seed) => PRNGKey(seed, widen: true);

        private static NDArray PRNGKey(long seed, bool widen)
        {
            var high = widen || seed is < int.MinValue or > int.MaxValue ? (uint)((ulong)seed >> 32) : 0u;
            return Jnp.FromHost<uint>([high, (uint)seed], [2]);
        }

        /// <summary>Splits a key into <paramref name="num"/> new keys: shape [num, 2] (jax.random.split).</summary>
        public static NDArray Split(NDArray key, int num = 2) => Split(key, [num]);

        /// <summary>Splits a key into an array of keys of shape [..shape, 2].</summary>
        public static NDArray Split(NDArray key, int[] shape)
        {
            if (shape.Any(d => d < 0)) throw new ArgumentException($"Jax.Random.Split: negative key count in {Shapes.Format(shape)}");
            var partitionable = Config.ThreefryPartitionable;
            return Compiled($"split{Shapes.Format(shape)}{Scheme(partitionable)}", a => Threefry.Split(a[0], shape, partitionable), key);
        }

        /// <summary>Two new keys, e.g. <c>var (key, subkey) = Jax.Random.Split2(key);</c>.</summary>
        public static (NDArray, NDArray) Split2(NDArray key)
        {
            var keys = Split(key, 2);
            return (Jax.Lax.Reshape(Jax.Lax.Slice(keys, [0, 0], [1, 2]), [2]), Jax.Lax.Reshape(Jax.Lax.Slice(keys, [1, 0], [2, 2]), [2]));
        }

        /// <summary>
        /// A new key from a key and 32 bits of integer data (jax.random.fold_in); negative data wraps to uint32.
        /// The result does not depend on <see cref="Config.ThreefryPartitionable"/>.
        /// </summary>
        public static NDArray FoldIn(NDArray key, NDArray data) => Compiled("fold_in", a => Threefry.FoldIn(a[0], a[1]), key, data);

        /// <summary>
        /// Uniformly random bits (jax.random.bits) as <paramref name="dtype"/>: UInt32 (default) or UInt8; Int64
        /// holds JAX's uint64 bits as the same 64-bit pattern (the ABI has no unsigned 64-bit type).
        /// </summary>
        public static NDArray Bits(KeyArrayLike key, int[]? shape = null, DType dtype = DType.UInt32)
        {
            var width = dtype switch
            {
                DType.UInt8 => 8,
                DType.UInt32 => 32,
                DType.Int64 => 64,
                _ => throw new ArgumentException($"Jax.Random.Bits: dtype must be an unsigned integer type (UInt8, UInt32, or Int64 for 64-bit patterns), got {dtype}"),
            };
            shape ??= [];
            var partitionable = Config.ThreefryPartitionable;
            return Compiled($"bits{width}{Shapes.Format(shape)}{Scheme(partitionable)}",
                a => Threefry.RandomBits(a[0], width, shape, partitionable), key);
        }

        private static string Scheme(bool partitionable) => partitionable ? "|partitionable" : "|original";

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
