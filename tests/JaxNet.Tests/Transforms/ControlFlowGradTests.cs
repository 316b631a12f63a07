using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// Autodiff through control flow: JVP and reverse mode (linearize + transpose) of cond, switch, scan, fori_loop with
/// static bounds and map, checked against finite differences; forward mode through while_loop and JAX's error for
/// reverse mode through it.
/// </summary>
public class ControlFlowGradTests
{
    private static NDArray D(int[] shape, int seed = 0)
    {
        var rng = new Random(seed);
        var size = shape.Aggregate(1, (a, b) => a * b);
        return Jnp.FromHost<double>(Enumerable.Range(0, size).Select(_ => rng.NextDouble() * 2 - 1).ToArray(), shape, DType.Float64);
    }

    private static NDArray D(params double[] v) => Jnp.FromHost<double>(v, [v.Length], DType.Float64);

    /// <summary>An RNN over the rows of xs: h' = tanh(W h + U x), y = sum(h'^2); returns the final h and the ys.</summary>
    private static NDArray Rnn(NDArray w, NDArray u, NDArray h0, NDArray xs) => Rnn(w, u, h0, xs, Jnp.Arange(1.0, 5.0, 1.0, DType.Float64));

    private static NDArray Rnn(NDArray w, NDArray u, NDArray h0, NDArray xs, NDArray weights)
    {
        var (h, ys) = Lax.Scan((c, x) =>
        {
            var next = Jnp.Tanh(Jnp.Matmul(w, c[0]) + Jnp.Matmul(u, x[0]));
            return ([next], [Jnp.Sum(next * next)]);
        }, [h0], [xs]);
        return Jnp.Sum(h[0] * 1.5) + Jnp.Sum(ys[0] * weights);
    }

    [Fact]
    public void CondGradientsMatchFiniteDifferencesOnBothBranches()
    {
        NDArray[] F(NDArray[] a) => Lax.Cond(Jnp.Sum(a[0]) > 0, o => [Jnp.Sin(o[0]) * o[1]], o => [Jnp.Exp(o[0]) + o[1] * o[1]], [a[0], a[1]]);
        GradCheck.Check(F, [D(0.5, 0.3), D(0.2, -0.7)]);
        GradCheck.Check(F, [D(-0.5, 0.1), D(0.2, -0.7)]);
        var g = Jax.Grad(x => Lax.Cond(x > 0, v => v * v, v => -v * 3.0, x));
        Assert.Equal(4.0, g(Jnp.Array(2.0)).ToArray<double>()[0], 12);
        Assert.Equal(-3.0, g(Jnp.Array(-2.0)).ToArray<double>()[0], 12);
    }

    [Fact]
    public void ScanRnnGradientsMatchFiniteDifferences()
    {
        NDArray[] F(NDArray[] a) => [Rnn(a[0], a[1], a[2], a[3])];
        GradCheck.Check(F, [D([3, 3], 1) * 0.5, D([3, 2], 2), D([3], 3), D([4, 2], 4)]);
    }

    [Fact]
    public void ForiLoopWithStaticBoundsIsReverseDifferentiable()
    {
        NDArray F(NDArray x) => Lax.ForiLoop(0, 5, (i, c) => Jnp.Sin(c) * Lax.ConvertElementType(i + 1, DType.Float64) * 0.5 + c, x);
        GradCheck.Check(F, D(0.3, -0.8, 1.1));
    }

    [Fact]
    public void Float32LoopsWithWeaklyTypedLiteralsKeepTheirTypesUnderGrad()
    {
        NDArray F(NDArray x) => Lax.ForiLoop(0, 3, (i, c) => c * 0.5f + Jnp.Sin(c) * 2, x) + Lax.Cond(x > 0f, v => v * 3f, v => v, x);
        var x = Jnp.Array(0.3f);
        var g = Jax.Grad(F)(x);
        Assert.Equal(DType.Float32, g.DType);
        Assert.Equal(g.ToArray<float>()[0], Jax.Jit(Jax.Grad(F))(x).ToArray<float>()[0], 5);
        GradCheck.Check(F, x, order: 1);
    }

    [Fact]
    public void SwitchGradientsMatchFiniteDifferencesOnEveryBranchAndClampedIndices()
    {
        foreach (var k in new[] { -1, 0, 1, 2, 7 })
        {
            NDArray[] F(NDArray[] a) => Lax.Switch(Jnp.Array(k), [o => [Jnp.Sin(o[0]) * o[1]], o => [o[0] * o[0] * o[1]], o => [Jnp.Exp(o[1])]],
                [a[0], a[1]]);
            GradCheck.Check(F, [D(0.5, -0.3), D(0.2, 0.7)]);
        }
        // Under Jit the index is a traced value: the cond stays a cond and is still differentiable.
        var g = Jax.Jit(Jax.Grad((i, x) => Jnp.Sum(Lax.Switch(i, [v => Jnp.Sin(v), v => v * v, v => v * 3.0], x)), argnums: 1));
        var x = D(0.5, -0.3);
        Assert.Equal(Jnp.Cos(x).ToArray<double>(), g(Jnp.Array(0), x).ToArray<double>());
        Assert.Equal((x * 2.0).ToArray<double>(), g(Jnp.Array(1), x).ToArray<double>());
        Assert.Equal([3.0, 3.0], g(Jnp.Array(5), x).ToArray<double>());
    }

    [Fact]
    public void ReverseScanAndMapGradientsMatchFiniteDifferences()
    {
        NDArray[] Reversed(NDArray[] a)
        {
            var (c, ys) = Lax.Scan((c, x) => ([c[0] * Jnp.Cos(x[0]) + x[1]], [c[0] * x[1]]), [a[0]], [a[1], a[2]], reverse: true);
            return [c[0], ys[0]];
        }
        GradCheck.Check(Reversed, [D(0.4, -0.2), D([5, 2], 1), D([5, 2], 2)]);
        GradCheck.Check(a => Lax.Map(x => [Jnp.Sin(x[0]) * x[1], Jnp.Sum(x[0] * x[1])], [a[0], a[1]]), [D([4, 3], 1), D([4, 3], 2)]);
    }

    [Fact]
    public void NestedControlFlowIsDifferentiable()
    {
        // A cond inside a scan body, and a scan inside a cond branch.
        NDArray[] F(NDArray[] a)
        {
            var (c, _) = Lax.Scan((NDArray[] c, NDArray[] x) => ([Lax.Cond(x[0] > 0, v => Jnp.Sin(v) * x[0], v => v * v + x[0], c[0])], NoYs), [a[0]], [a[1]]);
            var inner = Lax.Cond(Jnp.Sum(a[0]) > 0, (NDArray[] o) => [Lax.Scan((NDArray[] h, NDArray[] x) => ([h[0] * x[0]], NoYs), [o[0]], [o[1]]).Carry[0]], (NDArray[] o) => [o[0]], [c[0], a[1]]);
            return inner;
        }
        GradCheck.Check(F, [D(0.4, 0.3), D(0.5, -0.6, 0.9, -0.2)]);
    }

    [Fact]
    public void JitOfGradOfAScanKeepsTheLoopALoop()
    {
        var (w, u, h0) = (D([3, 3], 1) * 0.5, D([3, 2], 2), D([3], 3));
        var kernels = new List<int>();
        foreach (var length in new[] { 4, 40 })
        {
            var xs = D([length, 2], 4);
            NDArray F(NDArray wv) => Rnn(wv, u, h0, xs, Jnp.Ones([length], DType.Float64));
            var jitted = Jax.Jit(Jax.Grad(F));
            AssertClose(Jax.Grad(F)(w), jitted(w));
            var compiled = jitted.Lower(w).Compile();
            var text = compiled.AsText();
            // The forward scan (which stacks the residuals) and the transposed scan, run backwards.
            Assert.Equal(2, text.Split('\n').Count(l => l.TrimStart().StartsWith("scan length=" + length)));
            Assert.Contains("reverse=True", text);
            kernels.Add(compiled.Kernels.Count);
        }
        // The loop is not unrolled: ten times the length compiles the same kernels.
        Assert.Equal(kernels[0], kernels[1]);
        Assert.True(kernels[0] <= 64, $"{kernels[0]} kernels");
    }

    [Fact]
    public void ScanReverseModeStacksOnlyResidualsThatChangePerStep()
    {
        // d c' = dc * sin(a) + x * dc needs sin(a), computed from a captured constant (loop-invariant: computed once),
        // and x, a scanned input (passed as it is): the forward scan stacks nothing.
        var a = D([3], 5);
        var xs = D([50, 3], 6);
        NDArray F(NDArray c0) => Jnp.Sum(Lax.Scan((NDArray[] c, NDArray[] x) => ([c[0] * Jnp.Sin(a) + x[0] * c[0]], NoYs), [c0], [xs]).Carry[0]);
        var c0 = D([3], 7);
        var scans = Jax.MakeJaxpr(Jax.Grad(F))(c0).Jaxpr.Eqns.Where(e => e.Primitive.Name == "scan").ToArray();
        Assert.Equal(2, scans.Length);
        Assert.All(scans[0].Outputs, o => Assert.Equal([3], o.Aval.Shape));
        Assert.True(scans[1].Params.Get<bool>("reverse"));
        GradCheck.Check(F, c0);
    }

    [Fact]
    public void VmapOfGradOfAScanGivesPerExampleGradients()
    {
        var w = D([3, 3], 1) * 0.5;
        var u = D([3, 2], 2);
        var xs = D([5, 4, 2], 4);
        var h0 = D([3], 3);
        NDArray G(NDArray x) => Jax.Grad(wv => Rnn(wv, u, h0, x))(w);
        var batched = Jax.Vmap(G)(xs);
        Assert.Equal([5, 3, 3], batched.Shape);
        for (var b = 0; b < 5; b++) AssertClose(G(xs[b]), batched[b]);
    }

    [Fact]
    public void JvpThroughWhileLoopMatchesTheDerivative()
    {
        // x is squared while every element is below 100: 2.5 -> 6.25 -> 39.1 -> 1526 stops the loop after 3 steps, so
        // y = x^8 and its derivative is 8 x^7.
        NDArray F(NDArray x) => Lax.WhileLoop(c => Jnp.All(c < 100.0), c => c * c, x);
        var x = D(1.5, 2.5);
        var (y, t) = Jax.Jvp(F, [x], [Jnp.OnesLike(x)]);
        var expected = x.ToArray<double>().Select(v => 8 * Math.Pow(v, 7)).ToArray();
        var actual = t.ToArray<double>();
        for (var i = 0; i < 2; i++) Assert.Equal(expected[i], actual[i], expected[i] * 1e-12);
        Assert.Equal(x.ToArray<double>().Select(v => Math.Pow(v, 8)).ToArray(), y.ToArray<double>());
        GradCheck.Check(F, x, order: 1, modes: GradCheck.Modes.Fwd);
        // Under Vmap each element stops where its own loop would: 1.5 takes 4 squarings alone, 2.5 takes 3.
        var perElement = Jax.Vmap((NDArray v) => Jax.Jvp(F, [v], [Jnp.OnesLike(v)]).Tangent)(x);
        AssertClose(D(16 * Math.Pow(1.5, 15), 8 * Math.Pow(2.5, 7)), perElement);
        // Forward over a dynamic-bound fori_loop under Jit.
        var jvp = Jax.Jit((NDArray v) => Jax.Jvp(z => Lax.ForiLoop(Jnp.Array(0), Jnp.Array(3), (i, c) => Jnp.Sin(c), z), [v], [Jnp.OnesLike(v)]).Tangent);
        var s = x.ToArray<double>().Select(v => Math.Cos(v) * Math.Cos(Math.Sin(v)) * Math.Cos(Math.Sin(Math.Sin(v)))).ToArray();
        AssertClose(D(s), jvp(x));
    }

    [Fact]
    public void GradThroughWhileLoopIsJaxsError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Jax.Grad(x => Lax.WhileLoop(c => c < 10.0, c => c * 2.0, x))(Jnp.Array(1.0)));
        Assert.StartsWith("Reverse-mode differentiation does not work for lax.while_loop", e.Message);
        Assert.Contains("lax.scan", e.Message);
        var f = Assert.Throws<InvalidOperationException>(() =>
            Jax.Grad(x => Lax.ForiLoop(Jnp.Array(0), Jnp.Array(3), (i, c) => c * c, x))(Jnp.Array(1.0)));
        Assert.Equal(e.Message, f.Message);
        // Linearize works forward (the known carries run now, the tangent loop is staged), as in JAX.
        var (y, linear) = Jax.Linearize(x => Lax.WhileLoop(c => c[0] < 3, c => [c[0] + 1, Jnp.Sin(c[1])], [Jnp.Array(0), x])[1], D(0.7));
        Assert.Equal(Math.Sin(Math.Sin(Math.Sin(0.7))), y.ToArray<double>()[0], 14);
        var slope = Math.Cos(0.7) * Math.Cos(Math.Sin(0.7)) * Math.Cos(Math.Sin(Math.Sin(0.7)));
        Assert.Equal(2 * slope, linear(D(2.0)).ToArray<double>()[0], 14);
        // A while loop that does not depend on the differentiated input is fine.
        var g = Jax.Grad(x => x * Lax.WhileLoop(c => c < 10.0, c => c * 2.0, Jnp.Array(1.0)))(Jnp.Array(3.0));
        Assert.Equal(16.0, g.ToArray<double>()[0]);
    }

    private static readonly NDArray[] NoYs = [];

    private static void AssertClose(NDArray expected, NDArray actual, double tol = 1e-10)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray<double>(), actual.ToArray<double>());
        for (var i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= tol * (1 + Math.Abs(e[i])), $"element {i}: {e[i]} vs {a[i]}");
    }
}
