using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.approx_max_k: the <paramref name="k"/> largest entries along <paramref name="reductionDimension"/> and
        /// their int32 indices, in descending order. JAX's contract only promises a recall of at least
        /// <paramref name="recallTarget"/> (on TPU it searches bins); an exact top-k meets any target, so this is
        /// <see cref="TopK"/>: recall 1, and k results even without <paramref name="aggregateToTopk"/> (JAX may then
        /// return more). Differentiable like TopK: the gradient goes to the chosen indices.
        /// </summary>
        /// <exception cref="ShapeException">A scalar operand, or a dimension out of range.</exception>
        /// <exception cref="ArgumentException">k negative or above the dimension's size, a recall target outside
        /// (0, 1], or an input size override smaller than the dimension.</exception>
        public static (NDArray Values, NDArray Indices) ApproxMaxK(NDArray operand, int k, int reductionDimension = -1, double recallTarget = 0.95,
            long reductionInputSizeOverride = -1, bool aggregateToTopk = true) =>
            ApproxTopK(operand, k, reductionDimension, recallTarget, reductionInputSizeOverride, largest: true);

        /// <summary>
        /// lax.approx_min_k: the <paramref name="k"/> smallest entries and their indices, in ascending order (NaN
        /// last), exactly — see <see cref="ApproxMaxK"/> for why an exact answer satisfies the contract.
        /// </summary>
        /// <exception cref="ShapeException">A scalar operand, or a dimension out of range.</exception>
        /// <exception cref="ArgumentException">As <see cref="ApproxMaxK"/>.</exception>
        public static (NDArray Values, NDArray Indices) ApproxMinK(NDArray operand, int k, int reductionDimension = -1, double recallTarget = 0.95,
            long reductionInputSizeOverride = -1, bool aggregateToTopk = true) =>
            ApproxTopK(operand, k, reductionDimension, recallTarget, reductionInputSizeOverride, largest: false);

        private static (NDArray Values, NDArray Indices) ApproxTopK(NDArray operand, int k, int reductionDimension, double recallTarget,
            long reductionInputSizeOverride, bool largest)
        {
            var caller = largest ? "Lax.ApproxMaxK" : "Lax.ApproxMinK";
            if (operand.Ndim == 0) throw new ShapeException($"{caller}: the operand needs at least one dimension, got {operand.Aval.Str()}");
            var axis = Shapes.Axis(reductionDimension, operand.Ndim, caller);
            if (!(recallTarget > 0 && recallTarget <= 1))
                throw new ArgumentException($"{caller}: recallTarget must be in (0, 1], got {recallTarget}", nameof(recallTarget));
            if (reductionInputSizeOverride != -1 && reductionInputSizeOverride < operand.Shape[axis])
                throw new ArgumentException($"{caller}: reductionInputSizeOverride {reductionInputSizeOverride} is below the dimension's size " +
                    $"{operand.Shape[axis]}", nameof(reductionInputSizeOverride));
            if (k < 0 || k > operand.Shape[axis])
                throw new ArgumentException($"{caller}: k = {k} must be in [0, {operand.Shape[axis]}] for {operand.Aval.Str()}", nameof(k));
            if (largest) return TopK(operand, k, axis);
            var sorted = SortInTotalOrder([operand, BroadcastedIota(DType.Int32, operand.Shape, axis)], axis, isStable: true, numKeys: 1, descending: false);
            return (SliceInDim(sorted[0], 0, k, 1, axis), SliceInDim(sorted[1], 0, k, 1, axis));
        }
    }
}
