using JaxNet.Core;
using JaxNet.Parallel;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.pshuffle: member i of <paramref name="axisNames"/> receives the value of member <c>perm[i]</c>. A
        /// <see cref="Ppermute"/> with the pairs (perm[i], i), as JAX defines it, so its gradient and batching are
        /// ppermute's. Over a tuple of axes, members are row-major indices over them.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="perm"/> is not a permutation of 0 .. axis size - 1.</exception>
        public static NDArray Pshuffle(NDArray x, AxisNames axisNames, int[] perm)
        {
            ArgumentNullException.ThrowIfNull(perm);
            var size = OneGroupSize(axisNames, "pshuffle");
            if (perm.Length != size || !perm.Order().SequenceEqual(Enumerable.Range(0, size)))
                throw new ArgumentException(
                    $"pshuffle: perm must hold each of 0 .. {size - 1} once for {AxesPhrase(axisNames)} of size {size}, got [{string.Join(", ", perm)}]",
                    nameof(perm));
            return Ppermute(x, axisNames, perm.Select((source, target) => (source, target)).ToArray());
        }

        /// <summary>
        /// lax.pbroadcast: every member of <paramref name="axisNames"/> receives member <paramref name="source"/>'s
        /// value. JAX defines it as psum of the value masked to the source; JaxNet gathers every member's value
        /// (<see cref="AllGather(NDArray, AxisNames, int, bool)"/>) and keeps the source's, so the value arrives bit for
        /// bit (a masked sum would turn -0.0 into 0.0) and NaN or infinity in the other members cannot leak into it. The
        /// gradient and batching are all_gather's: the source member receives the sum of every member's cotangent.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="source"/> is not a member.</exception>
        public static NDArray Pbroadcast(NDArray x, AxisNames axisNames, int source)
        {
            var size = AxisEnv.SizeOf(axisNames, "pbroadcast");
            if (source < 0 || source >= size)
                throw new ArgumentOutOfRangeException(nameof(source), source, $"pbroadcast: the source must be a member of {AxesPhrase(axisNames)} (0 .. {size - 1})");
            return IndexInDim(AllGather(x, axisNames), source, axis: 0, keepdims: false);
        }
    }
}
