using JaxNet.Abstractions.Kernels;
using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        // indices_are_sorted and unique_indices are hints to XLA's scatter; the kernel IR's scatter needs neither, and
        // the derivatives here hold for repeated indices too, so they are accepted and change nothing.

        /// <summary>lax.scatter: <paramref name="updates"/> written over the operand at the indexed windows (which of
        /// several updates to one element wins is unspecified, as in XLA). Out-of-bounds windows are dropped
        /// (<see cref="IndexMode.FillOrDrop"/>, JAX's default) or clamped into bounds (<see cref="IndexMode.Clip"/>).</summary>
        public static NDArray Scatter(NDArray operand, NDArray scatterIndices, NDArray updates, ScatterDimensionNumbers dimensionNumbers,
            bool indicesAreSorted = false, bool uniqueIndices = false, IndexMode mode = IndexMode.FillOrDrop) =>
            CheckedScatter("scatter", ScatterCombiner.Replace, operand, scatterIndices, updates, dimensionNumbers, mode);

        /// <summary>lax.scatter_add: the updates added to the indexed elements (repeated indices add up).</summary>
        public static NDArray ScatterAdd(NDArray operand, NDArray scatterIndices, NDArray updates, ScatterDimensionNumbers dimensionNumbers,
            bool indicesAreSorted = false, bool uniqueIndices = false, IndexMode mode = IndexMode.FillOrDrop) =>
            CheckedScatter("scatter_add", ScatterCombiner.Add, operand, scatterIndices, updates, dimensionNumbers, mode);

        /// <summary>
        /// lax.scatter_mul: the indexed elements multiplied by the updates (repeated indices multiply in turn). Its
        /// derivative in the updates scales each update's tangent by the operand and the other updates that land on
        /// its element, so it holds for repeated indices too (JAX's rule asks for unique_indices).
        /// </summary>
        public static NDArray ScatterMul(NDArray operand, NDArray scatterIndices, NDArray updates, ScatterDimensionNumbers dimensionNumbers,
            bool indicesAreSorted = false, bool uniqueIndices = false, IndexMode mode = IndexMode.FillOrDrop) =>
            CheckedScatter("scatter_mul", ScatterCombiner.Mul, operand, scatterIndices, updates, dimensionNumbers, mode);

        /// <summary>
        /// lax.scatter_min: each indexed element becomes the minimum of itself and its updates. The derivative is
        /// JAX's (_scatter_extremal_jvp): the mean of the tangents of every source (the operand element, the updates)
        /// equal to the result. NaN in either wins, as the elementwise minimum.
        /// </summary>
        public static NDArray ScatterMin(NDArray operand, NDArray scatterIndices, NDArray updates, ScatterDimensionNumbers dimensionNumbers,
            bool indicesAreSorted = false, bool uniqueIndices = false, IndexMode mode = IndexMode.FillOrDrop) =>
            CheckedScatter("scatter_min", ScatterCombiner.Min, operand, scatterIndices, updates, dimensionNumbers, mode);

        /// <summary>lax.scatter_max: as <see cref="ScatterMin"/>, with the maximum.</summary>
        public static NDArray ScatterMax(NDArray operand, NDArray scatterIndices, NDArray updates, ScatterDimensionNumbers dimensionNumbers,
            bool indicesAreSorted = false, bool uniqueIndices = false, IndexMode mode = IndexMode.FillOrDrop) =>
            CheckedScatter("scatter_max", ScatterCombiner.Max, operand, scatterIndices, updates, dimensionNumbers, mode);

        /// <summary>
        /// lax.scatter_apply: <paramref name="func"/> (elementwise: it must keep its argument's shape and dtype) applied
        /// to the indexed elements, once per index that reaches them, as XLA's scatter applies it per update.
        /// <paramref name="updateShape"/> is the shape updates would have (JAX's update_shape, default a scalar): the
        /// dimension numbers are checked against it. Each element's hit count is a
        /// scatter-add of ones; the function is then applied to the whole operand and kept where the count allows, in a
        /// loop up to the largest count (a while loop, so reverse-mode differentiation is refused, as JAX refuses it for
        /// scatter_apply); with <paramref name="uniqueIndices"/> there is one application and no loop, which differentiates.
        /// </summary>
        public static NDArray ScatterApply(NDArray operand, NDArray scatterIndices, Func<NDArray, NDArray> func, ScatterDimensionNumbers dimensionNumbers,
            int[]? updateShape = null, bool indicesAreSorted = false, bool uniqueIndices = false, IndexMode mode = IndexMode.FillOrDrop)
        {
            var ones = Jnp.Ones(updateShape ?? [], DType.Int32);
            var hits = CheckedScatter("scatter_apply", ScatterCombiner.Add, Jnp.Zeros(operand.Shape, DType.Int32), scatterIndices, ones, dimensionNumbers, mode);
            NDArray Apply(NDArray x)
            {
                var y = func(x);
                if (!Shapes.Equal(y.Shape, x.Shape) || y.DType != x.DType)
                    throw new ArgumentException($"scatter_apply: func must keep the shape and dtype of its argument ({x.Aval.Str()}), got {y.Aval.Str()}");
                return y;
            }
            if (uniqueIndices) return Select(Gt(hits, 0), Apply(operand), operand);
            var most = ReduceMax(hits, [.. Enumerable.Range(0, hits.Ndim)]);
            var result = WhileLoop(state => Lt(state[0], most),
                state => [Add(state[0], 1), Select(Gt(hits, state[0]), Apply(state[1]), state[1])], [Jnp.Array(0), operand]);
            return result[1];
        }

        private static NDArray CheckedScatter(string op, ScatterCombiner combiner, NDArray operand, NDArray indices, NDArray updates,
            ScatterDimensionNumbers dimensionNumbers, IndexMode mode)
        {
            dimensionNumbers.Check(op, operand.Aval, indices.Aval, updates.Aval);
            return Scatter(operand, indices, updates, dimensionNumbers.UpdateWindowDims, dimensionNumbers.InsertedWindowDims,
                dimensionNumbers.ScatterDimsToOperandDims, combiner, mode);
        }
    }
}
