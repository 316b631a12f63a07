using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Transforms;

public class VmapTests
{
    private static NDArray Random(Random rng, params int[] shape) => Jnp.FromHost<float>(
        Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray(), shape);

    private static void AssertClose(NDArray expected, NDArray actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray<float>(), actual.ToArray<float>());
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * (1 + Math.Abs(e[i])), $"element {i}: expected {e[i]}, got {a[i]}");
    }

    // The seed's example: a hidden layer written for one example.
    private static (NDArray W, NDArray B, Func<NDArray, NDArray> Layer) HiddenLayer(int seed)
    {
        var rng = new Random(seed);
        var (w, b) = (Random(rng, 128, 128), Random(rng, 128));
        return (w, b, x => Jax.Nn.Relu(Jnp.Dot(w, x) + b));
    }

    [Fact]
    public void HiddenLayerVmappedOverABatchEqualsTheExplicitlyBatchedComputation()
    {
        var (w, b, layer) = HiddenLayer(1);
        var xs = Random(new Random(2), 32, 128);
        var batched = Jax.Vmap(layer)(xs);
        Assert.Equal([32, 128], batched.Shape);
        AssertClose(Jax.Nn.Relu(Jnp.Dot(xs, w.T) + b), batched, 1e-4f);
    }

    [Fact]
    public void JitOfVmappedHiddenLayerIsOneDotGeneral()
    {
        var (_, _, layer) = HiddenLayer(3);
        var xs = Random(new Random(4), 32, 128);
        var vmapped = Jax.Vmap(layer);
        var jaxpr = Jax.MakeJaxpr(vmapped)(xs).ToString();
        Assert.Single(jaxpr.Split('\n'), line => line.Contains("dot_general"));
        var jitted = Jax.Jit(vmapped);
        var compiled = jitted.Lower(xs).Compile();
        Assert.Single(compiled.Kernels, k => k.Kind == KernelKind.Contraction);
        Assert.True(compiled.Kernels.Count == 1, compiled.AsText());
        AssertClose(vmapped(xs), jitted(xs), 1e-4f);
    }

    [Fact]
    public void PerArgumentInAxesAndNegativeAxes()
    {
        var rng = new Random(5);
        var (w, xs) = (Random(rng, 4, 6), Random(rng, 6, 3));
        // x is mapped along its last axis (-1), w is shared.
        var f = Jax.Vmap((NDArray m, NDArray v) => Jnp.Dot(m, v), inAxes: [null, -1], outAxes: -1);
        var result = f(w, xs);
        Assert.Equal([4, 3], result.Shape);
        AssertClose(Jnp.Dot(w, xs), result, 1e-5f);
    }

    [Fact]
    public void IntInAxesAppliesToEveryArgument()
    {
        var rng = new Random(6);
        var (x, y) = (Random(rng, 3, 5), Random(rng, 3, 5));
        // Both arguments mapped along axis 1: 5 elements of shape [3], stacked along axis 0.
        var result = Jax.Vmap((NDArray a, NDArray c) => a * c, inAxes: 1)(x, y);
        Assert.Equal([5, 3], result.Shape);
        AssertClose(Jnp.Transpose(x * y), result, 1e-6f);
    }

    [Fact]
    public void NestedVmapIsAnOuterProductOfMaps()
    {
        var rng = new Random(7);
        var (xs, ys) = (Random(rng, 3, 5), Random(rng, 4, 5));
        // dot(x, y) for every pair: the inner vmap maps y, the outer maps x.
        Func<NDArray, NDArray, NDArray> dot = (x, y) => Jnp.Sum(x * y);
        var pairwise = Jax.Vmap(Jax.Vmap(dot, inAxes: [null, 0]), inAxes: [0, null]);
        var result = pairwise(xs, ys);
        Assert.Equal([3, 4], result.Shape);
        AssertClose(Jnp.Dot(xs, ys.T), result, 1e-5f);
    }

    [Fact]
    public void VmapOfVmapOverTwoAxesOfOneArgument()
    {
        var x = Random(new Random(8), 2, 3, 4);
        var f = Jax.Vmap(Jax.Vmap((Func<NDArray, NDArray>)(v => Jnp.Sum(v * v)), inAxes: 1), inAxes: 0, outAxes: 1);
        var result = f(x);
        // Outer elements are x[i] (3x4), inner elements their columns x[i, :, j]; each sums to one number.
        Assert.Equal([4, 2], result.Shape);
        AssertClose(Jnp.Transpose(Jnp.Sum(x * x, axis: 1)), result, 1e-5f);
    }

    [Fact]
    public void JitOfVmapEqualsVmapAndVmapOfJitEqualsVmap()
    {
        var rng = new Random(9);
        var (a, x) = (Random(rng, 6, 4), Random(rng, 5, 4));
        Func<NDArray, NDArray, NDArray> f = (m, v) => Jnp.Tanh(Jnp.Dot(m, v)) * 2f + Jnp.Max(v);
        var vmapped = Jax.Vmap(f, inAxes: [null, 0]);
        var eager = vmapped(a, x);
        AssertClose(eager, Jax.Jit(vmapped)(a, x), 1e-5f);
        AssertClose(eager, Jax.Vmap(Jax.Jit(f), inAxes: [null, 0])(a, x), 1e-5f);
    }

    [Fact]
    public void ResultsThatIgnoreTheBatchAreBroadcast()
    {
        var c = Jnp.Array(new float[] { 1, 2 });
        var result = Jax.Vmap((Func<NDArray, NDArray>)(_ => c * 3f), outAxes: 1)(Jnp.Zeros([4, 7]));
        Assert.Equal([2, 4], result.Shape);
        Assert.Equal([3f, 3, 3, 3, 6, 6, 6, 6], result.ToArray<float>());
    }

    [Fact]
    public void SeveralResultsWithTheirOwnOutAxes()
    {
        var x = Random(new Random(10), 3, 4);
        var f = Jax.Vmap(a => [Jnp.Sum(a[0]), a[0] * 2f], inAxes: [1], outAxes: [0, 0]);
        var outs = f([x]);
        AssertClose(Jnp.Sum(x, axis: 0), outs[0], 1e-5f);
        AssertClose(Jnp.Transpose(x * 2f), outs[1], 1e-6f);
    }

    [Fact]
    public void InconsistentBatchSizesNameTheArgumentsAndSizes()
    {
        var f = Jax.Vmap((NDArray x, NDArray y) => x + y);
        var e = Assert.Throws<ShapeException>(() => f(Jnp.Zeros([32, 3]), Jnp.Zeros([16, 3])));
        Assert.Contains("inconsistent sizes", e.Message);
        Assert.Contains("argument x of type f32[32,3] has size 32 along axis 0", e.Message);
        Assert.Contains("argument y of type f32[16,3] has size 16 along axis 0", e.Message);
    }

    [Fact]
    public void AllInAxesNullIsAnError()
    {
        var f = Jax.Vmap((NDArray x, NDArray y) => x + y, inAxes: [null, null]);
        var e = Assert.Throws<ArgumentException>(() => f(Jnp.Zeros([3]), Jnp.Zeros([3])));
        Assert.Contains("at least one non-null value in in_axes", e.Message);
        Assert.Throws<ArgumentException>(() => Jax.Vmap(Jnp.Sin, inAxes: null)(Jnp.Zeros([3])));
    }

    [Fact]
    public void AxisOutOfRangeAndWrongAxisCountAreErrors()
    {
        var e = Assert.Throws<ShapeException>(() => Jax.Vmap(Jnp.Sin, inAxes: 2)(Jnp.Zeros([3, 4])));
        Assert.Contains("along axis 2", e.Message);
        Assert.Contains("f32[3,4]", e.Message);
        Assert.Throws<ArgumentException>(() => Jax.Vmap((NDArray x, NDArray y) => x + y, inAxes: [0])(Jnp.Zeros([3]), Jnp.Zeros([3])));
    }

    [Fact]
    public void LeakedBatchTracerIsReported()
    {
        NDArray? leaked = null;
        Jax.Vmap((Func<NDArray, NDArray>)(x =>
        {
            leaked = x;
            return x;
        }))(Jnp.Zeros([2]));
        Assert.Throws<UnexpectedTracerError>(() => Jnp.Sin(leaked!));
    }
}
