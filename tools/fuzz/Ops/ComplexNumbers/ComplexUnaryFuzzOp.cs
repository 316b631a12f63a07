namespace JaxNet.Fuzz.Ops.ComplexNumbers;

/// <summary>
/// A function of a complex operand: the lax ones (neg, conj, real, imag, abs, exp, log, sqrt, sin, cos, tanh),
/// jnp.angle, and jnp.power with a constant integer <paramref name="exponent"/> (lax.integer_pow). Real, imag, abs
/// and angle give the component type.
/// </summary>
public sealed class ComplexUnaryFuzzOp(ComplexFunction function, int exponent = 0) : FuzzOp
{
    public ComplexFunction Function { get; } = function;

    private bool GivesReal => Function is ComplexFunction.Real or ComplexFunction.Imag or ComplexFunction.Abs or ComplexFunction.Angle;

    public override bool MultipliesElements => Function == ComplexFunction.Power;

    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 1 && args[0].DType.IsComplex()
            ? GivesReal ? args[0].With(args[0].DType.RealPart()) : args[0]
            : throw Mismatch(Function.ToString(), args);

    public override NDArray Apply(IReadOnlyList<NDArray> args)
    {
        var x = args[0];
        return Function switch
        {
            ComplexFunction.Neg => Lax.Neg(x),
            ComplexFunction.Conj => Lax.Conj(x),
            ComplexFunction.Real => Lax.Real(x),
            ComplexFunction.Imag => Lax.Imag(x),
            ComplexFunction.Abs => Lax.Abs(x),
            ComplexFunction.Angle => Jnp.Angle(x),
            ComplexFunction.Exp => Lax.Exp(x),
            ComplexFunction.Log => Lax.Log(x),
            ComplexFunction.Sqrt => Lax.Sqrt(x),
            ComplexFunction.Sin => Lax.Sin(x),
            ComplexFunction.Cos => Lax.Cos(x),
            ComplexFunction.Tanh => Lax.Tanh(x),
            _ => Jnp.Power(x, exponent),
        };
    }

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        return RefArray.Build(ResultType([x.Type]), i => Element(x.Values[i], x.Error[i], numerics));
    }

    private (Scalar Value, double Error) Element(Scalar x, double e, NumericsModel numerics) => Function switch
    {
        ComplexFunction.Neg => ComplexArithmetic.Neg(x, e, numerics),
        ComplexFunction.Conj => ComplexArithmetic.Conj(x, e, numerics),
        ComplexFunction.Real => ComplexFunctions.Part(x, e, imaginary: false),
        ComplexFunction.Imag => ComplexFunctions.Part(x, e, imaginary: true),
        ComplexFunction.Abs => ComplexFunctions.Abs(x, e, numerics),
        ComplexFunction.Angle => ComplexFunctions.Angle(x, e, numerics),
        ComplexFunction.Exp => ComplexFunctions.Exp(x, e, numerics),
        ComplexFunction.Log => ComplexFunctions.Log(x, e, numerics),
        ComplexFunction.Sqrt => ComplexFunctions.Sqrt(x, e, numerics),
        ComplexFunction.Sin => ComplexFunctions.SinOrCos(x, e, cosine: false, numerics),
        ComplexFunction.Cos => ComplexFunctions.SinOrCos(x, e, cosine: true, numerics),
        ComplexFunction.Tanh => ComplexFunctions.Tanh(x, e, numerics),
        _ => ComplexFunctions.IntegerPower(x, e, exponent, numerics),
    };

    public override string Render(IReadOnlyList<string> args) => Function switch
    {
        ComplexFunction.Angle => $"Jnp.Angle({args[0]})",
        ComplexFunction.Power => $"Jnp.Power({args[0]}, {exponent})",
        _ => $"Lax.{Function}({args[0]})",
    };
}
