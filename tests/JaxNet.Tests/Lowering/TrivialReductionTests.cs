using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// A reduction over unit axes only combines nothing; the simplifier makes it a reshape, so it launches no kernel of
/// its own. Each case checks the kernel list and the values against the eager (kernel-per-op) result.
/// </summary>
public class TrivialReductionTests
{
    private static NDArray Values(params int[] shape)
    {
        var rng = new Random(shape.Sum());
        var count = shape.Aggregate(1, (a, b) => a * b);
        return Jnp.Array(Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).Reshape(shape);
    }

    private static int Reductions(KernelModule module) => module.Kernels.Count(k => k is ReductionKernel);

    [Fact]
    public void SumMaxMinProdOverAUnitAxisLaunchNoReduction()
    {
        var x = Values(3, 1, 5);
        foreach (var reduce in new Func<NDArray, NDArray>[]
                 { a => Jnp.Sum(a, axis: 1), a => Jnp.Max(a, axis: 1), a => Jnp.Min(a, axis: 1), a => Jnp.Prod(a, axis: 1) })
        {
            var f = Jax.Jit((NDArray a) => reduce(a) * 2f);
            Assert.Equal(0, Reductions(f.Lower(x).Module));
            Assert.Equal(new[] { 3, 5 }, f(x).Shape);
            Assert.Equal((x.Reshape(3, 5) * 2f).ToArray<float>(), f(x).ToArray<float>());
        }
    }

    [Fact]
    public void AReductionThatCombinesElementsStays()
    {
        // Axis 1 has one element, axis 2 has five: the sum over both combines, so it is still a reduction.
        var x = Values(3, 1, 5);
        var f = Jax.Jit((NDArray a) => Jnp.Sum(a, axes: [1, 2]));
        Assert.Equal(1, Reductions(f.Lower(x).Module));
        var expected = x.Reshape(3, 5).ToArray<float>().Chunk(5).Select(r => r.Sum()).ToArray();
        var actual = f(x).ToArray<float>();
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void NaNAndInfinityPassThrough()
    {
        var x = Jnp.Array(new float[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 2 }).Reshape(4, 1);
        var max = Jax.Jit((NDArray a) => Jnp.Max(a, axis: 1));
        var sum = Jax.Jit((NDArray a) => Jnp.Sum(a, axis: -1));
        Assert.Equal(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 2 }, max(x).ToArray<float>());
        Assert.Equal(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 2 }, sum(x).ToArray<float>());
    }

    [Fact]
    public void ArgmaxOverAUnitAxisIsStillAnIndex()
    {
        var x = Values(4, 1);
        var f = Jax.Jit((NDArray a) => Jnp.Argmax(a, axis: 1));
        Assert.Equal(new[] { 0, 0, 0, 0 }, f(x).Astype(DType.Int32).ToArray<int>());
    }

    [Fact]
    public void IntegerBoolAndEmptyOperands()
    {
        var ints = Jnp.Array(new[] { 7, -3, int.MaxValue }).Reshape(1, 3);
        Assert.Equal(new[] { 7, -3, int.MaxValue }, Jax.Jit((NDArray a) => Jnp.Sum(a, axis: 0))(ints).ToArray<int>());
        var flags = Jnp.Array(new[] { true, false }).Reshape(2, 1);
        Assert.Equal(new[] { true, false }, Jax.Jit((NDArray a) => Jnp.Any(a, axis: 1))(flags).ToArray<bool>());
        var empty = Jnp.Zeros([0, 1]);
        Assert.Equal(new[] { 0 }, Jax.Jit((NDArray a) => Jnp.Sum(a, axis: 1))(empty).Shape);
    }

    [Fact]
    public void SecondReverseJacobianReadsTheMatrixInPlace()
    {
        // JacRev(JacRev(sum(tanh(W x)))) summed the broadcast cotangent over a unit axis: a transposing copy of W.
        var w = Values(16, 16);
        var x = Values(16) * 0.1f;
        var h = Jax.Jit(Jax.JacRev(Jax.JacRev((NDArray v) => Jnp.Sum(Jnp.Tanh(Jnp.Matmul(w, v))))));
        Assert.Equal(0, Reductions(h.Lower(x).Module));
        var t = Jnp.Tanh(Jnp.Matmul(w, x));
        var expected = Jnp.Matmul(w.T * (-2f * t * (1f - t * t)), w).ToArray<float>();
        var actual = h(x).ToArray<float>();
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5f, $"element {i}");
    }
}
