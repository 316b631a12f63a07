using JaxNet.Core;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// Custom-derivative functions staged into jaxprs (loop bodies, branches, Jit) keep their rules: differentiating the
/// jaxpr later applies them, as JAX's custom_jvp_call and custom_vjp_call do. The rules here differ from the
/// functions' own derivatives, so differentiating the function as written shows.
/// </summary>
public class CustomCallTests
{
    // sin, whose rule says its derivative is 2.
    private static readonly Func<NDArray, NDArray> SinWithRule = Jax.CustomJvp(x => Jnp.Sin(x), (x, t) => (Jnp.Sin(x), t * 2f));

    // sin, whose backward pass says its derivative is 3.
    private static readonly Func<NDArray, NDArray> SinWithBackward =
        Jax.CustomVjp(x => Jnp.Sin(x), x => (Jnp.Sin(x), []), (_, ct) => ct * 3f);

    private static NDArray SumThroughScan(Func<NDArray, NDArray> f, NDArray xs) =>
        Jax.Lax.Scan((c, x) => (c + f(x), c), Jnp.Zeros(xs.Shape[1..]), xs).Carry;

    [Fact]
    public void GradOfAScanUsesTheRuleOfAFunctionInItsBody()
    {
        var xs = Jnp.Array(new[,] { { 0.5f, 1f }, { 2f, 3f } });
        Assert.Equal([4f, 4f], Jax.Grad(x => Jnp.Sum(SumThroughScan(SinWithRule, Jnp.Stack([x, x]))))(xs[0]).ToArray<float>());
        // Relu's rule: 0 at the kink (max's own derivative there is 1/2).
        Assert.Equal([0f, 0f, 0f], Jax.Grad(x => Jnp.Sum(SumThroughScan(Jax.Nn.Relu, x)))(Jnp.Zeros([2, 3])).ToArray<float>()[..3]);
    }

    [Fact]
    public void UnderJitAndVmapAndInABranch()
    {
        var xs = Jnp.Array(new[] { 0.5f, 1f, 2f });
        Func<NDArray, NDArray> scanned = x => Jnp.Sum(SumThroughScan(SinWithRule, Jnp.Stack([x, x])));
        Assert.Equal([4f, 4f, 4f], Jax.Jit(Jax.Grad(scanned))(xs).ToArray<float>());
        Assert.Equal(Enumerable.Repeat(4f, 6).ToArray(), Jax.Vmap(Jax.Grad(scanned))(Jnp.Stack([xs, xs])).ToArray<float>());
        Assert.Equal(Enumerable.Repeat(4f, 6).ToArray(),
            Jax.Grad(x => Jnp.Sum(Jax.Vmap(scanned)(x)))(Jnp.Stack([xs, xs])).ToArray<float>());
        Func<NDArray, NDArray> branch = x => Jax.Lax.Cond(Jnp.Sum(x) > 0f, v => SinWithRule(v), v => v, x);
        Assert.Equal([2f, 2f, 2f], Jax.Grad(x => Jnp.Sum(branch(x)))(xs).ToArray<float>());
    }

    [Fact]
    public void ClosedOverValuesAreInputsOfTheCall()
    {
        var w = Jnp.Array(new[] { 1f, 2f, 3f });
        Func<NDArray, NDArray> scaled = Jax.CustomJvp(v => v * w, (v, t) => (v * w, t * w * 10f));
        var g = Jax.Grad(x => Jnp.Sum(SumThroughScan(scaled, Jnp.Stack([x, x]))))(Jnp.Ones([3]));
        Assert.Equal([20f, 40f, 60f], g.ToArray<float>());
    }

    [Fact]
    public void StagedAsACallAndLoweredInline()
    {
        var x = Jnp.Array(new[] { -1f, 2f });
        var jaxpr = Jax.MakeJaxpr((NDArray v) => Jax.Nn.Relu(v) * 2f)(x).ToString();
        Assert.Contains("custom_jvp_call", jaxpr);
        var jitted = Jax.Jit((NDArray v) => Jax.Nn.Relu(v) * 2f);
        var lowered = jitted.Lower(x);
        Assert.DoesNotContain(lowered.Jaxpr.Jaxpr.Eqns, e => e.Primitive.Name == "custom_jvp_call");
        Assert.Single(lowered.Module.Kernels);
        Assert.Equal([0f, 4f], jitted(x).ToArray<float>());
    }

    [Fact]
    public void EvaluatedEagerlyWhereItStands()
    {
        // A jaxpr holding the call, run equation by equation outside any trace: the call lowers on its own.
        var x = Jnp.Array(new[] { -1f, 0.5f });
        var closed = Tracing.ToJaxpr(a => [SinWithRule(a[0]) + Jax.Nn.Relu(a[0])], [x.Aval], "make_jaxpr", "test");
        Assert.Contains(closed.Jaxpr.Eqns, e => e.Primitive.Name == "custom_jvp_call");
        var result = JaxprEval.Eval(closed, [x])[0].ToArray<float>();
        // The backend's float32 sin is within 1.55 ulp, not correctly rounded as MathF.Sin is.
        Assert.Equal([MathF.Sin(-1f), MathF.Sin(0.5f) + 0.5f], result, new FloatTolerance(2e-7f));
    }

    [Fact]
    public void CustomVjpInALoopBodyKeepsItsBackward()
    {
        var xs = Jnp.Array(new[] { 0.5f, 1f, 2f });
        Func<NDArray, NDArray> scanned = x => Jnp.Sum(SumThroughScan(SinWithBackward, Jnp.Stack([x, x])));
        Assert.Equal([6f, 6f, 6f], Jax.Grad(scanned)(xs).ToArray<float>());
        Assert.Equal([6f, 6f, 6f], Jax.Jit(Jax.Grad(scanned))(xs).ToArray<float>());
        Assert.Equal(Enumerable.Repeat(6f, 6).ToArray(), Jax.Grad(x => Jnp.Sum(Jax.Vmap(scanned)(x)))(Jnp.Stack([xs, xs])).ToArray<float>());
        Assert.Contains("custom_vjp_call", Jax.MakeJaxpr(SinWithBackward)(xs).ToString());
        // Forward mode of a custom VJP still fails, staged or not, as in JAX.
        var e = Assert.ThrowsAny<Exception>(() => Jax.Jvp(scanned, [xs], [Jnp.OnesLike(xs)]));
        Assert.Contains("custom_vjp function", e.Message);
    }

    [Fact]
    public void CheckpointInALoopBodyGivesTheSameGradient()
    {
        Func<NDArray, NDArray> layer = x => Jnp.Sin(Jnp.Sin(x));
        var xs = Jnp.Array(new[] { 0.5f, 1f, 2f });
        var plain = Jax.Grad(x => Jnp.Sum(SumThroughScan(layer, Jnp.Stack([x, x]))))(xs).ToArray<float>();
        var remat = Jax.Grad(x => Jnp.Sum(SumThroughScan(Jax.Checkpoint(layer), Jnp.Stack([x, x]))))(xs).ToArray<float>();
        Assert.Equal(plain, remat);
    }

    [Fact]
    public void ADecompositionWithAWhileLoopIsDifferentiableInsideAScan()
    {
        // EigvalsH iterates in a while loop, which reverse mode cannot differentiate; in a scan body it is staged as
        // a custom call, so grad applies its rule: d/dm of sum(eig(k m)) over k = 1, 2 is 3 I.
        var a = Jnp.FromHost<double>([4, 1, 1, 3], [2, 2], DType.Float64);
        var g = Jax.Grad((NDArray m) => Jax.Lax.Scan((c, k) => (c + Jnp.Sum(Jax.Scipy.Linalg.EigvalsH(m * k)), c),
            Jnp.Zeros([], DType.Float64), Jnp.FromHost<double>([1, 2], [2], DType.Float64)).Carry)(a).ToArray<double>();
        Assert.Equal([3.0, 0.0, 0.0, 3.0], g.Select(v => Math.Round(v, 9)).ToArray());
    }
}
