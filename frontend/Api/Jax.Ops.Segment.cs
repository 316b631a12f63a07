using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.ops: segment reductions. Each is a scatter of the rows of <c>data</c> into an output of
    /// [numSegments] + data.shape[1:] that starts at the operation's identity, as JAX computes them, so they work under
    /// Jit, Vmap and Grad once numSegments is static.
    /// </summary>
    public static class Ops
    {
        /// <summary>
        /// jax.ops.segment_sum: the sum of the rows of <paramref name="data"/> (along its leading axis) that share a
        /// segment id; out[i] = Σ data[j] over segmentIds[j] == i. Empty segments are 0. Ids outside [0, numSegments)
        /// are dropped (or, with <paramref name="mode"/> <see cref="IndexMode.Clip"/>, clamped into range). Under a
        /// transformation <paramref name="numSegments"/> must be given; eagerly it defaults to max(segmentIds) + 1.
        /// <paramref name="indicesAreSorted"/> and <paramref name="uniqueIndices"/> are JAX's hints and do not change
        /// the result. Linear in <paramref name="data"/>.
        /// </summary>
        public static NDArray SegmentSum(NDArray data, NDArray segmentIds, int? numSegments = null, bool indicesAreSorted = false,
            bool uniqueIndices = false, IndexMode? mode = null) =>
            Segment("segment_sum", ScatterCombiner.Add, data, segmentIds, numSegments, mode);

        /// <summary>
        /// jax.ops.segment_prod: the product of the rows of <paramref name="data"/> in each segment (1 for an empty
        /// one); see <see cref="SegmentSum"/> for the ids and <paramref name="numSegments"/>. Its derivative is the
        /// product of the segment's other elements, exact also where the segment holds zeros.
        /// </summary>
        public static NDArray SegmentProd(NDArray data, NDArray segmentIds, int? numSegments = null, bool indicesAreSorted = false,
            bool uniqueIndices = false, IndexMode? mode = null) =>
            Segment("segment_prod", ScatterCombiner.Mul, data, segmentIds, numSegments, mode);

        /// <summary>
        /// jax.ops.segment_max: the maximum of the rows of <paramref name="data"/> in each segment; an empty segment
        /// is −inf (for integers the dtype's minimum, for bool false). See <see cref="SegmentSum"/> for the ids. As in
        /// JAX, the gradient is shared equally among the elements that attain a segment's maximum.
        /// </summary>
        public static NDArray SegmentMax(NDArray data, NDArray segmentIds, int? numSegments = null, bool indicesAreSorted = false,
            bool uniqueIndices = false, IndexMode? mode = null) =>
            Segment("segment_max", ScatterCombiner.Max, data, segmentIds, numSegments, mode);

        /// <summary>
        /// jax.ops.segment_min: the minimum of the rows of <paramref name="data"/> in each segment; an empty segment
        /// is +inf (for integers the dtype's maximum, for bool true). See <see cref="SegmentMax"/>.
        /// </summary>
        public static NDArray SegmentMin(NDArray data, NDArray segmentIds, int? numSegments = null, bool indicesAreSorted = false,
            bool uniqueIndices = false, IndexMode? mode = null) =>
            Segment("segment_min", ScatterCombiner.Min, data, segmentIds, numSegments, mode);

        private static NDArray Segment(string name, ScatterCombiner combiner, NDArray data, NDArray segmentIds, int? numSegments, IndexMode? mode)
        {
            if (data.Ndim < 1) throw new ShapeException($"{name}: data must have at least one dimension, got shape {Shapes.Format(data.Aval.Shape)}");
            var ids = SegmentIndices(name, segmentIds);
            if (ids.Ndim != 1 || ids.Aval.Shape[0] != data.Aval.Shape[0])
                throw new ShapeException($"{name}: segmentIds {Shapes.Format(ids.Aval.Shape)} must be a vector of data's leading length {data.Aval.Shape[0]} " +
                    $"(data {Shapes.Format(data.Aval.Shape)})");
            if (data.DType.IsComplex() && combiner is ScatterCombiner.Max or ScatterCombiner.Min)
                throw new ArgumentException($"{name}: complex data has no order, got {data.DType.NumpyName()}", nameof(data));
            var n = numSegments ?? InferredSegmentCount(name, ids);
            if (n < 0) throw new ArgumentException($"{name}: numSegments must be non-negative, got {n}", nameof(numSegments));
            int[] shape = [n, .. data.Aval.Shape[1..]];
            var output = Lax.BroadcastInDim(Identity(combiner, data.DType), shape, []);
            return Lax.Scatter(output, Lax.ExpandDims(ids, [1]), data, [.. Enumerable.Range(1, data.Ndim - 1)], [0], [0], combiner,
                mode ?? IndexMode.FillOrDrop);
        }

        private static NDArray SegmentIndices(string name, NDArray ids) => ids.DType switch
        {
            DType.Int32 or DType.Int64 => ids,
            _ when ids.DType.IsInteger() => Lax.ConvertElementType(ids, DType.Int32),
            _ => throw new ArgumentException($"{name}: segmentIds must be integers, got {ids.DType.NumpyName()}", nameof(ids)),
        };

        private static int InferredSegmentCount(string name, NDArray ids)
        {
            if (!ids.IsConcrete)
                throw new ConcretizationTypeError($"{name}: the number of segments depends on the values of segmentIds, which are traced here; pass a static numSegments");
            if (ids.Size == 0) throw new ArgumentException($"{name}: cannot infer numSegments from empty segmentIds; pass numSegments", nameof(ids));
            return checked((int)Jnp.Max(ids).Item<long>() + 1);
        }

        // The value a segment with no elements takes: the combiner's identity in the data's dtype, as JAX's _get_identity.
        private static NDArray Identity(ScatterCombiner combiner, DType dtype) => combiner switch
        {
            ScatterCombiner.Add => Jnp.Zeros([], dtype),
            ScatterCombiner.Mul => Jnp.Ones([], dtype),
            ScatterCombiner.Max => Extreme(dtype, lowest: true),
            _ => Extreme(dtype, lowest: false),
        };

        private static NDArray Extreme(DType dtype, bool lowest) => dtype switch
        {
            _ when dtype.IsInexact() => Jnp.Full([], lowest ? double.NegativeInfinity : double.PositiveInfinity, dtype),
            DType.Bool => Jnp.Array(!lowest),
            _ when dtype.IsInteger() => NDArray.FromScalar(lowest ? IntegerBounds.Lowest(dtype) : IntegerBounds.Highest(dtype), weak: false),
            _ => throw new ArgumentException($"segment reductions do not support dtype {dtype.NumpyName()}", nameof(dtype)),
        };
    }
}
