using JaxNet.Runtime;

namespace JaxNet.Tests.Runtime;

public class JitTests
{
    [Fact]
    public void CacheHitsTraceNothing()
    {
        var f = Jax.Jit(x => Jnp.Sin(x) * 2f);
        var a = Jnp.Array(new float[] { 0, 1 });
        var first = f(a).ToArray<float>();
        for (var i = 0; i < 5; i++) f(Jnp.Array(new float[] { 0, 1 }));
        Assert.Equal(1, f.JitInfo().TraceCount);
        Assert.Equal(2 * MathF.Sin(1), first[1], 5);
        Assert.Null(f.JitInfo().LastRetraceReason);
    }

    [Fact]
    public void RetraceSaysWhatChanged()
    {
        var f = Jax.Jit((x, y) => x + y);
        f(Jnp.Ones([3]), Jnp.Ones([3]));
        f(Jnp.Ones([4]), Jnp.Ones([4]));
        Assert.Equal(2, f.JitInfo().TraceCount);
        Assert.Equal("argument 0 changed shape from f32[3] to f32[4]; argument 1 changed shape from f32[3] to f32[4]", f.JitInfo().LastRetraceReason);
        f(Jnp.Ones([4], DType.Float64), Jnp.Ones([4]));
        Assert.Equal("argument 0 changed dtype from float32 to float64", f.JitInfo().LastRetraceReason);
        Assert.Contains(RuntimeLog.RecentLines(), l => l.Contains("retracing") && l.Contains("changed dtype"));
        f(Jnp.Ones([3]), Jnp.Ones([3]));
        Assert.Equal(3, f.JitInfo().TraceCount);
    }

    [Fact]
    public void FusedSumOfProductsIsOneKernelAndAccurate()
    {
        const int n = 10_000_000;
        var rng = new Random(1);
        var xs = new float[n];
        var ys = new float[n];
        var zs = new float[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = (float)rng.NextDouble();
            ys[i] = (float)rng.NextDouble();
            zs[i] = (float)rng.NextDouble();
        }
        var (x, y, z) = (Jnp.Array(xs), Jnp.Array(ys), Jnp.Array(zs));
        var f = Jax.Jit((a, b, c) => Jnp.Sum(a + b * c));
        var compiled = f.Lower(x, y, z).Compile();
        Assert.Single(compiled.Kernels);
        double reference = 0;
        for (var i = 0; i < n; i++) reference += xs[i] + (double)ys[i] * zs[i];
        var result = (double)(float)f(x, y, z);
        Assert.True(Math.Abs(result - reference) / reference < 1e-5, $"{result} vs {reference}");
    }

    [Fact]
    public void MlpForwardRunsInAtMostFourKernels()
    {
        var rng = new Random(2);
        NDArray Rand(params int[] shape) => Jnp.FromHost<float>(
            Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray(), shape);
        var (w1, b1, w2, b2) = (Rand(64, 32), Rand(32), Rand(32, 10), Rand(10));
        NDArray Mlp(NDArray x)
        {
            var h = Jax.Nn.Relu(Jnp.Dot(x, w1) + b1);
            var o = Jax.Nn.Relu(Jnp.Dot(h, w2) + b2);
            return Jax.Nn.LogSoftmax(o);
        }
        var input = Rand(8, 64);
        var f = Jax.Jit(Mlp);
        var compiled = f.Lower(input).Compile();
        Assert.True(compiled.Kernels.Count <= 4, compiled.AsText());
        var eager = Mlp(input).ToArray<float>();
        var jitted = f(input).ToArray<float>();
        for (var i = 0; i < eager.Length; i++) Assert.Equal(eager[i], jitted[i], 4);
    }

    [Fact]
    public void LoweredAndCompiledDescribeThemselves()
    {
        var f = Jax.Jit(x => Jnp.Exp(x) + 1f);
        var low = f.Lower(Jnp.Ones([4]));
        Assert.Contains("elementwise", low.AsText());
        var compiled = low.Compile();
        Assert.Single(compiled.Kernels);
        Assert.Contains("exp", compiled.Kernels[0].Ops);
        var cost = compiled.CostAnalysis();
        Assert.Equal(4, cost.Flops);
        Assert.Equal(4, cost.Transcendentals);
        Assert.Equal(32, cost.BytesAccessed);
    }

    [Fact]
    public void SimplificationRemovesDeadAndDuplicateWorkAndFoldsConstants()
    {
        var f = Jax.Jit(x =>
        {
            _ = Jnp.Cos(x);
            var c = Jnp.Array(2f) * 3f;
            return Jnp.Sin(x) + Jnp.Sin(x) * c;
        });
        var low = f.Lower(Jnp.Ones([3]));
        var text = low.Jaxpr.ToString();
        Assert.DoesNotContain("cos", text);
        Assert.Single(low.Jaxpr.Jaxpr.Eqns, e => e.Primitive.Name == "sin");
        Assert.Contains("6.0:f32[]", text);
        Assert.Equal(7 * MathF.Sin(1), f(Jnp.Ones([3])).ToArray<float>()[0], 5);
    }
}
