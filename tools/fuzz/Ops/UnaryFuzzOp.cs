using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops;

/// <summary>An elementwise unary op of lax (sin, floor, population_count, ...).</summary>
public sealed class UnaryFuzzOp(UnaryOp op) : FuzzOp
{
    public UnaryOp Op { get; } = op;

    /// <summary>The lax function of each unary op.</summary>
    private static NDArray Function(UnaryOp op, NDArray x) => op switch
    {
        UnaryOp.Neg => Lax.Neg(x),
        UnaryOp.Abs => Lax.Abs(x),
        UnaryOp.Sign => Lax.Sign(x),
        UnaryOp.Floor => Lax.Floor(x),
        UnaryOp.Ceil => Lax.Ceil(x),
        UnaryOp.Sqrt => Lax.Sqrt(x),
        UnaryOp.Rsqrt => Lax.Rsqrt(x),
        UnaryOp.Cbrt => Lax.Cbrt(x),
        UnaryOp.Exp => Lax.Exp(x),
        UnaryOp.Exp2 => Lax.Exp2(x),
        UnaryOp.Log => Lax.Log(x),
        UnaryOp.Log1p => Lax.Log1p(x),
        UnaryOp.Expm1 => Lax.Expm1(x),
        UnaryOp.Sin => Lax.Sin(x),
        UnaryOp.Cos => Lax.Cos(x),
        UnaryOp.Tan => Lax.Tan(x),
        UnaryOp.Asin => Lax.Asin(x),
        UnaryOp.Acos => Lax.Acos(x),
        UnaryOp.Atan => Lax.Atan(x),
        UnaryOp.Sinh => Lax.Sinh(x),
        UnaryOp.Cosh => Lax.Cosh(x),
        UnaryOp.Tanh => Lax.Tanh(x),
        UnaryOp.Asinh => Lax.Asinh(x),
        UnaryOp.Acosh => Lax.Acosh(x),
        UnaryOp.Atanh => Lax.Atanh(x),
        UnaryOp.Logistic => Lax.Logistic(x),
        UnaryOp.Erf => Lax.Erf(x),
        UnaryOp.ErfInv => Lax.ErfInv(x),
        UnaryOp.Lgamma => Lax.Lgamma(x),
        UnaryOp.Digamma => Lax.Digamma(x),
        UnaryOp.IsFinite => Lax.IsFinite(x),
        UnaryOp.Not => Lax.Not(x),
        UnaryOp.Round => Lax.Round(x),
        UnaryOp.RoundEven => Lax.Round(x, toNearestEven: true),
        UnaryOp.PopCount => Lax.PopulationCount(x),
        UnaryOp.Clz => Lax.Clz(x),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a unary op of lax"),
    };

    /// <summary>The call <see cref="Function"/> makes, as C#.</summary>
    private static string Call(UnaryOp op, string x) => op switch
    {
        UnaryOp.RoundEven => $"Lax.Round({x}, toNearestEven: true)",
        UnaryOp.PopCount => $"Lax.PopulationCount({x})",
        _ => $"Lax.{op}({x})",
    };

    /// <summary>The unary ops defined on <paramref name="dtype"/>.</summary>
    public static IEnumerable<UnaryOp> DefinedOn(DType dtype) => Enum.GetValues<UnaryOp>().Where(op => dtype switch
    {
        _ when dtype.IsFloat() => op is not (UnaryOp.Not or UnaryOp.PopCount or UnaryOp.Clz),
        DType.Bool => op == UnaryOp.Not,
        _ => op is UnaryOp.Neg or UnaryOp.Abs or UnaryOp.Sign or UnaryOp.Not or UnaryOp.PopCount or UnaryOp.Clz,
    });

    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 1 ? args[0].With(Op.ResultType(args[0].DType)) : throw Mismatch(Op.ToString(), args);

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Function(Op, args[0]);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        return RefArray.Build(ResultType([x.Type]), i => ElementBounds.Unary(Op, x.Values[i], x.Error[i], numerics));
    }

    public override string Render(IReadOnlyList<string> args) => Call(Op, args[0]);
}
