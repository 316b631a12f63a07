using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.optimization_barrier: returns <paramref name="values"/> unchanged, but the lowering computes each of
        /// them into memory before anything after the barrier reads it, so no fusion or reordering crosses it (see
        /// <see cref="OptimizationBarrierPrimitive"/>). Differentiates, jits and vmaps as the identity.
        /// </summary>
        public static NDArray[] OptimizationBarrier(params NDArray[] values) =>
            values.Length == 0 ? [] : Prims.OptimizationBarrier.Bind(Params.Empty, values);

        /// <summary>
        /// lax.collapse: dimensions [<paramref name="startDimension"/>, <paramref name="stopDimension"/>) merged into
        /// one (a reshape), the bounds read as a Python slice: negative ones count from the end, both are clamped to
        /// the rank, and a null stop means the end. An empty range (start = stop) inserts a dimension of size 1, as JAX's.
        /// </summary>
        public static NDArray Collapse(NDArray operand, int startDimension, int? stopDimension = null)
        {
            var rank = operand.Ndim;
            int Bound(int d) => d < 0 ? Math.Max(d + rank, 0) : Math.Min(d, rank);
            var lo = Bound(startDimension);
            var hi = Bound(stopDimension ?? rank);
            // JAX's reshape then fails on the sizes: the slice's dimensions would appear twice.
            if (hi < lo) throw new ShapeException($"collapse: stop dimension {stopDimension} comes before start dimension {startDimension} for {operand.Aval.Str()}");
            var shape = operand.Shape;
            var size = shape[lo..hi].Aggregate(1, (a, b) => checked(a * b));
            return Reshape(operand, [.. shape[..lo], size, .. shape[hi..]]);
        }
    }
}
