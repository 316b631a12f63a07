using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.top_k: the <paramref name="k"/> largest entries along <paramref name="axis"/> (the last by default), in
        /// descending order, and their int32 indices. Equal values keep their order, so the lower index comes first
        /// (with <paramref name="isStable"/>, the default; without it their order is unspecified). The order is the
        /// sort kernel's total order, as XLA's TopK compares (not lax.sort's, where -0.0 ties +0.0): NaN above +inf,
        /// +0.0 above -0.0. A stable descending sort of (operand, iota) cut to k, so it is differentiable in the values:
        /// the gradient goes to the chosen indices.
        /// </summary>
        /// <exception cref="ShapeException">A scalar operand, or an axis out of range.</exception>
        /// <exception cref="ArgumentException">k negative or larger than the axis.</exception>
        public static (NDArray Values, NDArray Indices) TopK(NDArray operand, int k, int axis = -1, bool isStable = true)
        {
            if (operand.Ndim == 0) throw new ShapeException($"Lax.TopK: the operand needs at least one dimension, got {operand.Aval.Str()}");
            var a = Shapes.Axis(axis, operand.Ndim, "Lax.TopK");
            if (k < 0) throw new ArgumentException($"Lax.TopK: k must be nonnegative, got {k}", nameof(k));
            if (k > operand.Shape[a])
                throw new ArgumentException($"Lax.TopK: k = {k} is larger than axis {a} of {operand.Aval.Str()}", nameof(k));
            var sorted = SortInTotalOrder([operand, BroadcastedIota(DType.Int32, operand.Shape, a)], a, isStable, 1, descending: true);
            return (SliceInDim(sorted[0], 0, k, 1, a), SliceInDim(sorted[1], 0, k, 1, a));
        }
    }
}
