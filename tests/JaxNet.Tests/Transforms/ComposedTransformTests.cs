namespace JaxNet.Tests.Transforms;

/// <summary>Transformations composed across features: per-example gradients, vmapped and jitted samplers.</summary>
public class ComposedTransformTests
{
    private static NDArray Loss(NDArray w, NDArray x, NDArray y) => Jnp.Square(Jnp.Dot(x, w) - y);

    [Fact]
    public void Per_example_gradients_by_vmap_of_grad_equal_a_loop_of_single_example_gradients()
    {
        var keys = Jax.Random.Split(Jax.Random.PRNGKey(3), 3);
        var w = Jax.Random.Normal(keys[0], [5]);
        var xs = Jax.Random.Normal(keys[1], [8, 5]);
        var ys = Jax.Random.Normal(keys[2], [8]);
        var perExample = Jax.Vmap(Jax.Grad(Loss), inAxes: [null, 0, 0])(w, xs, ys);
        Assert.Equal(new[] { 8, 5 }, perExample.Shape);
        var batched = perExample.ToArray<float>();
        for (var i = 0; i < 8; i++)
        {
            var single = Jax.Grad(Loss)(w, xs[i], ys[i]).ToArray<float>();
            for (var j = 0; j < 5; j++) AssertClose(single[j], batched[i * 5 + j]);
        }
        // The same under Jit: one program, no Python-style loop.
        var jitted = Jax.Jit(Jax.Vmap(Jax.Grad(Loss), inAxes: [null, 0, 0]))(w, xs, ys).ToArray<float>();
        for (var k = 0; k < batched.Length; k++) AssertClose(batched[k], jitted[k]);
    }

    /// <summary>
    /// Equal up to float32 rounding: a batch of rows and a single row may sum a dot product in different orders
    /// (the GEMM runs eight rows at a time, one row as four chains), as XLA's batched and unbatched kernels may.
    /// </summary>
    private static void AssertClose(float expected, float actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6f * Math.Max(1f, Math.Abs(expected)) * 8, $"{actual} against {expected}");

    [Fact]
    public void Samplers_vmap_over_keys_like_a_loop_over_keys()
    {
        var keys = Jax.Random.Split(Jax.Random.PRNGKey(0), 4);
        var batched = Jax.Vmap(k => Jax.Random.Normal(k, [3]))(keys).ToArray<float>();
        for (var i = 0; i < 4; i++)
        {
            var single = Jax.Random.Normal(keys[i], [3]).ToArray<float>();
            for (var j = 0; j < 3; j++) Assert.Equal(single[j], batched[i * 3 + j], 6);
        }
    }

    [Fact]
    public void Grad_of_vmap_and_jit_of_grad_of_vmap_agree()
    {
        NDArray Total(NDArray w) => Jnp.Sum(Jax.Vmap((NDArray x) => Jnp.Tanh(Jnp.Dot(x, w)))(Jnp.Arange(12).Astype(DType.Float32).Reshape(4, 3) / 10f));
        var w0 = Jnp.Array(new float[] { 0.3f, -0.2f, 0.1f });
        var eager = Jax.Grad(Total)(w0).ToArray<float>();
        var jitted = Jax.Jit(Jax.Grad(Total))(w0).ToArray<float>();
        var rows = Jnp.Arange(12).Astype(DType.Float32).Reshape(4, 3).ToArray<float>();
        for (var j = 0; j < 3; j++)
        {
            double expected = 0;
            for (var i = 0; i < 4; i++)
            {
                var dot = 0.0;
                for (var k = 0; k < 3; k++) dot += rows[i * 3 + k] / 10.0 * new[] { 0.3, -0.2, 0.1 }[k];
                expected += (1 - Math.Tanh(dot) * Math.Tanh(dot)) * rows[i * 3 + j] / 10.0;
            }
            Assert.Equal(expected, eager[j], 5);
            Assert.Equal(expected, jitted[j], 5);
        }
    }
}
