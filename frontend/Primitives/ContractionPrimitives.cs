using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;

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
}

public static partial class Prims
{
    public static readonly DotGeneralPrimitive DotGeneral = new();
    public static readonly ConvGeneralDilatedPrimitive ConvGeneralDilated = new();
}
