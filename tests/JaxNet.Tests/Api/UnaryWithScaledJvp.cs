using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Numerics;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Values;

namespace JaxNet.Tests.Api;

/// <summary>A fuzz op computing tanh or exp whose JVP rule is off by a factor (a planted derivative bug): the reference
/// evaluates the true op, so the derivative checks must catch it.</summary>
internal sealed class UnaryWithScaledJvp : FuzzOp
{
    private readonly UnaryOp op;
    private readonly double factor;
    private readonly Func<NDArray, NDArray> function;

    public UnaryWithScaledJvp(UnaryOp op, double factor)
    {
        (this.op, this.factor) = (op, factor);
        Func<NDArray, NDArray> primal = op switch
        {
            UnaryOp.Tanh => Jax.Lax.Tanh,
            UnaryOp.Exp => Jax.Lax.Exp,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "only tanh and exp have a planted rule"),
        };
        function = Jax.CustomJvp(primal, (x, t) =>
        {
            var y = primal(x);
            var slope = op == UnaryOp.Exp ? y : Jax.Lax.Sub(Jnp.OnesLike(y), Jax.Lax.Mul(y, y));
            return (y, Jax.Lax.Mul(Jax.Lax.Mul(slope, t), Jax.Lax.ConvertElementType(Jnp.Scalar(factor), x.DType)));
        });
    }

    public override TensorType ResultType(IReadOnlyList<TensorType> args) => args[0];

    public override NDArray Apply(IReadOnlyList<NDArray> args) => function(args[0]);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics) => new UnaryFuzzOp(op).Evaluate(args, numerics);

    public override string Render(IReadOnlyList<string> args) => $"UnaryWithScaledJvp({op}, {factor})({args[0]})";
}
