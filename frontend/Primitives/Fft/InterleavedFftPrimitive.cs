using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Primitives;

/// <summary>
/// interleaved_fft[axis, inverse, interleaved_operand]: the DFT along one axis of complex values of shape S, giving
/// the result as it is stored, S x 2 with the parts interleaved. The operand is either such an S x 2 array
/// (<c>interleaved_operand</c>) or its parts (re, or re and im, each S). It lowers to one <see cref="FftKernel"/> with
/// <see cref="FftKernel.InterleavedResult"/> (and <see cref="FftKernel.InterleavedOperand"/>), so a stored complex
/// array goes into the kernel and comes out of it with no copies around it. Like <see cref="PlanarFftPrimitive"/>,
/// it exists only inside the complex expansion, for backends that claim the interleaved kernel (IR 1.3), and needs
/// no derivative or batching rule.
/// </summary>
internal sealed class InterleavedFftPrimitive() : Primitive("interleaved_fft")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var interleaved = p.Get<bool>("interleaved_operand");
        if (inputs.Length is < 1 or > 2 || (interleaved && inputs.Length != 1))
            throw Error($"takes one interleaved operand, or the real part and optionally the imaginary one, got {inputs.Length} operands");
        var x = inputs[0];
        if (x.DType is not (DType.Float32 or DType.Float64))
            throw Error($"transforms float32 or float64 parts, got {x.Str()}");
        if (interleaved && (x.Rank < 2 || x.Shape[^1] != 2))
            throw Error($"an interleaved operand is S x 2 with S of rank 1 or more, got {x.Str()}");
        if (inputs.Length == 2 && (inputs[1].DType != x.DType || !Shapes.Equal(inputs[1].Shape, x.Shape)))
            throw Error($"parts differ: {x.Str()} and {inputs[1].Str()}");
        var shape = interleaved ? x.Shape[..^1] : x.Shape;
        var axis = p.Get<int>("axis");
        if (axis < 0 || axis >= shape.Length) throw Error($"axis {axis} is out of range for complex values of shape ({string.Join(", ", shape)})");
        return [new ShapedArray([.. shape, 2], x.DType)];
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var interleaved = p.Get<bool>("interleaved_operand");
        var operand = context.Tensor(inputs[0]);
        // A real operand made complex has a zero imaginary part: the kernel reads none.
        var im = interleaved || inputs.Length < 2 || inputs[1].Expr is ConstExpr { Value.Value: 0 } ? null : context.Tensor(inputs[1]);
        var result = context.NewBuffer(BufferRole.Temporary, outputs[0]);
        context.Emit(new FftKernel(context.KernelName(Name), operand, im, p.Get<int>("axis"), p.Get<bool>("inverse"), result, result)
        {
            InterleavedOperand = interleaved,
            InterleavedResult = true,
        });
        return [LoweringContext.InBuffer(result, outputs[0])];
    }
}

public static partial class Prims
{
    internal static readonly InterleavedFftPrimitive InterleavedFft = new();
}
