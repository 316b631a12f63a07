namespace JaxNet.Tests.Transforms;

/// <summary>
/// Custom derivatives inside vmap, differentiated from outside it (Grad(Vmap(f)), a batched loss): the user's rule
/// must still be used, as in JAX. The rules here are deliberately not the function's derivative, so a result that
/// differentiated the function instead shows.
/// </summary>
public class CustomDerivativeVmapTests
{
    private static readonly float[] Xs = [0.5f, 1f, 2f];

    // sin, whose rule says its derivative is 2.
    private static readonly Func<NDArray, NDArray> SinWithRule = Jax.CustomJvp(x => Jnp.Sin(x), (x, t) => (Jnp.Sin(x), t * 2f));

    // sin, whose backward pass says its derivative is 3.
    private static readonly Func<NDArray, NDArray> SinWithBackward =
        Jax.CustomVjp(x => Jnp.Sin(x), x => (Jnp.Sin(x), []), (_, ct) => ct * 3f);

    [Fact]
    public void GradOfVmapUsesTheCustomJvpRule()
    {
        Assert.Equal([2f, 2f, 2f], Jax.Grad(v => Jnp.Sum(Jax.Vmap(SinWithRule)(v)))(Jnp.Array(Xs)).ToArray<float>());
        // Forward mode below the vmap too.
        var (_, tangent) = Jax.Jvp(Jax.Vmap(SinWithRule), [Jnp.Array(Xs)], [Jnp.Array(new[] { 1f, 1f, 1f })]);
        Assert.Equal([2f, 2f, 2f], tangent.ToArray<float>());
        // And the values are the function's.
        Assert.Equal(Xs.Select(MathF.Sin).ToArray(), Jax.Vmap(SinWithRule)(Jnp.Array(Xs)).ToArray<float>(), new FloatTolerance(2e-7f));
    }

    [Fact]
    public void GradOfVmapUsesTheCustomVjpBackward()
    {
        Assert.Equal([3f, 3f, 3f], Jax.Grad(v => Jnp.Sum(Jax.Vmap(SinWithBackward)(v)))(Jnp.Array(Xs)).ToArray<float>());
        Assert.Equal([3f, 3f, 3f], Jax.Grad(v => Jnp.Sum(Jax.Jit(Jax.Vmap(SinWithBackward))(v)))(Jnp.Array(Xs)).ToArray<float>());
    }

    [Fact]
    public void NestedVmapsAndAMappedAxisOtherThanTheFirst()
    {
        var m = Jnp.Array(new[,] { { 0.5f, 1f, 2f }, { -1f, 0f, 3f } });
        // Rows of columns: the inner vmap maps axis 1's elements of each row.
        var twice = Jax.Vmap(Jax.Vmap(SinWithRule), inAxes: 1);
        Assert.Equal(Enumerable.Repeat(2f, 6).ToArray(), Jax.Grad(v => Jnp.Sum(twice(v)))(m).ToArray<float>());
        var viaBackward = Jax.Vmap(Jax.Vmap(SinWithBackward), inAxes: 1);
        Assert.Equal(Enumerable.Repeat(3f, 6).ToArray(), Jax.Grad(v => Jnp.Sum(viaBackward(v)))(m).ToArray<float>());
    }

    [Fact]
    public void UnmappedArgumentGetsTheBackwardsCotangentsSummedOverTheBatch()
    {
        // w * x, whose backward doubles both cotangents. w is shared by every example, so its cotangent is the
        // sum of the examples' 2 * x; each x gets 2 * w.
        var scaled = Jax.CustomVjp((w, x) => w * x, (w, x) => (w * x, [w, x]), (r, ct) => (ct * r[1] * 2f, ct * r[0] * 2f));
        var batched = Jax.Vmap(scaled, [null, 0]);
        Func<NDArray, NDArray, NDArray> loss = (w, x) => Jnp.Sum(batched(w, x));
        var w = Jnp.Array(1.5f);
        var x = Jnp.Array(Xs);
        Assert.Equal(2f * Xs.Sum(), (float)Jax.Grad(loss, argnums: 0)(w, x), 5);
        Assert.Equal([3f, 3f, 3f], Jax.Grad(loss, argnums: 1)(w, x).ToArray<float>());
    }

    [Fact]
    public void CheckpointUnderVmapKeepsTheGradient()
    {
        Func<NDArray, NDArray> layer = x => Jnp.Sin(Jnp.Sin(x));
        var expected = Jax.Vmap(Jax.Grad(layer))(Jnp.Array(Xs)).ToArray<float>();
        var remat = Jax.Checkpoint(layer);
        Assert.Equal(expected, Jax.Grad(v => Jnp.Sum(Jax.Vmap(remat)(v)))(Jnp.Array(Xs)).ToArray<float>());
        // Forward mode of a checkpoint works, batched or not.
        var (_, tangent) = Jax.Jvp(Jax.Vmap(remat), [Jnp.Array(Xs)], [Jnp.Array(new[] { 1f, 1f, 1f })]);
        Assert.Equal(expected, tangent.ToArray<float>());
    }

    [Fact]
    public void ForwardModeOfACustomVjpUnderVmapFailsAsWithoutIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            Jax.Jvp(Jax.Vmap(SinWithBackward), [Jnp.Array(Xs)], [Jnp.Array(new[] { 1f, 1f, 1f })]));
        Assert.Contains("can't apply forward-mode autodiff (jvp) to a custom_vjp function", e.Message);
    }
}
