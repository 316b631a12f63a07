using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// The derivatives of a replacing scatter whose indices repeat: which update wins is unspecified, but the JVP must
/// follow the winner the value took and the VJP must be its transpose (JAX's rule). Replacing the tangents and
/// gathering the cotangent gave every duplicate the cotangent (the random-program tester's derivatives seed 168).
/// </summary>
public class ScatterRepeatedIndexDerivativeTests
{
    private static readonly NDArray Indices = Jnp.FromHost<int>([1, 1, 2], [3, 1], DType.Int32);

    private static NDArray Scatter(NDArray operand, NDArray updates) => Lax.Scatter(operand, Indices, updates, [], [0], [0]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_tangent_follows_the_winning_update_and_the_vjp_is_its_transpose(bool jit)
    {
        Func<NDArray, NDArray, NDArray> f = jit ? Jax.Jit(Scatter) : Scatter;
        var (operand, updates) = (Jnp.Array([1.0f, 2.0f, 3.0f, 4.0f]), Jnp.Array([5.0f, 6.0f, 7.0f]));
        var (v, tUpdates) = (Jnp.Array([0.5f, -1.0f, 2.0f, 0.25f]), Jnp.Array([1.0f, 10.0f, 100.0f]));
        var (y, t) = Jax.JvpN(a => [f(a[0], a[1])], [operand, updates], [v, tUpdates]);
        var value = y[0].ToArray<float>();
        Assert.Contains(value[1], new[] { 5.0f, 6.0f });
        Assert.Equal([1.0f, value[1], 7.0f, 4.0f], value);
        Assert.Equal([0.5f, value[1] == 5.0f ? 1.0f : 10.0f, 100.0f, 0.25f], t[0].ToArray<float>());

        var u = Jnp.Array([1.0f, -2.0f, 3.0f, 0.5f]);
        var (_, pullback) = Jax.VjpN(a => [f(a[0], a[1])], [operand, updates]);
        var pulled = pullback([u]);
        Assert.Equal([1.0f, 0.0f, 0.0f, 0.5f], pulled[0].ToArray<float>());
        // The winner gets the cotangent of its element, the loser none: <J v, u> = <v, u J>.
        Assert.Equal(value[1] == 5.0f ? [-2.0f, 0.0f, 3.0f] : [0.0f, -2.0f, 3.0f], pulled[1].ToArray<float>());
        var left = Jnp.Sum(t[0] * u).ToArray<float>()[0];
        var right = (Jnp.Sum(v * pulled[0]) + Jnp.Sum(tUpdates * pulled[1])).ToArray<float>()[0];
        Assert.Equal(left, right, 5);
    }

    [Fact]
    public void Out_of_bounds_updates_dropped_by_the_scatter_get_no_tangent_or_cotangent()
    {
        var indices = Jnp.FromHost<int>([9, 0], [2, 1], DType.Int32);
        NDArray F(NDArray operand, NDArray updates) => Lax.Scatter(operand, indices, updates, [], [0], [0], mode: Abstractions.Kernels.IndexMode.FillOrDrop);
        var (operand, updates) = (Jnp.Array([1.0f, 2.0f]), Jnp.Array([5.0f, 6.0f]));
        var (y, t) = Jax.JvpN(a => [F(a[0], a[1])], [operand, updates], [Jnp.Array([1.0f, 1.0f]), Jnp.Array([10.0f, 20.0f])]);
        Assert.Equal([6.0f, 2.0f], y[0].ToArray<float>());
        Assert.Equal([20.0f, 1.0f], t[0].ToArray<float>());
        var (_, pullback) = Jax.VjpN(a => [F(a[0], a[1])], [operand, updates]);
        Assert.Equal([0.0f, 3.0f], pullback([Jnp.Array([3.0f, 1.0f])])[1].ToArray<float>());
    }
}
