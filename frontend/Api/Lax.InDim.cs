namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>lax.dynamic_slice_in_dim: <paramref name="sliceSize"/> entries along <paramref name="axis"/> from a
        /// run-time <paramref name="startIndex"/> (negative counts from the end, then clamped into bounds, as
        /// <see cref="DynamicSlice"/>); every other axis whole.</summary>
        public static NDArray DynamicSliceInDim(NDArray operand, NDArray startIndex, int sliceSize, int axis = 0)
        {
            var a = InDimAxis("dynamic_slice_in_dim", operand, axis);
            var sizes = (int[])operand.Shape.Clone();
            sizes[a] = sliceSize;
            return DynamicSlice(operand, Starts(operand, startIndex, a), sizes);
        }

        /// <summary>lax.dynamic_update_slice_in_dim: <paramref name="update"/> written along <paramref name="axis"/> from
        /// a run-time <paramref name="startIndex"/>, at 0 along every other axis.</summary>
        public static NDArray DynamicUpdateSliceInDim(NDArray operand, NDArray update, NDArray startIndex, int axis)
        {
            var a = InDimAxis("dynamic_update_slice_in_dim", operand, axis);
            return DynamicUpdateSlice(operand, update, Starts(operand, startIndex, a));
        }

        /// <summary>lax.dynamic_index_in_dim: the entry at a run-time <paramref name="index"/> along
        /// <paramref name="axis"/>, that axis kept with size 1 unless <paramref name="keepdims"/> is false.</summary>
        public static NDArray DynamicIndexInDim(NDArray operand, NDArray index, int axis = 0, bool keepdims = true)
        {
            var slice = DynamicSliceInDim(operand, index, 1, axis);
            return keepdims ? slice : Squeeze(slice, [InDimAxis("dynamic_index_in_dim", operand, axis)]);
        }

        /// <summary>lax.index_in_dim: the entry at a static <paramref name="index"/> along <paramref name="axis"/>
        /// (negative counts from the end; out of range is an error), kept with size 1 unless
        /// <paramref name="keepdims"/> is false.</summary>
        public static NDArray IndexInDim(NDArray operand, int index, int axis = 0, bool keepdims = true)
        {
            var a = InDimAxis("index_in_dim", operand, axis);
            var length = operand.Shape[a];
            var i = index < 0 ? index + length : index;
            if (i < 0 || i >= length)
                throw new IndexOutOfRangeException($"index_in_dim: index {index} is out of bounds for axis {axis} of size {length}");
            var slice = SliceInDim(operand, i, i + 1, 1, a);
            return keepdims ? slice : Squeeze(slice, [a]);
        }

        private static int InDimAxis(string op, NDArray operand, int axis)
        {
            var a = axis < 0 ? axis + operand.Ndim : axis;
            if (a < 0 || a >= operand.Ndim)
                throw new ShapeException($"{op}: axis {axis} is out of range for an operand of rank {operand.Ndim}");
            return a;
        }

        /// <summary>The start indices of an in-dim slice: the run-time index on one axis, 0 of its dtype on the others.</summary>
        private static NDArray[] Starts(NDArray operand, NDArray startIndex, int axis)
        {
            if (startIndex.Ndim != 0) throw new ShapeException($"the start index must be a scalar, got shape [{string.Join(",", startIndex.Shape)}]");
            var zero = ConvertElementType(0, startIndex.DType);
            return Enumerable.Range(0, operand.Ndim).Select(d => d == axis ? startIndex : zero).ToArray();
        }
    }
}
