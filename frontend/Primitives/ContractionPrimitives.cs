using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// dot_general[dimension_numbers, precision, preferred_element_type]. dimension_numbers is
/// ((lhs_contracting, rhs_contracting), (lhs_batch, rhs_batch)) flattened to four int arrays in that order. The
/// output is batch dims, lhs free dims, rhs free dims (as XLA). Lowered as an open contraction, so a bias add and
/// an activation join it as its epilogue.
/// </summary>
public sealed class DotGeneralPrimitive() : Primitive("dot_general")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (lhs, rhs) = (inputs[0], inputs[1]);
        var d = Dims(p);
        if (lhs.DType != rhs.DType) throw Error($"operands must have one dtype, got {lhs.Str()} and {rhs.Str()}");
        if (lhs.DType == DType.Bool) throw Error($"is not defined on bool operands");
        if (d.LhsContracting.Length != d.RhsContracting.Length || d.LhsBatch.Length != d.RhsBatch.Length)
            throw Error($"dimension numbers {d} pair up lists of different lengths");
        for (var i = 0; i < d.LhsContracting.Length; i++)
            if (!InRange(d.LhsContracting[i], lhs) || !InRange(d.RhsContracting[i], rhs) ||
                lhs.Shape[d.LhsContracting[i]] != rhs.Shape[d.RhsContracting[i]])
                throw Error($"contracting dimensions of {lhs.Str()} and {rhs.Str()} do not match ({d})");
        for (var i = 0; i < d.LhsBatch.Length; i++)
            if (!InRange(d.LhsBatch[i], lhs) || !InRange(d.RhsBatch[i], rhs) || lhs.Shape[d.LhsBatch[i]] != rhs.Shape[d.RhsBatch[i]])
                throw Error($"batch dimensions of {lhs.Str()} and {rhs.Str()} do not match ({d})");
        var shape = d.LhsBatch.Select(a => lhs.Shape[a]).ToList();
        shape.AddRange(lhs.Shape.Where((_, a) => !d.LhsBatch.Contains(a) && !d.LhsContracting.Contains(a)));
        shape.AddRange(rhs.Shape.Where((_, a) => !d.RhsBatch.Contains(a) && !d.RhsContracting.Contains(a)));
        var preferred = p.Get<DType>("preferred_element_type");
        return [new ShapedArray(shape.ToArray(), preferred, lhs.Weak && rhs.Weak)];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ContractionRules.BilinearJvp(this, primals, tangents, p);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        ContractionRules.DotGeneralTranspose(cotangents[0], operands, operandAvals, p);

    /// <summary>Bilinear: four real contractions of the parts.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs)
    {
        var real = p.With("preferred_element_type", outputs[0].DType.RealPart());
        return [PlanarRules.Bilinear((x, y) => Bind1(real, x, y), inputs[0], inputs[1])];
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var dtype = outputs[0].DType;
        var accumulator = dtype is DType.Float16 or DType.BFloat16 ? DType.Float32 : dtype;
        var open = new OpenContraction(context.Tensor(inputs[0]), context.Tensor(inputs[1]), Dims(p), p.Get<Precision>("precision"),
            accumulator, outputs[0].Shape);
        Expr value = new PendingExpr(open);
        if (accumulator != dtype) value = new ConvertExpr(value, dtype);
        return [new(outputs[0], value)];
    }

    internal static DotDimensions Dims(Params p)
    {
        var n = p.Get<int[][]>("dimension_numbers");
        return new DotDimensions(n[2], n[3], n[0], n[1]);
    }

    private static bool InRange(int axis, ShapedArray x) => axis >= 0 && axis < x.Rank;

    /// <summary>
    /// One dot_general for the whole batch: when both operands are batched their batch axes become a new leading
    /// batch dimension; when one is, its batch axis becomes one of its free dimensions (no copy of the other).
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var (lhs, rhs) = (inputs[0], inputs[1]);
        var n = p.Get<int[][]>("dimension_numbers");
        var (lc, rc, lbatch, rbatch) = (n[0], n[1], n[2], n[3]);
        static int[] Shift(int[] dims, int b) => dims.Select(d => Batching.Shift(d, b)).ToArray();
        if (axes[0] is { } lb && axes[1] is { } rb)
        {
            lhs = Batching.MoveAxis(lhs, lb, 0);
            rhs = Batching.MoveAxis(rhs, rb, 0);
            int[][] numbers = [Shift(lc, 0), Shift(rc, 0), [0, .. Shift(lbatch, 0)], [0, .. Shift(rbatch, 0)]];
            return Batching.One(Bind1(p.With("dimension_numbers", numbers), lhs, rhs), 0);
        }
        if (axes[0] is { } l)
        {
            int[][] numbers = [Shift(lc, l), rc, Shift(lbatch, l), rbatch];
            var free = FreeDims(lhs.Ndim, numbers[0], numbers[2]);
            return Batching.One(Bind1(p.With("dimension_numbers", numbers), lhs, rhs), lbatch.Length + Array.IndexOf(free, l));
        }
        var r = axes[1]!.Value;
        int[][] rNumbers = [lc, Shift(rc, r), lbatch, Shift(rbatch, r)];
        var lhsFree = lhs.Ndim - lc.Length - lbatch.Length;
        var rhsFree = FreeDims(rhs.Ndim, rNumbers[1], rNumbers[3]);
        if (rhsFree.Length == 1)
        {
            // A batched vector (matrix @ x for each x): with the operands swapped the batch comes before the lhs free
            // dimensions, the layout a batched caller wants, so no transpose has to follow the product.
            int[][] swapped = [rNumbers[1], lc, rNumbers[3], lbatch];
            return Batching.One(Bind1(p.With("dimension_numbers", swapped), rhs, lhs), lbatch.Length);
        }
        return Batching.One(Bind1(p.With("dimension_numbers", rNumbers), lhs, rhs), lbatch.Length + lhsFree + Array.IndexOf(rhsFree, r));
    }

    private static int[] FreeDims(int rank, int[] contracting, int[] batch) =>
        Enumerable.Range(0, rank).Where(d => !contracting.Contains(d) && !batch.Contains(d)).ToArray();
}

/// <summary>
/// conv_general_dilated[window_strides, padding, lhs_dilation, rhs_dilation, dimension_numbers,
/// feature_group_count, batch_group_count, precision, preferred_element_type]. dimension_numbers holds the lhs
/// spec (batch, feature, spatial...), the rhs spec (out feature, in feature, spatial...) and the output spec
/// (batch, feature, spatial...), as lax's ConvDimensionNumbers.
/// </summary>
public sealed class ConvGeneralDilatedPrimitive() : Primitive("conv_general_dilated")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (lhs, rhs) = (inputs[0], inputs[1]);
        if (lhs.DType != rhs.DType) throw Error($"operands must have one dtype, got {lhs.Str()} and {rhs.Str()}");
        if (lhs.Rank != rhs.Rank || lhs.Rank < 2) throw Error($"operands {lhs.Str()} and {rhs.Str()} must have one rank of at least 2");
        var d = Dims(p);
        var groups = p.Get<int>("feature_group_count");
        var batchGroups = p.Get<int>("batch_group_count");
        if (lhs.Shape[d.LhsFeature] != rhs.Shape[d.RhsInputFeature] * groups)
            throw Error($"input features of {lhs.Str()} ({lhs.Shape[d.LhsFeature]}) do not match the kernel {rhs.Str()} " +
                $"({rhs.Shape[d.RhsInputFeature]} x {groups} groups)");
        var padding = p.Get<int[][]>("padding");
        var shape = ConvolutionKernel.InferOutputShape(lhs.Shape, rhs.Shape, d, p.Get<int[]>("window_strides"),
            padding.Select(q => q[0]).ToArray(), padding.Select(q => q[1]).ToArray(), p.Get<int[]>("lhs_dilation"),
            p.Get<int[]>("rhs_dilation"), batchGroups);
        return [new ShapedArray(shape, p.Get<DType>("preferred_element_type"))];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ContractionRules.BilinearJvp(this, primals, tangents, p);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        ContractionRules.ConvTranspose(cotangents[0], operands, operandAvals, p);

    /// <summary>Bilinear: four real convolutions of the parts.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs)
    {
        var real = p.With("preferred_element_type", outputs[0].DType.RealPart());
        return [PlanarRules.Bilinear((x, y) => Bind1(real, x, y), inputs[0], inputs[1])];
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var dtype = outputs[0].DType;
        var accumulator = dtype is DType.Float16 or DType.BFloat16 ? DType.Float32 : dtype;
        var lhs = context.Tensor(inputs[0]);
        var rhs = context.Tensor(inputs[1]);
        var padding = p.Get<int[][]>("padding");
        var shape = outputs[0].Shape;
        var open = new OpenConvolution((name, epilogue, output) => new ConvolutionKernel(name, lhs, rhs, Dims(p),
            p.Get<int[]>("window_strides"), padding.Select(q => q[0]).ToArray(), padding.Select(q => q[1]).ToArray(),
            p.Get<int[]>("lhs_dilation"), p.Get<int[]>("rhs_dilation"), p.Get<int>("feature_group_count"),
            p.Get<int>("batch_group_count"), p.Get<Precision>("precision"), accumulator, epilogue, shape, output), accumulator, shape);
        Expr value = new PendingExpr(open);
        if (accumulator != dtype) value = new ConvertExpr(value, dtype);
        return [new(outputs[0], value)];
    }

    internal static ConvDimensions Dims(Params p)
    {
        var n = p.Get<int[][]>("dimension_numbers");
        return new ConvDimensions(n[0][0], n[0][1], n[0][2..], n[1][0], n[1][1], n[1][2..], n[2][0], n[2][1], n[2][2..]);
    }

    /// <summary>
    /// JAX's rule: the batch is folded into a dimension the convolution already has, so the whole batch is one
    /// convolution. A batched input goes into the input batch dimension (or, with batch groups, beside the groups);
    /// a batched kernel into the output features (groups kept outermost); both batched become feature groups.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var (lhs, rhs) = (inputs[0], inputs[1]);
        var n = p.Get<int[][]>("dimension_numbers");
        var (lhsSpec, rhsSpec, outSpec) = (n[0], n[1], n[2]);
        var groups = p.Get<int>("feature_group_count");
        var batchGroups = p.Get<int>("batch_group_count");
        NDArray Conv(NDArray l, NDArray r, int g, int bg) =>
            Bind1(p.With("feature_group_count", g).With("batch_group_count", bg), l, r);
        if (axes[0] is { } lb && axes[1] is { } rb)
        {
            var size = lhs.Aval.Shape[lb];
            var newLhs = batchGroups > 1 ? Batching.ReshapeAxisInto(lb, lhsSpec[0], lhs) : Batching.ReshapeAxisInto(lb, lhsSpec[1], lhs);
            var newRhs = Batching.ReshapeAxisInto(rb, rhsSpec[0], rhs);
            var both = batchGroups > 1 ? Conv(newLhs, newRhs, groups, batchGroups * size) : Conv(newLhs, newRhs, groups * size, batchGroups);
            return Batching.One(Batching.ReshapeAxisOutOf(outSpec[1], size, both), outSpec[1]);
        }
        if (axes[0] is { } l)
        {
            var size = lhs.Aval.Shape[l];
            NDArray newLhs;
            if (batchGroups == 1) newLhs = Batching.ReshapeAxisInto(l, lhsSpec[0], lhs);
            else
            {
                newLhs = Batching.ReshapeAxisOutOf(lhsSpec[0] + (l <= lhsSpec[0] ? 1 : 0), batchGroups, lhs);
                newLhs = Batching.ReshapeAxisInto(l + (lhsSpec[0] < l ? 1 : 0), lhsSpec[0] + 1, newLhs);
                newLhs = Batching.ReshapeAxisInto(lhsSpec[0], lhsSpec[0], newLhs);
            }
            var outL = Conv(newLhs, rhs, groups, batchGroups);
            return Batching.One(Batching.ReshapeAxisOutOf(outSpec[0], size, outL), outSpec[0]);
        }
        var r = axes[1]!.Value;
        var kernels = rhs.Aval.Shape[r];
        if (groups == 1 && batchGroups == 1)
        {
            var outR = Conv(lhs, Batching.ReshapeAxisInto(r, rhsSpec[0], rhs), groups, batchGroups);
            return Batching.One(Batching.ReshapeAxisOutOf(outSpec[1], kernels, outR), outSpec[1]);
        }
        // Groups must stay outermost in the output features: factor them out, fold the batch in, put them back.
        var g = groups > 1 ? groups : batchGroups;
        var newRhs2 = Batching.ReshapeAxisOutOf(rhsSpec[0] + (r <= rhsSpec[0] ? 1 : 0), g, rhs);
        newRhs2 = Batching.ReshapeAxisInto(r + (rhsSpec[0] < r ? 1 : 0), rhsSpec[0] + 1, newRhs2);
        newRhs2 = Batching.ReshapeAxisInto(rhsSpec[0], rhsSpec[0], newRhs2);
        var grouped = Conv(lhs, newRhs2, groups, batchGroups);
        grouped = Batching.ReshapeAxisOutOf(outSpec[1], g, grouped);
        grouped = Batching.ReshapeAxisOutOf(outSpec[1] + 1, kernels, grouped);
        grouped = Batching.ReshapeAxisInto(outSpec[1], outSpec[1] + 1, grouped);
        return Batching.One(grouped, outSpec[1]);
    }
}

public static partial class Prims
{
    public static readonly DotGeneralPrimitive DotGeneral = new();
    public static readonly ConvGeneralDilatedPrimitive ConvGeneralDilated = new();
}
