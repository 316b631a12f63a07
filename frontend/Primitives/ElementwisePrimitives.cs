using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// An elementwise unary primitive (sin, exp, neg, ...): one kernel IR op, the operand's shape, and the op's result
/// dtype. Lowered by extending the operand's fused expression, so chains of them become one kernel.
/// </summary>
public sealed class UnaryPrimitive(string name, UnaryOp op) : Primitive(name)
{
    public UnaryOp Op { get; } = op;

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = inputs[0];
        if (x.DType.IsComplex())
        {
            if (!ElementwiseComplex.Defined(Op)) throw Error($"is not defined on complex operands, got {x.Str()}");
            var result = ElementwiseComplex.ResultType(Op, x.DType);
            return [new ShapedArray(x.Shape, result, x.Weak && result == x.DType)];
        }
        if (Op.IsFloatOnly() && !x.DType.IsFloat())
            throw Error($"requires a floating-point operand, got {x.Str()}");
        if (Op is UnaryOp.PopCount or UnaryOp.Clz && !x.DType.IsInteger())
            throw Error($"requires an integer operand, got {x.Str()}");
        var dtype = Op.ResultType(x.DType);
        return [new ShapedArray(x.Shape, dtype, x.Weak && dtype == x.DType)];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ElementwiseRules.UnaryJvp(this, primals, tangents, p);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        ElementwiseRules.UnaryTranspose(this, cotangents);

    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        [ElementwiseComplex.Unary(Op, inputs[0])];

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        [new(outputs[0], new UnaryExpr(Op, inputs[0].Expr))];

    /// <summary>Elementwise: the batch axis stays where it is.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.One(Bind1(p, inputs[0]), axes[0]);
}

/// <summary>
/// An elementwise binary primitive (add, mul, lt, and, ...). Operands have one dtype (the API promotes first) and
/// one shape, except that a rank-0 operand broadcasts (so jaxprs read <c>mul a 2.0:f32[]</c> as JAX's do).
/// </summary>
public sealed class BinaryPrimitive(string name, BinaryOp op) : Primitive(name)
{
    public BinaryOp Op { get; } = op;

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (a, b) = (inputs[0], inputs[1]);
        if (a.DType != b.DType)
            throw Error($"operands must have one dtype, got {a.Str()} and {b.Str()}");
        if (a.DType.IsComplex() && !ElementwiseComplex.Defined(Op)) throw Error($"is not defined on complex operands, got {a.Str()}");
        if (Op.IsFloatOnly() && !a.DType.IsInexact()) throw Error($"requires floating-point operands, got {a.Str()}");
        if (Op.IsBitwise() && a.DType.IsFloat()) throw Error($"requires integer or bool operands, got {a.Str()}");
        if (Op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Rem && a.DType == DType.Bool)
            throw Error($"is not defined on bool operands ({a.Str()}, {b.Str()})");
        int[] shape;
        if (Shapes.Equal(a.Shape, b.Shape) || b.Rank == 0) shape = a.Shape;
        else if (a.Rank == 0) shape = b.Shape;
        else throw Error($"operands must have one shape, got {a.Str()} and {b.Str()}");
        return [new ShapedArray(shape, Op.ResultType(a.DType), a.Weak && b.Weak && !Op.IsComparison())];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ElementwiseRules.BinaryJvp(this, primals, tangents, p);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        ElementwiseRules.BinaryTranspose(this, cotangents[0], operands, operandAvals);

    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        [ElementwiseComplex.Binary(Op, inputs[0], inputs[1], outputs[0].Shape)];

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var shape = outputs[0].Shape;
        return [new(outputs[0], new BinaryExpr(Op, context.BroadcastTo(inputs[0], shape), context.BroadcastTo(inputs[1], shape)))];
    }

    /// <summary>Operands are brought to one batch axis; an unbatched scalar stays a scalar (the op broadcasts it).</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.Elementwise(this, inputs, axes, p, _ => true);
}

/// <summary>select_n(pred, on_false, on_true): lax's select with a boolean predicate of the cases' shape or rank 0.</summary>
public sealed class SelectPrimitive() : Primitive("select_n")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (pred, f, t) = (inputs[0], inputs[1], inputs[2]);
        if (pred.DType != DType.Bool) throw Error($"predicate must be bool, got {pred.Str()}");
        if (f.DType != t.DType || !Shapes.Equal(f.Shape, t.Shape))
            throw Error($"cases must have one shape and dtype, got {f.Str()} and {t.Str()}");
        if (pred.Rank != 0 && !Shapes.Equal(pred.Shape, f.Shape))
            throw Error($"predicate shape {pred.Str()} must be scalar or match the cases {f.Str()}");
        return [new ShapedArray(f.Shape, f.DType, f.Weak && t.Weak)];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ElementwiseRules.SelectJvp(this, primals, tangents, p);

    /// <summary>Selects each part with the one predicate.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        PlanarRules.Componentwise(this, inputs, p);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        ElementwiseRules.SelectTranspose(this, cotangents[0], operands, p);

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var shape = outputs[0].Shape;
        return [new(outputs[0], new SelectExpr(context.BroadcastTo(inputs[0], shape), context.BroadcastTo(inputs[2], shape),
            context.BroadcastTo(inputs[1], shape)))];
    }

    /// <summary>As elementwise ops; an unbatched scalar predicate stays a scalar, batched cases need a full predicate.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.Elementwise(this, inputs, axes, p, i => i == 0);
}

/// <summary>convert_element_type[new_dtype, weak_type]: numeric conversion with the kernel IR's semantics.</summary>
public sealed class ConvertElementTypePrimitive() : Primitive("convert_element_type")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) =>
        [new ShapedArray(inputs[0].Shape, p.Get<DType>("new_dtype"), p.Get<bool>("weak_type"))];

    /// <summary>Conversions between float types carry the tangent along; to or from integers there is none.</summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var y = Bind1(p, primals[0]);
        var linear = tangents[0] is not null && primals[0].DType.IsInexact() && y.DType.IsInexact();
        return ([y], [linear ? Bind1(p, tangents[0]!) : null]);
    }

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        [Jax.Lax.ConvertElementType(cotangents[0], operandAvals[0].DType, operandAvals[0].Weak)];

    /// <summary>
    /// Into a complex type: both parts converted (a real operand's imaginary part is zero). Out of one: the real part,
    /// as NumPy's astype does (with its ComplexWarning), and "!= 0" for bool.
    /// </summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs)
    {
        var z = inputs[0];
        var to = outputs[0].DType;
        if (to.IsComplex())
            return [Planar.Complex(Jax.Lax.ConvertElementType(z.Re, to.RealPart()), Jax.Lax.ConvertElementType(z.ImOrZero, to.RealPart()))];
        if (to == DType.Bool)
            return [Planar.Real(PlanarMath.NotEqual(z, Planar.Real(Jnp.ZerosLike(z.Re))))];
        return [Planar.Real(Jax.Lax.ConvertElementType(z.Re, to))];
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var x = inputs[0].Expr;
        var dtype = outputs[0].DType;
        Expr e = x switch
        {
            _ when x.DType == dtype => x,
            ConstExpr c => new ConstExpr(c.Value.Convert(dtype)),
            _ => new ConvertExpr(x, dtype),
        };
        return [new(outputs[0], e)];
    }

    /// <summary>Elementwise: the batch axis stays where it is.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.One(Bind1(p, inputs[0]), axes[0]);
}

/// <summary>
/// bitcast_convert_type between dtypes of one width: the same bits read as the new dtype (float32 to uint32 and back,
/// say). It has no derivative: a tangent of the bits means nothing (JAX gives integer results no tangent, and
/// refuses float results).
/// </summary>
public sealed class BitcastConvertTypePrimitive() : Primitive("bitcast_convert_type")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (from, to) = (inputs[0].DType, p.Get<DType>("new_dtype"));
        if (from.SizeOf() != to.SizeOf() || from == DType.Bool || to == DType.Bool)
            throw Error($"the bits of {from.NumpyName()} ({from.SizeOf()} bytes) cannot be read as {to.NumpyName()} ({to.SizeOf()} bytes)");
        return [new ShapedArray(inputs[0].Shape, to)];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var y = Bind1(p, primals[0]);
        if (y.DType.IsFloat() && tangents[0] is not null)
            throw new NotSupportedException($"bitcast_convert_type to {y.DType.NumpyName()} has no derivative");
        return ([y], [null]);
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var x = inputs[0].Expr;
        return [new(outputs[0], x.DType == outputs[0].DType ? x : new BitcastExpr(x, outputs[0].DType))];
    }

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.One(Bind1(p, inputs[0]), axes[0]);
}

/// <summary>The elementwise primitives, named as in JAX.</summary>
public static partial class Prims
{
    public static readonly BitcastConvertTypePrimitive BitcastConvertType = new();
    public static readonly UnaryPrimitive Neg = new("neg", UnaryOp.Neg);
    public static readonly UnaryPrimitive Abs = new("abs", UnaryOp.Abs);
    public static readonly UnaryPrimitive Sign = new("sign", UnaryOp.Sign);
    public static readonly UnaryPrimitive Floor = new("floor", UnaryOp.Floor);
    public static readonly UnaryPrimitive Ceil = new("ceil", UnaryOp.Ceil);
    public static readonly UnaryPrimitive Round = new("round", UnaryOp.Round);
    public static readonly UnaryPrimitive RoundEven = new("round_even", UnaryOp.RoundEven);
    public static readonly UnaryPrimitive Sqrt = new("sqrt", UnaryOp.Sqrt);
    public static readonly UnaryPrimitive Rsqrt = new("rsqrt", UnaryOp.Rsqrt);
    public static readonly UnaryPrimitive Cbrt = new("cbrt", UnaryOp.Cbrt);
    public static readonly UnaryPrimitive Exp = new("exp", UnaryOp.Exp);
    public static readonly UnaryPrimitive Exp2 = new("exp2", UnaryOp.Exp2);
    public static readonly UnaryPrimitive Log = new("log", UnaryOp.Log);
    public static readonly UnaryPrimitive Log1p = new("log1p", UnaryOp.Log1p);
    public static readonly UnaryPrimitive Expm1 = new("expm1", UnaryOp.Expm1);
    public static readonly UnaryPrimitive Sin = new("sin", UnaryOp.Sin);
    public static readonly UnaryPrimitive Cos = new("cos", UnaryOp.Cos);
    public static readonly UnaryPrimitive Tan = new("tan", UnaryOp.Tan);
    public static readonly UnaryPrimitive Asin = new("asin", UnaryOp.Asin);
    public static readonly UnaryPrimitive Acos = new("acos", UnaryOp.Acos);
    public static readonly UnaryPrimitive Atan = new("atan", UnaryOp.Atan);
    public static readonly UnaryPrimitive Sinh = new("sinh", UnaryOp.Sinh);
    public static readonly UnaryPrimitive Cosh = new("cosh", UnaryOp.Cosh);
    public static readonly UnaryPrimitive Tanh = new("tanh", UnaryOp.Tanh);
    public static readonly UnaryPrimitive Asinh = new("asinh", UnaryOp.Asinh);
    public static readonly UnaryPrimitive Acosh = new("acosh", UnaryOp.Acosh);
    public static readonly UnaryPrimitive Atanh = new("atanh", UnaryOp.Atanh);
    public static readonly UnaryPrimitive Logistic = new("logistic", UnaryOp.Logistic);
    public static readonly UnaryPrimitive Erf = new("erf", UnaryOp.Erf);
    public static readonly UnaryPrimitive ErfInv = new("erf_inv", UnaryOp.ErfInv);
    public static readonly UnaryPrimitive Lgamma = new("lgamma", UnaryOp.Lgamma);
    public static readonly UnaryPrimitive Digamma = new("digamma", UnaryOp.Digamma);
    public static readonly UnaryPrimitive IsFinite = new("is_finite", UnaryOp.IsFinite);
    public static readonly UnaryPrimitive Not = new("not", UnaryOp.Not);
    public static readonly UnaryPrimitive PopulationCount = new("population_count", UnaryOp.PopCount);
    public static readonly UnaryPrimitive Clz = new("clz", UnaryOp.Clz);

    public static readonly BinaryPrimitive Add = new("add", BinaryOp.Add);
    public static readonly BinaryPrimitive Sub = new("sub", BinaryOp.Sub);
    public static readonly BinaryPrimitive Mul = new("mul", BinaryOp.Mul);
    public static readonly BinaryPrimitive Div = new("div", BinaryOp.Div);
    public static readonly BinaryPrimitive Rem = new("rem", BinaryOp.Rem);
    public static readonly BinaryPrimitive Pow = new("pow", BinaryOp.Pow);
    public static readonly BinaryPrimitive Max = new("max", BinaryOp.Max);
    public static readonly BinaryPrimitive Min = new("min", BinaryOp.Min);
    public static readonly BinaryPrimitive Atan2 = new("atan2", BinaryOp.Atan2);
    public static readonly BinaryPrimitive Eq = new("eq", BinaryOp.Eq);
    public static readonly BinaryPrimitive Ne = new("ne", BinaryOp.Ne);
    public static readonly BinaryPrimitive Lt = new("lt", BinaryOp.Lt);
    public static readonly BinaryPrimitive Le = new("le", BinaryOp.Le);
    public static readonly BinaryPrimitive Gt = new("gt", BinaryOp.Gt);
    public static readonly BinaryPrimitive Ge = new("ge", BinaryOp.Ge);
    public static readonly BinaryPrimitive And = new("and", BinaryOp.And);
    public static readonly BinaryPrimitive Or = new("or", BinaryOp.Or);
    public static readonly BinaryPrimitive Xor = new("xor", BinaryOp.Xor);
    public static readonly BinaryPrimitive ShiftLeft = new("shift_left", BinaryOp.ShiftLeft);
    public static readonly BinaryPrimitive ShiftRightLogical = new("shift_right_logical", BinaryOp.ShiftRightLogical);
    public static readonly BinaryPrimitive ShiftRightArithmetic = new("shift_right_arithmetic", BinaryOp.ShiftRightArithmetic);
    public static readonly BinaryPrimitive RotateLeft = new("rotate_left", BinaryOp.RotateLeft);
    public static readonly BinaryPrimitive RotateRight = new("rotate_right", BinaryOp.RotateRight);
    public static readonly BinaryPrimitive NextAfter = new("nextafter", BinaryOp.NextAfter);

    public static readonly SelectPrimitive SelectN = new();
    public static readonly ConvertElementTypePrimitive ConvertElementType = new();
}
