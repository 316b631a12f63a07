namespace JaxNet.Samples.Mnist;

/// <summary>The MLP 784-512-512-10's parameters: a record pytree, so Jax.Grad returns an Mlp of gradients.</summary>
public sealed record Mlp(NDArray W1, NDArray B1, NDArray W2, NDArray B2, NDArray W3, NDArray B3)
{
    /// <summary>He-normal weights (truncated, as JAX's initializer), zero biases; one key per layer.</summary>
    public static Mlp Init(NDArray key, int inputs = 784, int hidden = 512, int classes = 10)
    {
        var keys = Jax.Random.Split(key, 3);
        var init = Jax.Nn.Initializers.HeNormal();
        return new Mlp(
            init(keys[0], [inputs, hidden]), Jnp.Zeros([hidden]),
            init(keys[1], [hidden, hidden]), Jnp.Zeros([hidden]),
            init(keys[2], [hidden, classes]), Jnp.Zeros([classes]));
    }

    public static Mlp ZerosLike(Mlp p) => Jax.TreeUtil.TreeMap(x => Jnp.ZerosLike(x), p);

    /// <summary>Log-probabilities of the classes for a batch of flattened images.</summary>
    public NDArray LogProbabilities(NDArray x)
    {
        var h1 = Jax.Nn.Relu(Jnp.Matmul(x, W1) + B1);
        var h2 = Jax.Nn.Relu(Jnp.Matmul(h1, W2) + B2);
        return Jax.Nn.LogSoftmax(Jnp.Matmul(h2, W3) + B3);
    }

    /// <summary>Mean softmax cross-entropy against integer labels.</summary>
    public static NDArray Loss(Mlp p, NDArray x, NDArray labels) =>
        -Jnp.Mean(Jnp.Sum(p.LogProbabilities(x) * Jax.Nn.OneHot(labels, 10), axis: 1));
}
