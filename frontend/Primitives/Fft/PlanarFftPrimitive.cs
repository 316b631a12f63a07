using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Primitives;

/// <summary>
/// planar_fft[axis, inverse]: the DFT along one axis of complex values given as real parts (re, or re and im), giving
/// both parts; it lowers to one <see cref="FftKernel"/>, which reads the axis in place, whatever its stride. It
/// exists only inside the complex expansion of <see cref="FftPrimitive"/>, and only for backends that claim the
/// kernel kind, so it needs no derivative or batching rule: those are the fft primitive's, applied before the
/// expansion.
/// </summary>
internal sealed class PlanarFftPrimitive() : Primitive("planar_fft")
{
    public override int OutputCount => 2;

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        if (inputs.Length is < 1 or > 2) throw Error($"takes the real part and optionally the imaginary one, got {inputs.Length} operands");
        var re = inputs[0];
        if (re.DType is not (DType.Float32 or DType.Float64))
            throw Error($"transforms float32 or float64 parts, got {re.Str()}");
        var axis = p.Get<int>("axis");
        if (axis < 0 || axis >= re.Rank) throw Error($"axis {axis} is out of range for {re.Str()}");
        if (inputs.Length == 2 && (inputs[1].DType != re.DType || !Shapes.Equal(inputs[1].Shape, re.Shape)))
            throw Error($"parts differ: {re.Str()} and {inputs[1].Str()}");
        var part = new ShapedArray(re.Shape, re.DType);
        return [part, part];
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var re = context.Tensor(inputs[0]);
        // A real operand made complex has a zero imaginary part: the kernel reads none.
        var im = inputs.Length < 2 || inputs[1].Expr is ConstExpr { Value.Value: 0 } ? null : context.Tensor(inputs[1]);
        var outRe = context.NewBuffer(BufferRole.Temporary, outputs[0]);
        var outIm = context.NewBuffer(BufferRole.Temporary, outputs[1]);
        context.Emit(new FftKernel(context.KernelName(Name), re, im, p.Get<int>("axis"), p.Get<bool>("inverse"), outRe, outIm));
        return [LoweringContext.InBuffer(outRe, outputs[0]), LoweringContext.InBuffer(outIm, outputs[1])];
    }
}

public static partial class Prims
{
    internal static readonly PlanarFftPrimitive PlanarFft = new();
}
