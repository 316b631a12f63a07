namespace JaxNet.Tests.Transforms;

/// <summary>stop_gradient is a constant to differentiation at every level, under every other transformation.</summary>
public class StopGradientTests
{
    // d/dx of x * stop_gradient(x) is stop_gradient(x) = x; the unstopped product would give 2x.
    private static NDArray TimesStopped(NDArray x) => x * Jax.Lax.StopGradient(x);

    private static readonly float[] Xs = [1f, 2f, 3f];

    [Fact]
    public void GradOfVmapStopsTheGradient()
    {
        var g = Jax.Grad(v => Jnp.Sum(Jax.Vmap(TimesStopped)(v)))(Jnp.Array(Xs));
        Assert.Equal(Xs, g.ToArray<float>());
    }

    [Fact]
    public void VmapOfGradAndGradOfJitStopTheGradient()
    {
        Assert.Equal(Xs, Jax.Vmap(Jax.Grad(TimesStopped))(Jnp.Array(Xs)).ToArray<float>());
        Assert.Equal(Xs, Jax.Grad(v => Jnp.Sum(Jax.Jit(TimesStopped)(v)))(Jnp.Array(Xs)).ToArray<float>());
        var jitted = Jax.Jit(v => Jax.Grad(u => Jnp.Sum(Jax.Vmap(TimesStopped)(u)))(v));
        Assert.Equal(Xs, jitted(Jnp.Array(Xs)).ToArray<float>());
    }

    [Fact]
    public void SecondDerivativeThroughTheStoppedValueIsZero()
    {
        // grad(f) = stop_gradient(x), a constant to the outer grad as well.
        Assert.Equal(0f, (float)Jax.Grad(Jax.Grad(TimesStopped))(2f));
        Assert.Equal(0f, (float)Jax.JacFwd(Jax.Grad(TimesStopped))(Jnp.Array(2f)));
        // The unstopped factor keeps its second derivative: d2/dx2 of x^2 * stop_gradient(x) = 2 * x.
        Assert.Equal(4f, (float)Jax.Grad(Jax.Grad(x => x * x * Jax.Lax.StopGradient(x)))(2f));
    }

    [Fact]
    public void ForwardModeTangentIsZero()
    {
        var (y, t) = Jax.Jvp(Jax.Lax.StopGradient, [Jnp.Array(Xs)], [Jnp.Array(new[] { 1f, 1f, 1f })]);
        Assert.Equal(Xs, y.ToArray<float>());
        Assert.Equal([0f, 0f, 0f], t.ToArray<float>());
    }

    [Fact]
    public void IsAPrimitiveInJaxprsAndIdentityOtherwise()
    {
        var jaxpr = Jax.MakeJaxpr(TimesStopped)(Jnp.Array(Xs)).ToString();
        Assert.Contains("stop_gradient", jaxpr);
        Assert.Equal([1f, 4f, 9f], Jax.Jit(TimesStopped)(Jnp.Array(Xs)).ToArray<float>());
        // Lowered to nothing, so a jitted function's result can be its stopped argument itself.
        Assert.Equal(Xs, Jax.Jit(Jax.Lax.StopGradient)(Jnp.Array(Xs)).ToArray<float>());
        var concrete = Jnp.Array(Xs);
        Assert.Same(concrete, Jax.Lax.StopGradient(concrete));
        // Integers have no tangent space: nothing to stop, so nothing is recorded.
        var ints = Jax.MakeJaxpr(i => Jax.Lax.StopGradient(i) + 1)(Jnp.Array(new[] { 1, 2 })).ToString();
        Assert.DoesNotContain("stop_gradient", ints);
    }

    [Fact]
    public void SoftmaxFamilyGradientsHaveNoMaxReduction()
    {
        // The stabilising max cancels; differentiating it would add tie counting to every backward pass.
        // A tie for the maximum in the first row: the max is not differentiable there, the softmax family is.
        var x = Jnp.FromHost<double>([1, 3, 3, 0, -1, 2], [2, 3], DType.Float64);
        Func<NDArray, NDArray>[] losses =
        [
            v => Jnp.Sum(Jax.Nn.LogSoftmax(v) * v),
            v => Jnp.Sum(Jax.Nn.Softmax(v) * v),
            v => Jnp.Sum(Jax.Nn.Logsumexp(v) * Jnp.FromHost<double>([1, 2], [2], DType.Float64)),
        ];
        foreach (var loss in losses)
        {
            var eqns = Jax.Jit(Jax.Grad(loss)).Lower(x).Jaxpr.Jaxpr.Eqns;
            Assert.Single(eqns, e => e.Primitive.Name == "reduce_max");
            // max's own derivative splits the cotangent among the tied maxima, found by comparing with eq (its JVP
            // still computes them while tracing; what is lowered, after dead-code elimination, must not).
            Assert.DoesNotContain(eqns, e => e.Primitive.Name == "eq");
            GradCheck.Check(loss, x);
        }
    }
}
