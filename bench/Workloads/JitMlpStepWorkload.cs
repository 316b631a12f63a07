using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// One training step of the MLP 784-512-512-10 on a batch of 128 (ReLU, softmax cross-entropy, SGD with lr 0.01),
/// written as a JAX user writes it: <c>Jax.Jit</c> of value_and_grad plus the update, parameters in, new parameters out.
/// </summary>
/// <param name="leftToCollector">True to drop the old parameters without disposing them, as a loop ported from JAX
/// does: then the finalizers free their device memory, after the collections the runtime starts for it.</param>
internal sealed class JitMlpStepWorkload(bool leftToCollector = false) : FrontendWorkload
{
    public override string Title => "MLP 784-512-512-10 train step, batch 128" + (leftToCollector ? ", old arrays left to the GC" : "");

    public override string PeerKey => leftToCollector ? "mlp_train_step_gc" : "mlp_train_step";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.FmaPeakGflops is { } peak ? new Limit(WorkloadCatalog.MlpStepFlops / (peak * 1e9) * 1e3, "0.41 GFLOP at the FMA peak") : null;

    private static NDArray Loss(NDArray[] p, NDArray x, NDArray labels)
    {
        var h1 = Jax.Nn.Relu(Jnp.Matmul(x, p[0]) + p[1]);
        var h2 = Jax.Nn.Relu(Jnp.Matmul(h1, p[2]) + p[3]);
        return -Jnp.Mean(Jnp.Sum(Jax.Nn.LogSoftmax(Jnp.Matmul(h2, p[4]) + p[5]) * Jax.Nn.OneHot(labels, 10), axis: 1));
    }

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var keys = Jax.Random.Split(Jax.Random.PRNGKey(3), 4);
        var init = Jax.Nn.Initializers.HeNormal();
        var parameters = new[] { init(keys[0], [784, 512]), Jnp.Zeros([512]), init(keys[1], [512, 512]), Jnp.Zeros([512]),
            init(keys[2], [512, 10]), Jnp.Zeros([10]) };
        var x = Jax.Random.Normal(keys[3], [128, 784]);
        var labels = Jnp.Arange(128) % 10;
        var step = Jax.Jit(args =>
        {
            var p = args[..6];
            var (loss, grads) = Jax.ValueAndGradN(q => Loss(q, args[6], args[7]), [0, 1, 2, 3, 4, 5])(p);
            return [loss, .. p.Zip(grads, (pi, gi) => pi - 0.01f * gi)];
        }, arity: 8);
        var loop = new TrainLoop(step, parameters, [x, labels], leftToCollector);
        return (loop.Step, () => loop.CheckLossFalls(KernelCount), [x, labels]);
    }
}
