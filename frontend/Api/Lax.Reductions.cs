using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        public static NDArray ReduceSum(NDArray x, int[] axes) => Reduce(Prims.ReduceSum, x, axes);
        public static NDArray ReduceMax(NDArray x, int[] axes) => Reduce(Prims.ReduceMax, x, axes);
        public static NDArray ReduceMin(NDArray x, int[] axes) => Reduce(Prims.ReduceMin, x, axes);
        public static NDArray ReduceProd(NDArray x, int[] axes) => Reduce(Prims.ReduceProd, x, axes);
        public static NDArray ReduceAnd(NDArray x, int[] axes) => Reduce(Prims.ReduceAnd, x, axes);
        public static NDArray ReduceOr(NDArray x, int[] axes) => Reduce(Prims.ReduceOr, x, axes);

        public static NDArray Argmax(NDArray x, int axis, DType indexDType = DType.Int32) =>
            Prims.Argmax.Bind1(Params.Of(("axes", new[] { axis }), ("index_dtype", indexDType)), x);

        public static NDArray Argmin(NDArray x, int axis, DType indexDType = DType.Int32) =>
            Prims.Argmin.Bind1(Params.Of(("axes", new[] { axis }), ("index_dtype", indexDType)), x);

        public static NDArray Cumsum(NDArray x, int axis = 0, bool reverse = false) => Cumulative(Prims.Cumsum, x, axis, reverse);
        public static NDArray Cumprod(NDArray x, int axis = 0, bool reverse = false) => Cumulative(Prims.Cumprod, x, axis, reverse);
        public static NDArray Cummax(NDArray x, int axis = 0, bool reverse = false) => Cumulative(Prims.Cummax, x, axis, reverse);
        public static NDArray Cummin(NDArray x, int axis = 0, bool reverse = false) => Cumulative(Prims.Cummin, x, axis, reverse);

        /// <summary>
        /// Sorts operands of one shape along a dimension by the first <paramref name="numKeys"/> (lax.sort). As in JAX,
        /// float keys compare -0.0 equal to +0.0 (a stable sort keeps such ties in order) and put every NaN last, and
        /// complex keys compare lexicographically, real part first; each operand comes back with its own values, zeros
        /// keeping their signs.
        /// </summary>
        public static NDArray[] Sort(NDArray[] operands, int dimension = -1, bool isStable = true, int numKeys = 1, bool descending = false)
        {
            // The kernel IR orders -0.0 before +0.0. JAX's comparator sees both as zero (lax._canonicalize_float_for_sort),
            // so float keys are sorted by a copy whose zeros are all +0.0, and the keys themselves ride along after the
            // other operands.
            // Complex keys compare by their parts, so each part gets its zeros made positive.
            var floatKeys = Enumerable.Range(0, Math.Min(numKeys, operands.Length)).Where(k => operands[k].DType.IsInexact()).ToArray();
            if (floatKeys.Length == 0) return SortInTotalOrder(operands, dimension, isStable, numKeys, descending);
            var keys = operands.Take(numKeys).Select(k => k.DType.IsInexact() ? Jnp.PartWise(k, part => Select(Eq(part, 0), Jnp.ZerosLike(part), part)) : k);
            var sorted = SortInTotalOrder([.. keys, .. operands.Skip(numKeys), .. floatKeys.Select(k => operands[k])], dimension, isStable,
                numKeys, descending);
            var results = sorted[..operands.Length];
            for (var j = 0; j < floatKeys.Length; j++) results[floatKeys[j]] = sorted[operands.Length + j];
            return results;
        }

        /// <summary>The sort primitive: float keys in the IR's total order, -0.0 before +0.0 and NaN last.</summary>
        private static NDArray[] SortInTotalOrder(NDArray[] operands, int dimension, bool isStable, int numKeys, bool descending) =>
            Prims.Sort.Bind(Params.Of(("dimension", Shapes.Axis(dimension, operands[0].Ndim, "sort")), ("is_stable", isStable),
                ("num_keys", numKeys), ("descending", descending)), operands);

        public static NDArray Sort(NDArray operand, int dimension = -1, bool isStable = true) => Sort([operand], dimension, isStable)[0];

        /// <summary>
        /// lax.dot_general. <paramref name="contracting"/> and <paramref name="batch"/> pair lhs and rhs dimensions;
        /// the result is batch dims, then lhs free dims, then rhs free dims.
        /// </summary>
        public static NDArray DotGeneral(NDArray lhs, NDArray rhs, (int[] Lhs, int[] Rhs) contracting, (int[] Lhs, int[] Rhs)? batch = null,
            Precision precision = Precision.Default, DType? preferredElementType = null)
        {
            (lhs, rhs) = AdoptWeak(lhs, rhs);
            var b = batch ?? ([], []);
            return Prims.DotGeneral.Bind1(Params.Of(("dimension_numbers", new[] { contracting.Lhs, contracting.Rhs, b.Lhs, b.Rhs }),
                ("precision", precision), ("preferred_element_type", preferredElementType ?? lhs.DType)), lhs, rhs);
        }

        /// <summary>
        /// lax.conv_general_dilated with explicit (low, high) padding per spatial dimension. Layout specs give, for lhs,
        /// (batch, feature, spatial...); for rhs, (out feature, in feature, spatial...); for the output, (batch,
        /// feature, spatial...). Null specs mean NCHW / OIHW / NCHW.
        /// </summary>
        public static NDArray ConvGeneralDilated(NDArray lhs, NDArray rhs, int[] windowStrides, (int Low, int High)[] padding,
            int[]? lhsDilation = null, int[]? rhsDilation = null, int[][]? dimensionNumbers = null, int featureGroupCount = 1,
            int batchGroupCount = 1, Precision precision = Precision.Default, DType? preferredElementType = null)
        {
            var ones = Enumerable.Repeat(1, Math.Max(lhs.Ndim - 2, 0)).ToArray();
            return Prims.ConvGeneralDilated.Bind1(Params.Of(("window_strides", windowStrides),
                ("padding", padding.Select(p => new[] { p.Low, p.High }).ToArray()), ("lhs_dilation", lhsDilation ?? ones),
                ("rhs_dilation", rhsDilation ?? ones), ("dimension_numbers", dimensionNumbers ?? ChannelsFirstConvNumbers(lhs.Ndim)),
                ("feature_group_count", featureGroupCount), ("batch_group_count", batchGroupCount), ("precision", precision),
                ("preferred_element_type", preferredElementType ?? lhs.DType)), lhs, rhs);
        }

        private static NDArray Reduce(ReducePrimitive p, NDArray x, int[] axes) =>
            axes.Length == 0 ? x : p.Bind1(Params.Of(("axes", axes)), x);

        private static NDArray Cumulative(CumulativePrimitive p, NDArray x, int axis, bool reverse) =>
            p.Bind1(Params.Of(("axis", Shapes.Axis(axis, x.Ndim, p.Name)), ("reverse", reverse)), x);
    }
}
