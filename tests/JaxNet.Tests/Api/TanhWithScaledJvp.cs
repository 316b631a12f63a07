using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Numerics;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Values;

namespace JaxNet.Tests.Api;

/// <summary>A fuzz op computing tanh whose JVP rule is off by a factor (a planted derivative bug): the reference
/// evaluates the true tanh, so the derivative checks must catch it.</summary>
internal sealed class TanhWithScaledJvp(double factor) : FuzzOp
{
    private readonly Func<NDArray, NDArray> tanh = Jax.CustomJvp(Jax.Lax.Tanh,
        (x, t) =>
        {
            var y = Jax.Lax.Tanh(x);
            var slope = Jax.Lax.Sub(Jnp.OnesLike(y), Jax.Lax.Mul(y, y));
            return (y, Jax.Lax.Mul(Jax.Lax.Mul(slope, t), Jax.Lax.ConvertElementType(Jnp.Scalar(factor), x.DType)));
        });

    public override TensorType ResultType(IReadOnlyList<TensorType> args) => args[0];

    public override NDArray Apply(IReadOnlyList<NDArray> args) => tanh(args[0]);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics) => new UnaryFuzzOp(UnaryOp.Tanh).Evaluate(args, numerics);

    public override string Render(IReadOnlyList<string> args) => $"TanhWithScaledJvp({factor})({args[0]})";
}
