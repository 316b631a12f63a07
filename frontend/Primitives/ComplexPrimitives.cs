using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// A primitive that exists only on complex values: <see cref="ComplexExpansion"/> always replaces it by real
/// primitives before lowering, so it has no kernel of its own.
/// </summary>
public abstract class ComplexOnlyPrimitive(string name) : Primitive(name)
{
    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        throw new InvalidOperationException($"{Name} reached the lowering: complex expansion should have replaced it");

    protected ShapedArray RequireComplex(ShapedArray x) =>
        x.DType.IsComplex() ? x : throw Error($"requires a complex operand, got {x.Str()}");
}

/// <summary>real and imag: a part of a complex array, as an array of its component type.</summary>
public sealed class ComplexPartPrimitive(string name, bool imaginary) : ComplexOnlyPrimitive(name)
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = RequireComplex(inputs[0]);
        return [new ShapedArray(x.Shape, x.DType.RealPart(), x.Weak)];
    }

    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        [Planar.Real(imaginary ? inputs[0].ImOrZero : inputs[0].Re)];

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [tangents[0] is { } t ? Bind1(p, t) : null]);

    /// <summary>JAX's transposes, which do not conjugate: real gives ct + 0i, imag gives 0 - ct i.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var ct = cotangents[0];
        var zero = Jnp.ZerosLike(ct);
        return [imaginary ? Lax.Complex(zero, Lax.Neg(ct)) : Lax.Complex(ct, zero)];
    }

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.One(Bind1(p, inputs[0]), axes[0]);
}

/// <summary>conj: the complex conjugate. Linear over the reals, and its own transpose.</summary>
public sealed class ConjPrimitive() : ComplexOnlyPrimitive("conj")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => [RequireComplex(inputs[0])];

    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) => [PlanarMath.Conj(inputs[0])];

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [tangents[0] is { } t ? Bind1(p, t) : null]);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        [Bind1(p, cotangents[0])];

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.One(Bind1(p, inputs[0]), axes[0]);
}

/// <summary>complex(x, y) = x + iy from two float arrays of one dtype (float32 or float64) and shape (or rank 0).</summary>
public sealed class MakeComplexPrimitive() : ComplexOnlyPrimitive("complex")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (x, y) = (inputs[0], inputs[1]);
        if (x.DType != y.DType || x.DType is not (DType.Float32 or DType.Float64))
            throw Error($"requires two float32 or two float64 operands, got {x.Str()} and {y.Str()}");
        int[] shape;
        if (Shapes.Equal(x.Shape, y.Shape) || y.Rank == 0) shape = x.Shape;
        else if (x.Rank == 0) shape = y.Shape;
        else throw Error($"operands must have one shape, got {x.Str()} and {y.Str()}");
        return [new ShapedArray(shape, x.DType.ToComplex(), x.Weak && y.Weak)];
    }

    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs)
    {
        var shape = outputs[0].Shape;
        NDArray Fit(NDArray part) => part.Ndim == shape.Length ? part : Lax.BroadcastInDim(part, shape, []);
        return [Planar.Complex(Fit(inputs[0].Re), Fit(inputs[1].Re))];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var y = Bind1(p, primals);
        if (tangents[0] is null && tangents[1] is null) return ([y], [null]);
        var parts = y.Aval.WithDType(y.DType.RealPart());
        var t = Bind1(p, Tangents.Instantiate(tangents[0], parts), Tangents.Instantiate(tangents[1], parts));
        return ([y], [t]);
    }

    /// <summary>JAX's transpose: the real part of the cotangent for x, minus its imaginary part for y.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var ct = cotangents[0];
        return [operands[0] is null ? Tangents.Unbroadcast(Lax.Real(ct), operandAvals[0]) : null,
            operands[1] is null ? Tangents.Unbroadcast(Lax.Neg(Lax.Imag(ct)), operandAvals[1]) : null];
    }

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.Elementwise(this, inputs, axes, p, _ => true);
}

public static partial class Prims
{
    public static readonly ComplexPartPrimitive Real = new("real", imaginary: false);
    public static readonly ComplexPartPrimitive Imag = new("imag", imaginary: true);
    public static readonly ConjPrimitive Conj = new();
    public static readonly MakeComplexPrimitive Complex = new();
}
