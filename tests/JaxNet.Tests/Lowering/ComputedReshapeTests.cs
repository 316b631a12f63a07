namespace JaxNet.Tests.Lowering;

/// <summary>
/// Reads that strides cannot express: a computed value reshaped where strides fail is written in its own shape and
/// read back with plain strides (no per-point index re-split, <c>reshape[...]</c> in a map); a pad by nothing (the
/// transpose of a slice that keeps everything) reads as a plain view. Values against eager evaluation.
/// </summary>
public sealed class ComputedReshapeTests
{
    // The module as text: each kernel with the index maps of its reads.
    private static string Text(Lowered lowered) => lowered.AsText();

    private static NDArray MaxPool(NDArray v) =>
        Jax.Lax.ReduceWindow(v, Jnp.Array(float.NegativeInfinity), Jax.Lax.Max, [1, 1, 2, 2], [1, 1, 2, 2], "VALID");

    [Fact]
    public void A_pooled_activation_flattened_for_a_dense_layer_is_computed_in_its_own_shape()
    {
        var x = Jax.Random.Normal(Jax.Random.PRNGKey(1), [4, 3, 6, 6]);
        var w = Jax.Random.Normal(Jax.Random.PRNGKey(2), [27, 5]);
        Func<NDArray, NDArray, NDArray> dense = (v, m) => Jnp.Matmul(MaxPool(v).Reshape([4, 27]), m);
        var lowered = Jax.Jit(dense).Lower(x, w);
        Assert.DoesNotContain("reshape[", Text(lowered));
        Assert.Equal(2, lowered.Compile().Kernels.Count);
        var expected = dense(x, w).ToArray<float>();
        var actual = Jax.Jit(dense)(x, w).ToArray<float>();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void An_elementwise_consumer_of_the_reshape_still_gets_the_right_values()
    {
        // The pool transposed then flattened: strides cannot merge its axes, so the pool is written first.
        var x = Jnp.Arange(2 * 2 * 4 * 6).Astype(DType.Float32).Reshape([2, 2, 4, 6]) % 7f;
        Func<NDArray, NDArray> f = v => Jnp.Transpose(MaxPool(v), [0, 1, 3, 2]).Reshape([2, 12]) * 2f + 1f;
        Assert.DoesNotContain("reshape[", Text(Jax.Jit(f).Lower(x)));
        Assert.Equal(f(x).ToArray<float>(), Jax.Jit(f)(x).ToArray<float>());
        // A reshape of a value read straight from a buffer stays a view (a copy would gain nothing).
        Func<NDArray, NDArray> plain = v => Jnp.Transpose(v, [0, 1, 3, 2]).Reshape([2, 48]) + 1f;
        Assert.Single(Jax.Jit(plain).Lower(x).Compile().Kernels);
        Assert.Equal(plain(x).ToArray<float>(), Jax.Jit(plain)(x).ToArray<float>());
    }

    [Fact]
    public void The_max_pool_gradient_reads_plain_strided_views()
    {
        var x = Jax.Random.Normal(Jax.Random.PRNGKey(3), [2, 4, 8, 8]);
        var grad = Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Tanh(MaxPool(Jax.Nn.Relu(v)))));
        var text = Text(Jax.Jit(grad).Lower(x));
        Assert.DoesNotContain("valid[", text);
        Assert.DoesNotContain("reshape[", text);
        Assert.Equal(grad(x).ToArray<float>(), Jax.Jit(grad)(x).ToArray<float>());
        var average = Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Tanh(Jax.Lax.ReduceWindow(v, Jnp.Array(0f), Jax.Lax.Add, [1, 1, 2, 2], [1, 1, 2, 2], "VALID"))));
        var averageText = Text(Jax.Jit(average).Lower(x));
        Assert.DoesNotContain("valid[", averageText);
        Assert.DoesNotContain("reshape[", averageText);
        Assert.Equal(average(x).ToArray<float>(), Jax.Jit(average)(x).ToArray<float>());
    }
}
