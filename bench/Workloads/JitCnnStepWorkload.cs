namespace JaxNet.Bench.Workloads;

/// <summary>
/// One SGD step of a small CNN on a batch of 64 28x28 images, as a JAX user writes it (<c>Jax.Jit</c> of
/// value_and_grad plus the update): conv 1->32 3x3 SAME, relu, 2x2 max pool (lax.reduce_window), conv 32->64 3x3
/// SAME, relu, 2x2 max pool, dense 3136->10, softmax cross-entropy. PyTorch's autograd step beside it.
/// </summary>
internal sealed class JitCnnStepWorkload : FrontendWorkload
{
    private const int Batch = 64;

    public override string Title => "CNN 2 conv + 2 max pool + dense train step, batch 64 x 28x28";

    public override string PeerKey => "cnn_train_step";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    private static NDArray MaxPool(NDArray x) =>
        Jax.Lax.ReduceWindow(x, Jnp.Array(float.NegativeInfinity), Jax.Lax.Max, [1, 1, 2, 2], [1, 1, 2, 2], "VALID");

    private static NDArray Loss(NDArray[] p, NDArray x, NDArray labels)
    {
        var h1 = MaxPool(Jax.Nn.Relu(Jax.Lax.Conv(x, p[0], [1, 1], "SAME") + p[1].Reshape([32, 1, 1])));
        var h2 = MaxPool(Jax.Nn.Relu(Jax.Lax.Conv(h1, p[2], [1, 1], "SAME") + p[3].Reshape([64, 1, 1])));
        var logits = Jnp.Matmul(h2.Reshape([Batch, 64 * 7 * 7]), p[4]) + p[5];
        return -Jnp.Mean(Jnp.Sum(Jax.Nn.LogSoftmax(logits) * Jax.Nn.OneHot(labels, 10), axis: 1));
    }

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var keys = Jax.Random.Split(Jax.Random.PRNGKey(10), 4);
        var init = Jax.Nn.Initializers.HeNormal(inAxis: 1, outAxis: 0);
        var dense = Jax.Nn.Initializers.HeNormal();
        var parameters = new[] { init(keys[0], [32, 1, 3, 3]), Jnp.Zeros([32]), init(keys[1], [64, 32, 3, 3]), Jnp.Zeros([64]),
            dense(keys[2], [64 * 7 * 7, 10]), Jnp.Zeros([10]) };
        var x = Jax.Random.Normal(keys[3], [Batch, 1, 28, 28]);
        var labels = Jnp.Arange(Batch) % 10;
        var step = Jax.Jit(args =>
        {
            var p = args[..6];
            var (loss, grads) = Jax.ValueAndGradN(q => Loss(q, args[6], args[7]), [0, 1, 2, 3, 4, 5])(p);
            return [loss, .. p.Zip(grads, (pi, gi) => pi - 0.01f * gi)];
        }, arity: 8);
        var loop = new TrainLoop(step, parameters, [x, labels]);
        return (loop.Step, () => loop.CheckLossFalls(KernelCount), [x, labels]);
    }
}
