namespace JaxNet.Tests.Transforms;

/// <summary>
/// A custom-JVP rule that calls its own function (as the rules of decompositions do, to get their outputs) is
/// applied at every level of a nested differentiation, reverse over reverse included: the inner linearization
/// evaluates the known call one level down, so the outer level sees the call and not the function as written.
/// </summary>
public class CustomJvpNestingTests
{
    // x * x, whose rule claims the derivative is the function itself (so every derivative is x * x by the rule,
    // while differentiating x * x as written gives 2x and then 2).
    private static readonly Func<NDArray, NDArray> SelfDerivative = Jax.CustomJvp(x => x * x, (x, t) =>
    {
        var y = SelfDerivative!(x);
        return (y, t * y);
    });

    [Fact]
    public void Every_order_and_mode_uses_the_rule()
    {
        var x = Jnp.Array(3.0, DType.Float64);
        Func<NDArray, NDArray> grad = Jax.Grad(SelfDerivative);
        Func<NDArray, NDArray> forward = v => Jax.Jvp(SelfDerivative, [v], [Jnp.OnesLike(v)]).Tangent;
        Assert.Equal(9.0, (double)grad(x));
        Assert.Equal(9.0, (double)Jax.Grad(grad)(x));
        Assert.Equal(9.0, (double)Jax.Grad(forward)(x));
        Assert.Equal(9.0, (double)Jax.Jvp(grad, [x], [Jnp.OnesLike(x)]).Tangent);
        Assert.Equal(9.0, (double)Jax.Grad(Jax.Grad(grad))(x));
    }
}
