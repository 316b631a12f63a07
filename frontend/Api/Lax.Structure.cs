using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        public static NDArray BroadcastInDim(NDArray x, int[] shape, int[] broadcastDimensions) =>
            Shapes.Equal(x.Aval.Shape, shape) && broadcastDimensions.Select((d, i) => d == i).All(b => b)
                ? x
                : Prims.BroadcastInDim.Bind1(Params.Of(("shape", shape), ("broadcast_dimensions", broadcastDimensions)), x);

        /// <summary>Adds leading dimensions of the given sizes (lax.broadcast).</summary>
        public static NDArray Broadcast(NDArray x, int[] sizes) =>
            BroadcastInDim(x, sizes.Concat(x.Aval.Shape).ToArray(), Enumerable.Range(sizes.Length, x.Ndim).ToArray());

        public static NDArray Reshape(NDArray x, int[] newSizes) =>
            Shapes.Equal(x.Aval.Shape, newSizes) ? x : Prims.Reshape.Bind1(Params.Of(("new_sizes", newSizes)), x);

        public static NDArray Squeeze(NDArray x, int[] dimensions) =>
            dimensions.Length == 0 ? x : Prims.Squeeze.Bind1(Params.Of(("dimensions", dimensions)), x);

        public static NDArray ExpandDims(NDArray x, int[] dimensions)
        {
            var shape = x.Aval.Shape.ToList();
            foreach (var d in dimensions.OrderBy(d => d)) shape.Insert(d, 1);
            return Reshape(x, shape.ToArray());
        }

        public static NDArray Transpose(NDArray x, int[] permutation) =>
            permutation.Select((p, i) => p == i).All(b => b) ? x : Prims.Transpose.Bind1(Params.Of(("permutation", permutation)), x);

        public static NDArray Slice(NDArray x, int[] startIndices, int[] limitIndices, int[]? strides = null) =>
            Prims.Slice.Bind1(Params.Of(("start_indices", startIndices), ("limit_indices", limitIndices),
                ("strides", strides ?? Enumerable.Repeat(1, x.Ndim).ToArray())), x);

        /// <summary>A slice of one dimension (lax.slice_in_dim).</summary>
        public static NDArray SliceInDim(NDArray x, int start, int limit, int stride = 1, int axis = 0)
        {
            var starts = new int[x.Ndim];
            var limits = x.Shape;
            var strides = Enumerable.Repeat(1, x.Ndim).ToArray();
            starts[axis] = start;
            limits[axis] = limit;
            strides[axis] = stride;
            return Slice(x, starts, limits, strides);
        }

        public static NDArray Rev(NDArray x, int[] dimensions) =>
            dimensions.Length == 0 ? x : Prims.Rev.Bind1(Params.Of(("dimensions", dimensions)), x);

        public static NDArray Iota(DType dtype, int size) => BroadcastedIota(dtype, [size], 0);

        public static NDArray BroadcastedIota(DType dtype, int[] shape, int dimension) =>
            Prims.Iota.Bind1(Params.Of(("dtype", dtype), ("shape", shape), ("dimension", dimension)));

        /// <summary>lax.pad with (low, high, interior) per dimension and a constant padding value.</summary>
        public static NDArray Pad(NDArray x, double paddingValue, (int Low, int High, int Interior)[] config) =>
            Prims.Pad.Bind1(Params.Of(("padding_config", config.Select(c => new[] { c.Low, c.High, c.Interior }).ToArray()),
                ("padding_value", paddingValue)), x);

        public static NDArray Concatenate(NDArray[] operands, int dimension)
        {
            if (operands.Length == 1) return operands[0];
            return Prims.Concatenate.Bind1(Params.Of(("dimension", dimension)), operands);
        }

        /// <summary>
        /// A slice of static size at run-time start indices (lax.dynamic_slice). As in JAX, with
        /// <paramref name="allowNegativeIndices"/> a negative start counts from the end of its dimension; the start is
        /// then clamped so that the slice lies in bounds.
        /// </summary>
        public static NDArray DynamicSlice(NDArray operand, NDArray[] startIndices, int[] sliceSizes, bool allowNegativeIndices = true) =>
            Prims.DynamicSlice.Bind1(Params.Of(("slice_sizes", sliceSizes)),
                [operand, .. StartIndices.FromEnd(operand, startIndices, allowNegativeIndices)]);

        /// <summary>
        /// <paramref name="operand"/> with <paramref name="update"/> written at run-time start indices
        /// (lax.dynamic_update_slice): negative starts count from the end with <paramref name="allowNegativeIndices"/>,
        /// and starts are clamped so that the update lies in bounds.
        /// </summary>
        public static NDArray DynamicUpdateSlice(NDArray operand, NDArray update, NDArray[] startIndices, bool allowNegativeIndices = true) =>
            Prims.DynamicUpdateSlice.Bind1(Params.Empty, [operand, update, .. StartIndices.FromEnd(operand, startIndices, allowNegativeIndices)]);

        public static NDArray Gather(NDArray operand, NDArray indices, int[] offsetDims, int[] collapsedSliceDims, int[] startIndexMap,
            int[] sliceSizes, IndexMode mode = IndexMode.Clip, double fillValue = double.NaN) =>
            Prims.Gather.Bind1(Params.Of(("offset_dims", offsetDims), ("collapsed_slice_dims", collapsedSliceDims),
                ("start_index_map", startIndexMap), ("slice_sizes", sliceSizes), ("mode", mode), ("fill_value", fillValue)), operand, indices);

        public static NDArray Scatter(NDArray operand, NDArray indices, NDArray updates, int[] updateWindowDims, int[] insertedWindowDims,
            int[] scatterDimsToOperandDims, ScatterCombiner combiner = ScatterCombiner.Replace, IndexMode mode = IndexMode.FillOrDrop)
        {
            var primitive = combiner switch
            {
                ScatterCombiner.Add => Prims.ScatterAdd,
                ScatterCombiner.Mul => Prims.ScatterMul,
                ScatterCombiner.Min => Prims.ScatterMin,
                ScatterCombiner.Max => Prims.ScatterMax,
                _ => Prims.Scatter,
            };
            return primitive.Bind1(Params.Of(("update_window_dims", updateWindowDims), ("inserted_window_dims", insertedWindowDims),
                ("scatter_dims_to_operand_dims", scatterDimsToOperandDims), ("mode", mode)), operand, indices, updates);
        }

        public static NDArray ScatterAdd(NDArray operand, NDArray indices, NDArray updates, int[] updateWindowDims, int[] insertedWindowDims,
            int[] scatterDimsToOperandDims, IndexMode mode = IndexMode.FillOrDrop) =>
            Scatter(operand, indices, updates, updateWindowDims, insertedWindowDims, scatterDimsToOperandDims, ScatterCombiner.Add, mode);
    }
}
