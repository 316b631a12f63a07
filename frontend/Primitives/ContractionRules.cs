using JaxNet.Core;
using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// Derivatives of dot_general and conv_general_dilated. Both are bilinear: the tangent is op(ta, b) + op(a, tb),
/// and each operand's transpose is another contraction of the cotangent with the other operand (JAX's rules).
/// </summary>
internal static class ContractionRules
{
    public static (NDArray[], NDArray?[]) BilinearJvp(Primitive prim, NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var (a, b) = (primals[0], primals[1]);
        var y = prim.Bind1(p, a, b);
        var (ta, tb) = (tangents[0], tangents[1]);
        if (!y.DType.IsInexact()) return ([y], [null]);
        return ([y], [Tangents.Add(ta is null ? null : prim.Bind1(p, ta, b), tb is null ? null : prim.Bind1(p, a, tb))]);
    }

    public static NDArray?[] DotGeneralTranspose(NDArray ct, NDArray?[] operands, ShapedArray[] avals, Params p)
    {
        var n = p.Get<int[][]>("dimension_numbers");
        var (lc, rc, lb, rb) = (n[0], n[1], n[2], n[3]);
        var precision = p.Get<Abstractions.Kernels.Precision>("precision");
        var (x, y) = (operands[0], operands[1]);
        if (x is null && y is null) throw new MissingRuleException("dot_general", "transpose (it is not linear in both operands at once)");
        if (x is null) return [TransposeLhs(ct, y!, avals[0], lc, rc, lb, rb, swapAnswer: false, precision), null];
        return [null, TransposeLhs(ct, x, avals[1], rc, lc, rb, lb, swapAnswer: true, precision)];
    }

    // JAX's _dot_general_transpose_lhs: contract the cotangent with the other operand over the other operand's
    // free dimensions, then permute the result into the linear operand's dimension order.
    private static NDArray TransposeLhs(NDArray g, NDArray y, ShapedArray xAval, int[] xContract, int[] yContract, int[] xBatch,
        int[] yBatch, bool swapAnswer, Abstractions.Kernels.Precision precision)
    {
        var xKept = Remaining(xAval.Rank, xContract, xBatch);
        var yKept = Remaining(y.Ndim, yContract, yBatch);
        var ansBatch = Enumerable.Range(0, xBatch.Length).ToArray();
        var ansY = swapAnswer
            ? Enumerable.Range(xBatch.Length, yKept.Length).ToArray()
            : Enumerable.Range(xBatch.Length + xKept.Length, yKept.Length).ToArray();
        var xContractSortedByY = Enumerable.Range(0, yContract.Length).OrderBy(i => yContract[i]).Select(i => xContract[i]);
        var order = xBatch.Concat(xKept).Concat(xContractSortedByY).ToArray();
        var outAxes = Enumerable.Range(0, order.Length).OrderBy(i => order[i]).ToArray();
        var product = Lax.DotGeneral(g, y, (ansY, yKept), (ansBatch, yBatch), precision, xAval.DType);
        return Lax.Transpose(product, outAxes);
    }

    private static int[] Remaining(int rank, int[] a, int[] b) => Enumerable.Range(0, rank).Where(d => !a.Contains(d) && !b.Contains(d)).ToArray();

    public static NDArray?[] ConvTranspose(NDArray ct, NDArray?[] operands, ShapedArray[] avals, Params p)
    {
        var (lhs, rhs) = (operands[0], operands[1]);
        if (lhs is null && rhs is null) throw new MissingRuleException("conv_general_dilated", "transpose (it is not linear in both operands at once)");
        return lhs is null ? [ConvTransposeLhs(ct, rhs!, avals[0], p), null] : [null, ConvTransposeRhs(ct, lhs, avals[1], p)];
    }

    // JAX's _conv_general_dilated_transpose_lhs: a convolution of the cotangent with the spatially reversed kernel,
    // whose feature axes swap roles (groups move from the kernel's output features into its input features).
    private static NDArray ConvTransposeLhs(NDArray g, NDArray rhs, ShapedArray lhsAval, Params p)
    {
        var specs = p.Get<int[][]>("dimension_numbers");
        var (lhsSpec, rhsSpec, outSpec) = (specs[0], specs[1], specs[2]);
        var (strides, lhsDilation, rhsDilation) = (p.Get<int[]>("window_strides"), p.Get<int[]>("lhs_dilation"), p.Get<int[]>("rhs_dilation"));
        var (featureGroups, batchGroups) = (p.Get<int>("feature_group_count"), p.Get<int>("batch_group_count"));
        var padding = p.Get<int[][]>("padding");
        var rhsSpatial = rhsSpec[2..];
        var window = rhsSpatial.Select(d => rhs.Aval.Shape[d]).ToArray();
        var groups = Math.Max(featureGroups, batchGroups);
        if (groups > 1) rhs = ReshapeAxisInto(rhsSpec[0], rhsSpec[1], ReshapeAxisOutOf(rhsSpec[0], groups, rhs));
        var inShape = lhsSpec[2..].Select(d => lhsAval.Shape[d]).ToArray();
        var outShape = outSpec[2..].Select(d => g.Aval.Shape[d]).ToArray();
        var pads = new (int, int)[inShape.Length];
        for (var i = 0; i < pads.Length; i++)
        {
            var lhsDilated = Dilate(inShape[i], lhsDilation[i]);
            var rhsDilated = Dilate(window[i], rhsDilation[i]);
            var outDilated = Dilate(outShape[i], strides[i]);
            var before = rhsDilated - padding[i][0] - 1;
            pads[i] = (before, lhsDilated + rhsDilated - 1 - outDilated - before);
        }
        int[] transposedRhs = [rhsSpec[1], rhsSpec[0], .. rhsSpatial];
        var result = Lax.ConvGeneralDilated(g, Lax.Rev(rhs, rhsSpatial), lhsDilation, pads, strides, rhsDilation,
            [outSpec, transposedRhs, lhsSpec], groups, 1, p.Get<Abstractions.Kernels.Precision>("precision"), lhsAval.DType);
        if (batchGroups > 1) result = ReshapeAxisInto(lhsSpec[1], lhsSpec[0], ReshapeAxisOutOf(lhsSpec[1], batchGroups, result));
        return result;
    }

    // JAX's _conv_general_dilated_transpose_rhs: a convolution of the input with the cotangent as the kernel
    // (feature groups become batch groups and vice versa).
    private static NDArray ConvTransposeRhs(NDArray g, NDArray lhs, ShapedArray rhsAval, Params p)
    {
        var specs = p.Get<int[][]>("dimension_numbers");
        var (lhsSpec, rhsSpec, outSpec) = (specs[0], specs[1], specs[2]);
        var (strides, lhsDilation, rhsDilation) = (p.Get<int[]>("window_strides"), p.Get<int[]>("lhs_dilation"), p.Get<int[]>("rhs_dilation"));
        var (featureGroups, batchGroups) = (p.Get<int>("feature_group_count"), p.Get<int>("batch_group_count"));
        var padding = p.Get<int[][]>("padding");
        var inShape = lhsSpec[2..].Select(d => lhs.Aval.Shape[d]).ToArray();
        var window = rhsSpec[2..].Select(d => rhsAval.Shape[d]).ToArray();
        var outShape = outSpec[2..].Select(d => g.Aval.Shape[d]).ToArray();
        var pads = new (int, int)[inShape.Length];
        for (var i = 0; i < pads.Length; i++)
        {
            var lhsDilated = Dilate(inShape[i], lhsDilation[i]);
            var rhsDilated = Dilate(window[i], rhsDilation[i]);
            var outDilated = Dilate(outShape[i], strides[i]);
            var low = padding[i][0];
            pads[i] = (low, outDilated - lhsDilated + rhsDilated - low - 1);
        }
        static int[] Swap(int[] spec) => [spec[1], spec[0], .. spec[2..]];
        return Lax.ConvGeneralDilated(lhs, g, rhsDilation, pads, lhsDilation, strides, [Swap(lhsSpec), Swap(outSpec), Swap(rhsSpec)],
            batchGroups, featureGroups, p.Get<Abstractions.Kernels.Precision>("precision"), rhsAval.DType);
    }

    // Splits axis src of size n into (size, n / size), the first major (JAX's _reshape_axis_out_of).
    private static NDArray ReshapeAxisOutOf(int src, int size, NDArray x)
    {
        var shape = x.Aval.Shape.ToList();
        var n = shape[src];
        shape[src] = n / size;
        shape.Insert(src, size);
        return Lax.Reshape(x, shape.ToArray());
    }

    // Merges axis src into axis dst (an index among the other axes), src major (JAX's _reshape_axis_into).
    private static NDArray ReshapeAxisInto(int src, int dst, NDArray x)
    {
        var perm = Enumerable.Range(0, x.Ndim).Where(i => i != src).ToList();
        perm.Insert(dst, src);
        var shape = x.Aval.Shape.Where((_, i) => i != src).ToArray();
        shape[dst] *= x.Aval.Shape[src];
        return Lax.Reshape(Lax.Transpose(x, perm.ToArray()), shape);
    }

    private static int Dilate(int size, int dilation) => size == 0 ? 0 : 1 + dilation * (size - 1);
}
